// Who sees what of a household, role by role, allowed and denied; and every read of personal data in the
// audit log, which only platform administrators read.
import { type TestPlatform, expectError, identity } from '@second-chance/testing';
import { CPR, REGISTER, as, homesIn, people, startGraph } from './platform';

let platform: TestPlatform;
let householdId: string;
let caseId: string;
let offerVacancyId: string;
let nominatingOrg: string;
let offeringOrg: string;

const HOUSEHOLD = `query ($id: ID!) { household(id: $id) {
  id size adults children needs { minRooms stepFreeAccess }
} }`;
const MEMBERS = `query ($id: ID!) { household(id: $id) { members { name birthDate isAdult labourMarketStatus } } }`;
const CPR_MASKED = `query ($id: ID!) { household(id: $id) { members { cpr } } }`;
const CPR_REVEALED = `query Reveal($id: ID!) { household(id: $id) { members { cpr(reveal: true) } } }`;
const SENSITIVE = `query ($id: ID!) { household(id: $id) { members { facts { kind value } criminalRecordFacts { kind releasedOn } } } }`;
const HOME = `query ($id: ID!) { household(id: $id) { home { id } } }`;

beforeAll(async () => {
  platform = await startGraph();
  const sending = as(platform, people.caseworker101);
  const home = await homesIn(platform, '101');
  nominatingOrg = home.owner.id;
  const newHome = await homesIn(platform, '461');
  offeringOrg = newHome.owner.id;
  offerVacancyId = newHome.vacancies[0]!.id;
  const { registerHousehold } = await sending.ok<{ registerHousehold: { id: string } }>(REGISTER, {
    input: {
      members: [
        {
          name: 'Amina Testesen',
          ...CPR.mother,
          facts: [{ kind: 'LABOUR_MARKET_STATUS', value: 'KONTANTHJAELP', startedOn: '2024-01-01' }],
        },
        { name: 'Sami Testesen', ...CPR.child },
      ],
      home: { unitId: home.units[0]!.id },
      needs: { minRooms: 1, stepFreeAccess: false, acceptableMunicipalityCodes: [] },
    },
  });
  householdId = registerHousehold.id;
  const { household } = await sending.ok<{ household: { members: { id: string }[] } }>(
    `query ($id: ID!) { household(id: $id) { members { id } } }`,
    { id: householdId },
  );
  await sending.ok(
    `mutation ($id: ID!) { recordCriminalRecordFact(memberId: $id, input: { kind: PRISON_RELEASE, releasedOn: "2026-06-01" }) { id } }`,
    { id: household.members[0]!.id },
  );
  await sending.ok(
    `mutation ($id: ID!) { recordConsent(householdId: $id, input: { purpose: RELOCATION, lawfulBasis: CONSENT, givenOn: "2026-10-01" }) { id } }`,
    { id: householdId },
  );
  const { nominateHousehold } = await as(platform, people.lettingOfficer(nominatingOrg)).ok<{
    nominateHousehold: { id: string };
  }>(
    `mutation ($id: ID!) { nominateHousehold(input: { householdId: $id, reasonCategory: SAFETY, reasonText: "Threats from neighbours" }) { id } }`,
    { id: householdId },
  );
  const { decideNomination } = await sending.ok<{ decideNomination: { case: { id: string } } }>(
    `mutation ($id: ID!) { decideNomination(nominationId: $id, input: { decision: ACCEPT }) { case { id } } }`,
    { id: nominateHousehold.id },
  );
  caseId = decideNomination.case.id;
  await sending.ok(`mutation ($id: ID!) { startSearch(caseId: $id) { state } }`, { id: caseId });
  await sending.ok(`mutation ($input: MakeOfferInput!) { makeOffer(input: $input) { id } }`, {
    input: { caseId, vacancyId: offerVacancyId },
  });
});
afterAll(() => platform.close());

async function auditRows(): Promise<{ actor: string; fields: string[]; operation: string }[]> {
  return platform
    .subgraph('households')
    .dataSource.query('SELECT actor, fields, operation FROM audit_entry WHERE household_id = $1 ORDER BY id', [
      householdId,
    ]);
}

describe('before the offer is accepted', () => {
  test('the receiving municipality sees nothing yet', async () => {
    const receiving = as(platform, people.caseworker461);
    expectError(await receiving.call(HOUSEHOLD, { id: householdId }), 'FORBIDDEN');
    expectError(
      await receiving.call(`query ($id: ID!) { relocationCase(id: $id) { state } }`, { id: caseId }),
      'FORBIDDEN',
    );
  });
});

describe('the responsible municipality', () => {
  test('sees everything, the CPR number masked unless it asks, and every read is logged', async () => {
    const sending = as(platform, people.caseworker101);
    const before = (await auditRows()).length;
    const members = await sending.ok<{ household: { members: { name: string; labourMarketStatus: string }[] } }>(
      MEMBERS,
      { id: householdId },
    );
    expect(members.household.members.map((m) => m.name)).toEqual(['Amina Testesen', 'Sami Testesen']);
    expect(members.household.members[0]!.labourMarketStatus).toBe('KONTANTHJAELP');
    const masked = await sending.ok<{ household: { members: { cpr: string }[] } }>(CPR_MASKED, { id: householdId });
    expect(masked.household.members.map((m) => m.cpr)).toEqual(['120388-****', '150915-****']);
    const revealed = await sending.ok<{ household: { members: { cpr: string }[] } }>(CPR_REVEALED, { id: householdId });
    expect(revealed.household.members.map((m) => m.cpr)).toEqual(['120388-1234', '150915-4012']);
    const sensitive = await sending.ok<{ household: { members: { criminalRecordFacts: { releasedOn: string }[] }[] } }>(
      SENSITIVE,
      {
        id: householdId,
      },
    );
    expect(sensitive.household.members[0]!.criminalRecordFacts).toEqual([
      { kind: 'PRISON_RELEASE', releasedOn: '2026-06-01' },
    ]);
    const rows = (await auditRows()).slice(before);
    expect(rows.map((r) => [r.actor, r.fields])).toEqual([
      ['caseworker-101', ['member.birthDate', 'member.labourMarketStatus', 'member.name']],
      ['caseworker-101', ['member.cpr(masked)']],
      ['caseworker-101', ['member.cpr(revealed)']],
      ['caseworker-101', ['member.criminalRecordFacts', 'member.facts']],
    ]);
    expect(rows[2]!.operation).toBe('Reveal');
  });

  test('finds its household by CPR number; another municipality finds nothing', async () => {
    const query = `query ($cpr: String!) { householdByCpr(cpr: $cpr) { id } }`;
    const found = await as(platform, people.caseworker101).ok<{ householdByCpr: { id: string } }>(query, {
      cpr: '1203881234',
    });
    expect(found.householdByCpr.id).toBe(householdId);
    const elsewhere = await as(platform, people.caseworker751).ok<{ householdByCpr: null }>(query, {
      cpr: '120388-1234',
    });
    expect(elsewhere.householdByCpr).toBeNull();
    expectError(
      await as(platform, people.caseworker101).call(query, { cpr: '310288-1234' }),
      'BAD_USER_INPUT',
      /birth date/,
    );
  });
});

describe('a housing organisation', () => {
  test('the offering organisation sees the offer with the household size and needs, nothing personal', async () => {
    const officer = as(platform, people.lettingOfficer(offeringOrg));
    const offers = await officer.ok<{
      vacancy: { offers: { status: string; household: { size: number; needs: { minRooms: number } } }[] };
    }>(`query ($id: ID!) { vacancy(id: $id) { offers { status household { size needs { minRooms } } } } }`, {
      id: offerVacancyId,
    });
    expect(offers.vacancy.offers).toEqual([{ status: 'PENDING', household: { size: 2, needs: { minRooms: 1 } } }]);
    const mine = await officer.ok<{ offersOfMyVacancies: { nodes: { case: null; note: null }[] } }>(
      `{ offersOfMyVacancies { nodes { case { id } note } } }`,
    );
    expect(mine.offersOfMyVacancies.nodes).toEqual([{ case: null, note: null }]);
    for (const query of [MEMBERS, CPR_MASKED, HOME])
      expectError(await officer.call(query, { id: householdId }), 'FORBIDDEN');
  });

  test('the nominating organisation sees its nomination and the household size; an unrelated one nothing', async () => {
    const nominating = as(platform, people.lettingOfficer(nominatingOrg));
    const nominations = await nominating.ok<{
      nominations: { nodes: { reasonCategory: string; household: { size: number } }[] };
    }>(`{ nominations { nodes { reasonCategory household { size } } } }`);
    expect(nominations.nominations.nodes).toEqual([{ reasonCategory: 'SAFETY', household: { size: 2 } }]);
    expectError(await nominating.call(MEMBERS, { id: householdId }), 'FORBIDDEN');
    const unrelated = as(platform, people.lettingOfficer('00000000-0000-4000-8000-0000000000cc'));
    expectError(await unrelated.call(HOUSEHOLD, { id: householdId }), 'FORBIDDEN');
    expect(
      (await unrelated.ok<{ nominations: { nodes: unknown[] } }>(`{ nominations { nodes { id } } }`)).nominations.nodes,
    ).toEqual([]);
  });
});

describe('others', () => {
  test('evaluators, finance officers, platform administrators and other municipalities see nothing', async () => {
    for (const who of [people.evaluator, people.financeOfficer, people.admin, people.caseworker751]) {
      const caller = as(platform, who);
      expectError(await caller.call(HOUSEHOLD, { id: householdId }), 'FORBIDDEN');
      expectError(
        await caller.call(`query ($id: ID!) { relocationCase(id: $id) { state } }`, { id: caseId }),
        'FORBIDDEN',
      );
    }
    for (const who of [people.evaluator, people.financeOfficer, people.admin]) {
      expectError(await as(platform, who).call(`{ relocationCases { nodes { id } } }`), 'FORBIDDEN');
    }
  });
});

describe('after the offer is accepted', () => {
  beforeAll(async () => {
    const { relocationCase } = await as(platform, people.caseworker101).ok<{
      relocationCase: { offers: { id: string }[] };
    }>(`query ($id: ID!) { relocationCase(id: $id) { offers { id } } }`, { id: caseId });
    await as(platform, people.caseworker101).ok(`mutation ($id: ID!) { acceptOffer(offerId: $id) { status } }`, {
      id: relocationCase.offers[0]!.id,
    });
  });

  test('the receiving municipality sees what reception needs, never CPR numbers or criminal records', async () => {
    const receiving = as(platform, people.caseworker461);
    const before = (await auditRows()).length;
    const members = await receiving.ok<{ household: { members: { name: string; labourMarketStatus: string }[] } }>(
      MEMBERS,
      {
        id: householdId,
      },
    );
    expect(members.household.members.map((m) => m.name)).toEqual(['Amina Testesen', 'Sami Testesen']);
    const kase = await receiving.ok<{ relocationCase: { state: string; history: unknown[] } }>(
      `query ($id: ID!) { relocationCase(id: $id) { state history { toState } } }`,
      { id: caseId },
    );
    expect(kase.relocationCase.state).toBe('ACCEPTED');
    for (const query of [CPR_MASKED, CPR_REVEALED, SENSITIVE, HOME]) {
      const refused = await receiving.call(query, { id: householdId });
      expectError(refused, 'FORBIDDEN');
      expect(JSON.stringify(refused.body)).not.toMatch(/120388|2026-06-01|PRISON/);
    }
    const rows = (await auditRows()).slice(before);
    expect(rows).toEqual([
      {
        actor: 'caseworker-461',
        fields: ['member.birthDate', 'member.labourMarketStatus', 'member.name'],
        operation: 'query',
      },
    ]);
  });

  test('the audit log is for platform administrators, and cannot be changed', async () => {
    for (const who of [people.caseworker101, people.evaluator, people.lettingOfficer(offeringOrg)]) {
      expectError(await as(platform, who).call(`{ auditLog { nodes { id } } }`), 'FORBIDDEN');
    }
    const { auditLog } = await as(platform, identity('platform-admin', 'PLATFORM:national')).ok<{
      auditLog: { nodes: { actor: string; actorOrganisationId: string; fields: string[]; via: string }[] };
    }>(
      `query ($id: ID!) { auditLog(filter: { householdId: $id }, first: 100) { nodes { actor actorOrganisationId fields via } } }`,
      {
        id: householdId,
      },
    );
    expect(auditLog.nodes.length).toBe((await auditRows()).length);
    expect(auditLog.nodes[0]).toMatchObject({ actor: 'caseworker-461', actorOrganisationId: '461', via: 'gateway' });
    // The service's own sessions may not even try; the tables' owner is stopped by the append-only trigger.
    const { dataSource: db, owner } = platform.subgraph('households');
    await expect(db.query('UPDATE audit_entry SET actor = $1', ['someone else'])).rejects.toThrow(/permission denied/);
    await expect(db.query('DELETE FROM audit_entry')).rejects.toThrow(/permission denied/);
    await expect(owner.query('UPDATE audit_entry SET actor = $1', ['someone else'])).rejects.toThrow(/append-only/);
    await expect(owner.query('DELETE FROM audit_entry')).rejects.toThrow(/append-only/);
  });
});
