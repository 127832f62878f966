// Reserving vacancies: atomic under concurrency, idempotent under retries, bounded in time, and only
// for those the letting channel lets in.
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { type TestPlatform, errorCode, expectError, expectNoErrors, startTestPlatform } from '@second-chance/testing';
import { housingSubgraph } from '../src';
import { ReservationEntity, VacancyEntity } from '../src/entities';
import { estate, people } from './fixtures';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform([housingSubgraph]);
});
afterAll(() => platform.close());

const db = (): DataSource => platform.subgraph('housing').dataSource;

const RESERVE = `mutation ($input: ReserveVacancyInput!) {
  reserveVacancy(input: $input) { id expiresAt reference holder { organisationType organisationId } vacancy { id status } } }`;

interface Reserved {
  reserveVacancy: { id: string; expiresAt: string; vacancy: { id: string; status: string } };
}

/** Waits until `count` sessions wait for a lock (the reservations, at the vacancy row the test holds). */
async function waitForLockWaiters(vacancyId: string, count: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const [row] = await db().query<{ waiting: number }[]>(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity
        WHERE wait_event_type = 'Lock' AND datname = current_database()`,
    );
    if ((row?.waiting ?? 0) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`fewer than ${count} reservations of ${vacancyId} reached the lock`);
}

function reserve(token: string, vacancyId: string, extra: Record<string, unknown> = {}) {
  return platform.query<Reserved>(token, RESERVE, { input: { vacancyId, idempotencyKey: randomUUID(), ...extra } });
}

describe('the reservation race', () => {
  it('gives exactly one of two concurrent reservations, and a CONFLICT to the other', async () => {
    const { vacancies } = await estate(db(), { unitCount: 1 });
    const [a, b] = [await platform.token(people.caseworker101), await platform.token(people.caseworker751)];
    const results = await Promise.all([reserve(a, vacancies[0]!.id), reserve(b, vacancies[0]!.id)]);
    const codes = results.map((r) => errorCode(r.body) ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    expect(await db().getRepository(ReservationEntity).countBy({ vacancyId: vacancies[0]!.id })).toBe(1);
  });

  it('decides the race in the database: both pass every check, the row lock lets one through', async () => {
    const { vacancies } = await estate(db(), { unitCount: 1 });
    const vacancyId = vacancies[0]!.id;
    // Hold the vacancy's row lock: both reservations pass their checks and wait at their first write.
    const blocker = db().createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query('SELECT id FROM vacancy WHERE id = $1 FOR UPDATE', [vacancyId]);
    const [a, b] = [await platform.token(people.caseworker101), await platform.token(people.caseworker751)];
    const racing = Promise.all([reserve(a, vacancyId), reserve(b, vacancyId)]);
    await waitForLockWaiters(vacancyId, 2);
    await blocker.commitTransaction();
    await blocker.release();
    const results = await racing;
    expect(results.map((r) => errorCode(r.body) ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
    const loser = results.find((r) => r.body.errors)!;
    expect(loser.body.errors![0]!.message).toMatch(/reserved by someone else a moment ago/);
    expect(await db().getRepository(ReservationEntity).countBy({ vacancyId })).toBe(1);
  });

  it('still gives exactly one of twenty concurrent reservations', async () => {
    const { vacancies } = await estate(db(), { unitCount: 1 });
    const token = await platform.token(people.caseworker101);
    const results = await Promise.all(Array.from({ length: 20 }, () => reserve(token, vacancies[0]!.id)));
    const winners = results.filter((r) => !r.body.errors);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => errorCode(r.body) === 'CONFLICT')).toHaveLength(19);
    const stored = await db().getRepository(VacancyEntity).findOneByOrFail({ id: vacancies[0]!.id });
    expect(stored.status).toBe('RESERVED');
    expect(stored.reservationId).toBe(winners[0]!.body.data?.reserveVacancy.id);
    expect(await db().getRepository(ReservationEntity).countBy({ vacancyId: vacancies[0]!.id })).toBe(1);
  });
});

describe('idempotency', () => {
  it('returns the same reservation when a reservation is retried with its key, even at the same moment', async () => {
    const { vacancies } = await estate(db(), { unitCount: 1 });
    const token = await platform.token(people.caseworker101);
    const idempotencyKey = randomUUID();
    const input = { vacancyId: vacancies[0]!.id, idempotencyKey, reference: 'SAG-2026-17' };
    const [first, second] = await Promise.all([
      platform.query<Reserved>(token, RESERVE, { input }),
      platform.query<Reserved>(token, RESERVE, { input }),
    ]);
    const retried = await platform.query<Reserved>(token, RESERVE, { input });
    const ids = [first, second, retried].map((r) => expectNoErrors(r).reserveVacancy.id);
    expect(new Set(ids).size).toBe(1);
    expect(await db().getRepository(ReservationEntity).countBy({ idempotencyKey })).toBe(1);
  });

  it('refuses a key reused for another vacancy as a CONFLICT', async () => {
    const { vacancies } = await estate(db(), { unitCount: 2 });
    const token = await platform.token(people.caseworker101);
    const idempotencyKey = randomUUID();
    expectNoErrors(await platform.query(token, RESERVE, { input: { vacancyId: vacancies[0]!.id, idempotencyKey } }));
    expectError(
      await platform.query(token, RESERVE, { input: { vacancyId: vacancies[1]!.id, idempotencyKey } }),
      'CONFLICT',
      /another vacancy/,
    );
  });

  it('gives the first reservation back only to someone who may hold it, not to another role of the organisation', async () => {
    const { vacancies } = await estate(db(), { unitCount: 1 });
    const idempotencyKey = randomUUID();
    const input = { vacancyId: vacancies[0]!.id, idempotencyKey, reference: 'SAG-2026-18' };
    expectNoErrors(await platform.query(await platform.token(people.caseworker101), RESERVE, { input }));
    const replayed = await platform.query<Reserved>(await platform.token(people.financeOfficer), RESERVE, { input });
    expectError(replayed, 'FORBIDDEN', /may not reserve/);
    expect(JSON.stringify(replayed.body)).not.toContain('SAG-2026-18');
    expect(await db().getRepository(ReservationEntity).countBy({ idempotencyKey })).toBe(1);
  });

  it('keeps keys apart between organisations', async () => {
    const { vacancies } = await estate(db(), { unitCount: 2 });
    const idempotencyKey = randomUUID();
    expectNoErrors(
      await platform.query(await platform.token(people.caseworker101), RESERVE, {
        input: { vacancyId: vacancies[0]!.id, idempotencyKey },
      }),
    );
    expectNoErrors(
      await platform.query(await platform.token(people.caseworker751), RESERVE, {
        input: { vacancyId: vacancies[1]!.id, idempotencyKey },
      }),
    );
  });
});

describe('expiry', () => {
  it('holds the vacancy until the reservation expires, then lets another reserve it', async () => {
    const { vacancies } = await estate(db(), { unitCount: 1 });
    const vacancyId = vacancies[0]!.id;
    const first = await platform.token(people.caseworker101);
    const reserved = expectNoErrors(await reserve(first, vacancyId));
    const expiresAt = new Date(reserved.reserveVacancy.expiresAt).getTime();
    expect(expiresAt - Date.now()).toBeGreaterThan(71 * 3_600_000);
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(72 * 3_600_000);
    expect(reserved.reserveVacancy.vacancy.status).toBe('RESERVED');

    const second = await platform.token(people.caseworker751);
    expectError(await reserve(second, vacancyId), 'CONFLICT', /not open|reserved/);
    // Time passes: the reservation's expiry is now behind us.
    await db()
      .getRepository(VacancyEntity)
      .update(vacancyId, { reservedUntil: new Date(Date.now() - 1000) });
    const taken = expectNoErrors(await reserve(second, vacancyId));
    expect(taken.reserveVacancy.vacancy.status).toBe('RESERVED');
  });

  it('refuses expiries shorter than five minutes or longer than thirty days', async () => {
    const { vacancies } = await estate(db(), { unitCount: 1 });
    const token = await platform.token(people.caseworker101);
    for (const expiresAt of [new Date(Date.now() + 60_000), new Date(Date.now() + 31 * 86_400_000)]) {
      expectError(
        await reserve(token, vacancies[0]!.id, { expiresAt: expiresAt.toISOString() }),
        'BAD_USER_INPUT',
        /expiresAt/,
      );
    }
    expect(await db().getRepository(ReservationEntity).countBy({ vacancyId: vacancies[0]!.id })).toBe(0);
  });
});

describe('who may reserve, release, let and withdraw', () => {
  it('lets caseworkers reserve PLATFORM vacancies anywhere, MUNICIPAL_ALLOCATION ones only at home', async () => {
    const platformEstate = await estate(db(), { unitCount: 1, channel: 'PLATFORM', municipalityCode: '751' });
    const allocation = await estate(db(), { unitCount: 2, channel: 'MUNICIPAL_ALLOCATION', municipalityCode: '751' });
    const waitingList = await estate(db(), { unitCount: 1, channel: 'WAITING_LIST', municipalityCode: '751' });
    const copenhagen = await platform.token(people.caseworker101);
    const aarhus = await platform.token(people.caseworker751);
    expectNoErrors(await reserve(copenhagen, platformEstate.vacancies[0]!.id));
    expectError(await reserve(copenhagen, allocation.vacancies[0]!.id), 'FORBIDDEN');
    expectNoErrors(await reserve(aarhus, allocation.vacancies[1]!.id));
    expectError(await reserve(aarhus, waitingList.vacancies[0]!.id), 'FORBIDDEN');
    for (const who of [people.evaluator, people.financeOfficer, people.admin]) {
      expectError(await reserve(await platform.token(who), waitingList.vacancies[0]!.id), 'FORBIDDEN');
    }
    const owner = await platform.token(people.lettingOfficer(waitingList.owner.id));
    expectNoErrors(await reserve(owner, waitingList.vacancies[0]!.id));
    const otherOrganisation = await platform.token(people.lettingOfficer(platformEstate.owner.id));
    expectError(await reserve(otherOrganisation, allocation.vacancies[0]!.id), 'FORBIDDEN');
  });

  it('shows the reservation to its holder, the owner and administrators only', async () => {
    const { owner, vacancies } = await estate(db(), { unitCount: 1 });
    const holder = await platform.token(people.caseworker101);
    expectNoErrors(await reserve(holder, vacancies[0]!.id, { reference: 'SAG-1' }));
    const read = async (token: string) =>
      expectNoErrors(
        await platform.query<{ vacancy: { status: string; reservation: { reference: string } | null } }>(
          token,
          'query ($id: ID!) { vacancy(id: $id) { status reservation { reference } } }',
          { id: vacancies[0]!.id },
        ),
      ).vacancy;
    expect(await read(holder)).toEqual({ status: 'RESERVED', reservation: { reference: 'SAG-1' } });
    expect(await read(await platform.token(people.lettingOfficer(owner.id)))).toEqual({
      status: 'RESERVED',
      reservation: { reference: 'SAG-1' },
    });
    expect(await read(await platform.token(people.admin))).toEqual({
      status: 'RESERVED',
      reservation: { reference: 'SAG-1' },
    });
    expect(await read(await platform.token(people.caseworker751))).toEqual({ status: 'RESERVED', reservation: null });
  });

  it('lets the holder or the owner release, nobody else; a released vacancy is open again', async () => {
    const { owner, vacancies } = await estate(db(), { unitCount: 2 });
    const holder = await platform.token(people.caseworker101);
    const release = 'mutation ($id: ID!) { releaseReservation(vacancyId: $id) { status reservation { id } } }';
    expectNoErrors(await reserve(holder, vacancies[0]!.id));
    expectNoErrors(await reserve(holder, vacancies[1]!.id));
    expectError(
      await platform.query(await platform.token(people.caseworker751), release, { id: vacancies[0]!.id }),
      'FORBIDDEN',
    );
    expect(expectNoErrors(await platform.query(holder, release, { id: vacancies[0]!.id }))).toEqual({
      releaseReservation: { status: 'OPEN', reservation: null },
    });
    expectError(await platform.query(holder, release, { id: vacancies[0]!.id }), 'CONFLICT', /no reservation/);
    const ownerToken = await platform.token(people.lettingOfficer(owner.id));
    expectNoErrors(await platform.query(ownerToken, release, { id: vacancies[1]!.id }));
    const ended = await db().getRepository(ReservationEntity).findBy({ vacancyId: vacancies[0]!.id });
    expect(ended[0]?.endedAt).toBeInstanceOf(Date);
  });

  it('lets the owner let or withdraw a vacancy once, ending its reservation; no one else lets it', async () => {
    const { owner, vacancies } = await estate(db(), { unitCount: 2 });
    const ownerToken = await platform.token(people.lettingOfficer(owner.id));
    const caseworker = await platform.token(people.caseworker101);
    expectNoErrors(await reserve(caseworker, vacancies[0]!.id));
    const letQuery = 'mutation ($id: ID!) { letVacancy(id: $id) { status closedAt } }';
    const withdrawQuery =
      'mutation ($id: ID!, $reason: String) { withdrawVacancy(id: $id, reason: $reason) { status withdrawnReason } }';
    const otherCaseworker = await platform.token(people.caseworker751);
    expectError(await platform.query(otherCaseworker, letQuery, { id: vacancies[0]!.id }), 'FORBIDDEN');
    const let_ = expectNoErrors(
      await platform.query<{ letVacancy: { status: string; closedAt: string } }>(ownerToken, letQuery, {
        id: vacancies[0]!.id,
      }),
    );
    expect(let_.letVacancy.status).toBe('LET');
    expectError(await platform.query(ownerToken, letQuery, { id: vacancies[0]!.id }), 'CONFLICT', /LET/);
    expectError(await platform.query(ownerToken, withdrawQuery, { id: vacancies[0]!.id }), 'CONFLICT');
    expect(
      expectNoErrors(await platform.query(ownerToken, withdrawQuery, { id: vacancies[1]!.id, reason: 'Renovering' })),
    ).toEqual({ withdrawVacancy: { status: 'WITHDRAWN', withdrawnReason: 'Renovering' } });
    expectError(await reserve(caseworker, vacancies[1]!.id), 'CONFLICT', /WITHDRAWN/);
    const reservation = await db().getRepository(ReservationEntity).findOneByOrFail({ vacancyId: vacancies[0]!.id });
    expect(reservation.endedAt).toBeInstanceOf(Date);
  });

  it('answers NOT_FOUND for a vacancy that does not exist, and BAD_USER_INPUT for a poor key', async () => {
    const token = await platform.token(people.caseworker101);
    expectError(await reserve(token, '00000000-0000-4000-8000-00000000abcd'), 'NOT_FOUND');
    expectError(await reserve(token, 'nonsense'), 'NOT_FOUND');
    const { vacancies } = await estate(db(), { unitCount: 1 });
    expectError(
      await platform.query(token, RESERVE, { input: { vacancyId: vacancies[0]!.id, idempotencyKey: 'short' } }),
      'BAD_USER_INPUT',
      /idempotencyKey/,
    );
  });
});

describe('the households service, calling on behalf of caseworkers', () => {
  it('may read, reserve, let and release as the caseworker it acts for, and nothing else', async () => {
    const { startTestPlatform: start } = await import('@second-chance/testing');
    const { callService } = await import('@second-chance/service-kit');
    const withCaller = await start([housingSubgraph], { callers: { households: ['housing'] } });
    try {
      const { vacancies } = await estate(withCaller.subgraph('housing').dataSource, { unitCount: 2 });
      const link = withCaller.link('households', 'housing');
      const call = <D>(query: string, variables: Record<string, unknown>, identity = people.caseworker101) =>
        callService<D>({ from: 'households', to: 'housing', link, identity, query, variables });
      const read = await call<{ vacancy: { status: string } }>('query ($id: ID!) { vacancy(id: $id) { status } }', {
        id: vacancies[0]!.id,
      });
      expect(read.vacancy.status).toBe('OPEN');
      await call(RESERVE, { input: { vacancyId: vacancies[0]!.id, idempotencyKey: randomUUID() } });
      await call(RESERVE, { input: { vacancyId: vacancies[1]!.id, idempotencyKey: randomUUID() } });
      // The holder lets what it holds; another municipality may not.
      const letQuery = 'mutation ($id: ID!) { letVacancy(id: $id) { status } }';
      await expect(call(letQuery, { id: vacancies[0]!.id }, people.caseworker751)).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      expect(await call(letQuery, { id: vacancies[0]!.id })).toEqual({ letVacancy: { status: 'LET' } });
      const release = 'mutation ($id: ID!) { releaseReservation(vacancyId: $id) { status } }';
      expect(await call(release, { id: vacancies[1]!.id })).toEqual({ releaseReservation: { status: 'OPEN' } });
      // Operations it was not granted are refused, whoever it acts for.
      await expect(call('{ units { nodes { id } } }', {}, people.admin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(
        call(
          'mutation { registerHousingOrganisation(input: { name: "X", cvrNumber: "99990007", municipalityCode: "101" }) { id } }',
          {},
          people.admin,
        ),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      // A forged secret, or the service's assertion in the gateway's header, is refused outright.
      const forged = { ...link, secret: 'f'.repeat(40) };
      await expect(
        callService({
          from: 'households',
          to: 'housing',
          link: forged,
          identity: people.caseworker101,
          query: '{ __typename }',
        }),
      ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      const { signServiceAssertion, GATEWAY_ASSERTION_HEADER } = await import('@second-chance/identity');
      const { default: request } = await import('supertest');
      const misplaced = await request(withCaller.subgraph('housing').server.app)
        .post('/graphql')
        .set(GATEWAY_ASSERTION_HEADER, await signServiceAssertion(link.secret, 'households', 'housing', people.admin))
        .send({ query: '{ units { nodes { id } } }' });
      expect(misplaced.status).toBe(401);
    } finally {
      await withCaller.close();
    }
  });
});
