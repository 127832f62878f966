// The households service's events reach evaluation signed; each is applied once, in whatever order they come,
// and builds the case's way through the programme and the move into its area.
import { randomUUID } from 'node:crypto';
import type { TestPlatform } from '@second-chance/testing';
import { caseEvent, deliver, journey, sign, startEvaluation } from './helpers';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startEvaluation();
});
afterAll(() => platform.close());

const db = () => platform.subgraph('evaluation').dataSource;

test('an unsigned or wrongly signed event is refused (401) and changes nothing', async () => {
  const event = caseEvent({ caseId: randomUUID(), toState: 'NOMINATED', on: '2026-01-05' });
  expect((await deliver(platform, event, 'sha256=00')).status).toBe(401);
  expect(
    (await deliver(platform, event, sign(JSON.stringify(event), 'another-secret-of-thirty-two-chars!!'))).status,
  ).toBe(401);
  expect(await db().query('SELECT count(*)::int AS n FROM participation')).toEqual([{ n: 0 }]);
});

test('an event evaluation cannot read is refused (400) so the sender keeps it; other types are ignored', async () => {
  const event = caseEvent({ caseId: randomUUID(), toState: 'NOMINATED', on: '2026-01-05' });
  expect((await deliver(platform, { ...event, version: 2 })).status).toBe(400);
  expect((await deliver(platform, { ...event, payload: { ...event.payload, caseId: 'x' } })).status).toBe(400);
  expect((await deliver(platform, { ...event, type: 'household.registered' })).body).toEqual({ outcome: 'IGNORED' });
});

test('a journey builds the participation; the move is recorded once, however often it is delivered', async () => {
  const areaId = randomUUID();
  const caseId = await journey(platform, { start: '2026-01-05', last: 'ACCEPTED', areaId });
  const moved = caseEvent({ caseId, toState: 'MOVED', on: '2026-02-20', areaId });
  expect((await deliver(platform, moved)).body).toEqual({ outcome: 'MOVE_RECORDED' });
  expect((await deliver(platform, moved)).body).toEqual({ outcome: 'DUPLICATE' });
  // The same move told twice (two events): one move all the same.
  expect((await deliver(platform, { ...moved, id: randomUUID(), sequence: moved.sequence + 100 })).status).toBe(202);
  const [row] = await db().query(
    `SELECT nominated_on::text, consented_on::text, offered_on::text, accepted_on::text, moved_on::text, state,
            to_area_id FROM participation`,
  );
  expect(row).toEqual({
    nominated_on: '2026-01-05',
    consented_on: '2026-01-12',
    offered_on: '2026-01-26',
    accepted_on: '2026-02-02',
    moved_on: '2026-02-20',
    state: 'MOVED',
    to_area_id: areaId,
  });
  expect(
    await db().query(
      'SELECT area_id, members, adults_of_working_age, adults_outside_labour_market, members_with_open_case FROM in_move',
    ),
  ).toEqual([
    {
      area_id: areaId,
      members: 4,
      adults_of_working_age: 2,
      adults_outside_labour_market: 1,
      members_with_open_case: 1,
    },
  ]);
  // Nothing that names the case: evaluation keeps a hash of its id.
  expect(JSON.stringify(await db().query('SELECT * FROM participation'))).not.toContain(caseId);
});

test('events out of order: the earliest day of each stage and the state of the latest event win', async () => {
  const caseId = randomUUID();
  const later = caseEvent({ caseId, toState: 'CANCELLED', on: '2026-03-01', sequence: 5_000 });
  const earlier = caseEvent({ caseId, toState: 'CONSENTED', on: '2026-02-01', sequence: 4_999 });
  const first = caseEvent({ caseId, toState: 'NOMINATED', on: '2026-01-15', sequence: 4_998 });
  for (const event of [later, earlier, first]) expect((await deliver(platform, event)).status).toBe(202);
  const [row] = await db().query(
    `SELECT nominated_on::text, consented_on::text, state FROM participation WHERE nominated_on = '2026-01-15'`,
  );
  expect(row).toEqual({ nominated_on: '2026-01-15', consented_on: '2026-02-01', state: 'CANCELLED' });
});

test('events from before the area was announced still count the case (no move recorded without an area)', async () => {
  const caseId = randomUUID();
  const event = caseEvent({ caseId, toState: 'MOVED', on: '2026-04-01', areaId: null });
  const payload = { ...event.payload } as Record<string, unknown>;
  delete payload.toAreaId;
  expect((await deliver(platform, { ...event, payload })).body).toEqual({ outcome: 'APPLIED' });
});
