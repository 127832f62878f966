// The data subject's rights over the households service's personal data, end to end through the gateway: a
// family's whole way through the programme exported (art. 15) and erased (art. 17) once its case is closed, the
// audit log showing both; restriction of processing (art. 18) stopping every step while allowing what stops
// processing; every other role and municipality refused; erasure idempotent; and the daily retention job erasing
// the households past their retention period. Finance's ledger still resolves the erased family's case, and
// evaluation's records by pseudonym are left as they were.
import { createEvaluationSubgraph } from '@second-chance/evaluation';
import { createFinanceSubgraph } from '@second-chance/finance';
import { createHouseholdsSubgraph, generateKeys } from '@second-chance/households';
import { housingSubgraph } from '@second-chance/housing';
import type { Identity } from '@second-chance/identity';
import { type TestPlatform, errorCode, expectError, identity, startTestPlatform } from '@second-chance/testing';
import { TASKS, enqueue } from '../../../services/households/src/jobs/queue';
import { CPR, MAKE_OFFER, REGISTER, as, caseState, homesIn, people, searchingCase, vacancyStatus } from './platform';

const FINANCE_SECRET = 'households-to-finance-secret-of-32-characters';
const EVALUATION_SECRET = 'households-to-evaluation-secret-of-32-chars';
const subscribers: { name: string; url: string; secret: string }[] = [];
/** Read by the retention job each time it runs: the retention test changes it. */
const retention = { daysAfterClose: 1095, daysWithoutCase: 365 };
let platform: TestPlatform;

const admin = people.admin;
const caseworker101 = people.caseworker101;
const caseworker461 = identity('caseworker', 'MUNICIPALITY:461', 'caseworker-461');
const finance461 = identity('finance-officer', 'MUNICIPALITY:461', 'finance-461');

/** The family whose way through the programme is exported and then erased. */
const hansen = {
  mother: 'Mette Kirstine Hansen',
  son: 'Oliver Hansen',
  address: 'Nørrebrogade 12, 3. tv, 2200 København N',
  householdId: '',
  caseId: '',
  memberIds: [] as string[],
  ownerId: '',
  newUnitId: '',
};
/** Every piece of the family's personal data that goes in as text, to look for after the erasure. */
const HANSEN_TEXT = [
  'Mette',
  'Kirstine',
  'Hansen',
  'Oliver',
  'Nørrebrogade',
  '120388',
  '1203881234',
  '150915',
  '1988-03-12',
  '2015-09-15',
  '2019-04-01',
  'neighbours on the staircase',
  'close to her work',
  'too small for two',
  'start over away from the old network',
  'evening job at the bakery',
  'settled in well',
];

const EXPORT = `query Export($id: ID!) { personalDataExport(householdId: $id) { householdId generatedAt format document } }`;
const RESTRICT = `mutation Restrict($id: ID!, $reason: String!) {
  restrictProcessing(householdId: $id, reason: $reason) { householdId restricted since by reason } }`;
const LIFT = `mutation Lift($id: ID!, $reason: String!) {
  liftRestriction(householdId: $id, reason: $reason) { householdId restricted since by reason } }`;
const ERASE = `mutation Erase($id: ID!, $reason: String!, $key: String!) {
  erasePersonalData(householdId: $id, reason: $reason, idempotencyKey: $key) {
    id householdId erasedAt erasedBy reason records { kind count how } } }`;
const AUDIT = `query ($filter: AuditLogFilter) { auditLog(filter: $filter, first: 100) {
  nodes { actor actorOrganisationId via householdId action fields operation reason } } }`;

interface Erasure {
  id: string;
  householdId: string;
  erasedAt: string;
  erasedBy: string;
  reason: string;
  records: { kind: string; count: number; how: string }[];
}
interface AuditNode {
  actor: string;
  actorOrganisationId: string;
  via: string;
  householdId: string;
  action: string;
  fields: string[];
  operation: string;
  reason: string | null;
}

const households = () => platform.subgraph('households');
const sql = async <T>(query: string, params: unknown[] = []) => households().dataSource.query<T[]>(query, params);
const count = async (query: string, params: unknown[] = []) =>
  Number((await sql<{ n: string }>(query, params))[0]?.n ?? 0);

async function auditOf(householdId: string, actions?: string[]): Promise<AuditNode[]> {
  const { auditLog } = await as(platform, admin).ok<{ auditLog: { nodes: AuditNode[] } }>(AUDIT, {
    filter: { householdId, ...(actions ? { actions } : {}) },
  });
  return auditLog.nodes;
}

async function exportOf(who: Identity, householdId: string) {
  const { personalDataExport } = await as(platform, who).ok<{
    personalDataExport: { householdId: string; generatedAt: string; format: string; document: string };
  }>(EXPORT, { id: householdId });
  return { ...personalDataExport, parsed: JSON.parse(personalDataExport.document) as ExportDocument };
}

interface ExportDocument {
  format: string;
  household: {
    id: string;
    address: string | null;
    needs: { minRooms: number | null };
    processingRestriction: unknown;
    erasedAt: string | null;
    erasure: { erasedBy: string; reason: string } | null;
  };
  members: {
    name: string;
    cpr: string | null;
    birthDate: string;
    facts: { kind: string; value: string }[];
    criminalRecordFacts: { kind: string; releasedOn: string }[];
  }[];
  consents: { purpose: string; lawfulBasis: string; withdrawalReason: string | null }[];
  nominations: { reasonText: string; decisionNote: string | null }[];
  cases: {
    id: string;
    state: string;
    history: { action: string; reason: string | null }[];
    offers: { status: string; note: string | null; declineReason: string | null }[];
    receptionStrategy: {
      summary: string | null;
      parties: { party: string }[];
      activities: { description: string; outcome: string | null }[];
    } | null;
  }[];
  inMoverApplications: unknown[];
  allocationProposals: unknown[];
  sharedWithOtherServices: { recipients: string[]; events: { type: string; payload: Record<string, unknown> }[] };
  auditLog: AuditNode[];
  retention: { daysAfterClose: number; daysWithoutCase: number; endsAt: string | null };
}

/** Every row of every table of the households database, as text (what the service's role may read). */
async function everyRow(): Promise<string> {
  const tables = await sql<{ table_name: string }>(
    `SELECT c.relname AS table_name FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND has_table_privilege(c.oid, 'SELECT')`,
  );
  const rows: string[] = [];
  for (const { table_name } of tables) {
    for (const row of await sql<{ row: string }>(`SELECT t::text AS row FROM "${table_name}" t`)) rows.push(row.row);
  }
  return rows.join('\n');
}

/** Evaluation's records (by pseudonym and hashed case id), to show the erasure leaves them as they were. */
async function evaluationRecords(): Promise<string> {
  const db = platform.subgraph('evaluation').dataSource;
  const parts = [
    await db.query('SELECT * FROM participation ORDER BY case_ref'),
    await db.query('SELECT * FROM in_move ORDER BY case_ref'),
    await db.query('SELECT * FROM outcome ORDER BY household_pseudonym, point'),
  ];
  return JSON.stringify(parts);
}

beforeAll(async () => {
  platform = await startTestPlatform([
    housingSubgraph,
    createEvaluationSubgraph({ eventSecrets: [EVALUATION_SECRET] }),
    createHouseholdsSubgraph({ keys: generateKeys(), offerResponseDays: 5, subscribers, retention }),
    createFinanceSubgraph({ eventSecrets: [FINANCE_SECRET] }),
  ]);
  for (const [name, secret] of [
    ['finance', FINANCE_SECRET],
    ['evaluation', EVALUATION_SECRET],
  ] as const) {
    subscribers.push({ name, url: platform.subgraph(name).url.replace(/\/graphql$/, '/events'), secret });
  }
  // Finance compensates moves from 101 to 461: the family's move puts its case in finance's ledger.
  await as(platform, admin).ok(`mutation ($input: CreateAgreementInput!) { createAgreement(input: $input) { id } }`, {
    input: {
      name: 'Aftale København-Odense',
      parties: [
        { kind: 'MUNICIPALITY', id: '101' },
        { kind: 'MUNICIPALITY', id: '461' },
      ],
      validFrom: '2026-01-01',
      grantPolicy: {
        maxGrantOre: 5_000_000,
        payers: [
          { role: 'RECEIVING_HOUSING_ORGANISATION', basisPoints: 5000 },
          { role: 'SENDING_MUNICIPALITY', basisPoints: 5000 },
        ],
      },
      compensationPolicy: {
        baseYearlyOre: 2_500_000,
        perAdultOutsideLabourMarketYearlyOre: 4_000_000,
        perChildYearlyOre: 1_500_000,
        taperBasisPoints: [10_000, 7_500, 5_000, 2_500],
        billing: 'BILL',
        claimDeadlineDays: 90,
        departmentCompensationOre: 0,
      },
    },
  });

  // The Hansen family of 101: registered with an address, facts and a release, nominated, offered a home it
  // declines, then one it accepts in 461; the strategy is signed, the family moves, is followed up, and the case
  // is closed. Free text about the family goes in at every step where the API takes it.
  const sending = as(platform, caseworker101);
  const { registerHousehold } = await sending.ok<{ registerHousehold: { id: string } }>(REGISTER, {
    input: {
      members: [
        {
          name: hansen.mother,
          ...CPR.mother,
          facts: [{ kind: 'LABOUR_MARKET_STATUS', value: 'KONTANTHJAELP', startedOn: '2021-02-01' }],
        },
        { name: hansen.son, ...CPR.child },
      ],
      home: { address: hansen.address },
      needs: { minRooms: 1, stepFreeAccess: false, acceptableMunicipalityCodes: [] },
    },
  });
  hansen.householdId = registerHousehold.id;
  const { household } = await sending.ok<{ household: { members: { id: string; name: string }[] } }>(
    `query ($id: ID!) { household(id: $id) { members { id name } } }`,
    { id: hansen.householdId },
  );
  hansen.memberIds = household.members.map((m) => m.id);
  const motherId = household.members.find((m) => m.name === hansen.mother)!.id;
  await sending.ok(
    `mutation ($id: ID!) { recordCriminalRecordFact(memberId: $id, input: { kind: PRISON_RELEASE, releasedOn: "2019-04-01" }) { id } }`,
    { id: motherId },
  );
  await sending.ok(
    `mutation ($id: ID!) { recordConsent(householdId: $id, input: { purpose: RELOCATION, lawfulBasis: CONSENT, givenOn: "2026-01-05" }) { id } }`,
    { id: hansen.householdId },
  );
  const { nominateHousehold } = await sending.ok<{ nominateHousehold: { id: string } }>(
    `mutation ($id: ID!) { nominateHousehold(input: { householdId: $id, reasonCategory: NEIGHBOURHOOD_CONFLICT,
       reasonText: "Mette Hansen is threatened by neighbours on the staircase" }) { id } }`,
    { id: hansen.householdId },
  );
  const { decideNomination } = await sending.ok<{ decideNomination: { case: { id: string } } }>(
    `mutation ($id: ID!) { decideNomination(nominationId: $id, input: { decision: ACCEPT,
       note: "Mette wants to start over away from the old network" }) { case { id } } }`,
    { id: nominateHousehold.id },
  );
  hansen.caseId = decideNomination.case.id;
  await sending.ok(`mutation ($id: ID!) { startSearch(caseId: $id) { state } }`, { id: hansen.caseId });

  const homes = await homesIn(platform, '461', 2);
  hansen.ownerId = homes.owner.id;
  hansen.newUnitId = homes.vacancies[1]!.unitId;
  const first = await sending.ok<{ makeOffer: { id: string } }>(MAKE_OFFER, {
    input: { caseId: hansen.caseId, vacancyId: homes.vacancies[0]!.id, note: 'close to her work for Mette' },
  });
  await sending.ok(
    `mutation ($id: ID!) { declineOffer(offerId: $id, input: { reason: HOME_DOES_NOT_FIT, note: "too small for two" }) { status } }`,
    { id: first.makeOffer.id },
  );
  const second = await sending.ok<{ makeOffer: { id: string } }>(MAKE_OFFER, {
    input: { caseId: hansen.caseId, vacancyId: homes.vacancies[1]!.id },
  });
  await sending.ok(`mutation ($id: ID!) { acceptOffer(offerId: $id) { status } }`, { id: second.makeOffer.id });
  const { draftReceptionStrategy } = await sending.ok<{ draftReceptionStrategy: { id: string } }>(
    `mutation ($id: ID!) { draftReceptionStrategy(caseId: $id, input: { summary: "Oliver Hansen starts school in August" }) { id } }`,
    { id: hansen.caseId },
  );
  const strategyId = draftReceptionStrategy.id;
  const parties = [sending, as(platform, caseworker461), as(platform, people.lettingOfficer(hansen.ownerId))];
  for (const party of parties) {
    await party.ok(`mutation ($id: ID!) { setStrategyContact(strategyId: $id, input: { name: "Kontakt" }) { id } }`, {
      id: strategyId,
    });
  }
  for (const party of parties) {
    await party.ok(`mutation ($id: ID!) { signReceptionStrategy(strategyId: $id) { id } }`, { id: strategyId });
  }
  const today = new Date().toISOString().slice(0, 10);
  await sending.ok(`mutation ($id: ID!, $d: Date!) { setMoveDate(caseId: $id, moveDate: $d) { id } }`, {
    id: hansen.caseId,
    d: today,
  });
  await sending.ok(`mutation ($id: ID!, $d: Date!) { recordMove(caseId: $id, movedOn: $d) { state } }`, {
    id: hansen.caseId,
    d: today,
  });
  const { addStrategyActivity } = await sending.ok<{ addStrategyActivity: { id: string } }>(
    `mutation ($id: ID!, $d: Date!) { addStrategyActivity(strategyId: $id, input: { kind: EMPLOYMENT,
       description: "Mette: an evening job at the bakery", ownerParty: RECEIVING_MUNICIPALITY, dueOn: $d }) { id } }`,
    { id: strategyId, d: today },
  );
  await as(platform, caseworker461).ok(
    `mutation ($id: ID!) { updateStrategyActivity(activityId: $id, input: { status: DONE, outcome: "Mette settled in well at the bakery" }) { id } }`,
    { id: addStrategyActivity.id },
  );
  await sending.ok(`mutation ($id: ID!) { startFollowUp(caseId: $id) { state } }`, { id: hansen.caseId });
  await sending.ok(
    `mutation ($id: ID!) { closeCase(caseId: $id, note: "Mette and Oliver settled in well") { state } }`,
    {
      id: hansen.caseId,
    },
  );
  // Finance and evaluation hear of every step.
  await households().runJobs();

  // Reads: the family's municipality reveals a CPR number; the receiving municipality reads the names.
  await sending.ok(`query Reveal($id: ID!) { household(id: $id) { members { cpr(reveal: true) } } }`, {
    id: hansen.householdId,
  });
  await as(platform, caseworker461).ok(`query Reception($id: ID!) { household(id: $id) { members { name } } }`, {
    id: hansen.householdId,
  });
}, 180_000);
afterAll(() => platform.close());

test('the export holds everything about the family and each member, CPR numbers in clear, and is audited', async () => {
  const { householdId, format, generatedAt, parsed } = await exportOf(caseworker101, hansen.householdId);
  expect(householdId).toBe(hansen.householdId);
  expect(format).toBe('second-chance/personal-data-export@1');
  expect(Date.parse(generatedAt)).toBeGreaterThan(Date.now() - 60_000);

  // The family lives in its new home now: the address it had is no longer held (the move replaced it).
  expect(parsed.household).toEqual(
    expect.objectContaining({
      id: hansen.householdId,
      home: { unitId: hansen.newUnitId, housingOrganisationId: hansen.ownerId },
      address: null,
      needs: expect.objectContaining({ minRooms: 1 }),
      erasedAt: null,
    }),
  );
  expect(parsed.members.map((m) => [m.name, m.cpr, m.birthDate])).toEqual([
    [hansen.mother, CPR.mother.cpr, CPR.mother.birthDate],
    [hansen.son, CPR.child.cpr, CPR.child.birthDate],
  ]);
  expect(parsed.members[0]!.facts).toEqual([
    expect.objectContaining({ kind: 'LABOUR_MARKET_STATUS', value: 'KONTANTHJAELP' }),
  ]);
  expect(parsed.members[0]!.criminalRecordFacts).toEqual([
    expect.objectContaining({ kind: 'PRISON_RELEASE', releasedOn: '2019-04-01' }),
  ]);
  expect(parsed.consents).toEqual([
    expect.objectContaining({ purpose: 'RELOCATION', lawfulBasis: 'CONSENT', withdrawalReason: null }),
  ]);
  expect(parsed.nominations).toEqual([
    expect.objectContaining({
      reasonText: 'Mette Hansen is threatened by neighbours on the staircase',
      decisionNote: 'Mette wants to start over away from the old network',
    }),
  ]);
  const [kase] = parsed.cases;
  expect(kase).toEqual(expect.objectContaining({ id: hansen.caseId, state: 'CLOSED' }));
  expect(kase!.history.map((e) => e.action)).toEqual([
    'NOMINATE',
    'CONFIRM_CONSENT',
    'START_SEARCH',
    'OFFER',
    'OFFER_ENDED',
    'OFFER',
    'ACCEPT_OFFER',
    'MOVE',
    'START_FOLLOW_UP',
    'CLOSE',
  ]);
  expect(kase!.history.at(-1)!.reason).toBe('Mette and Oliver settled in well');
  expect(kase!.offers).toEqual([
    expect.objectContaining({ status: 'DECLINED', declineReason: 'HOME_DOES_NOT_FIT', note: 'too small for two' }),
    expect.objectContaining({ status: 'ACCEPTED' }),
  ]);
  expect(kase!.receptionStrategy).toEqual(
    expect.objectContaining({
      summary: 'Oliver Hansen starts school in August',
      activities: [
        expect.objectContaining({
          description: 'Mette: an evening job at the bakery',
          outcome: 'Mette settled in well at the bakery',
        }),
      ],
    }),
  );
  expect(kase!.receptionStrategy!.parties).toHaveLength(3);

  // What finance and evaluation were told, without the pseudonym that is the key to their records.
  expect(parsed.sharedWithOtherServices.recipients).toEqual(['finance', 'evaluation']);
  expect(parsed.sharedWithOtherServices.events.map((e) => e.type)).toContain('relocation-case.moved');
  const [pseudonym] = await platform
    .subgraph('evaluation')
    .dataSource.query<{ p: string }[]>('SELECT DISTINCT household_pseudonym AS p FROM participation');
  expect(pseudonym?.p).toMatch(/^[0-9a-f]{32}$/);
  expect(JSON.stringify(parsed)).not.toContain(pseudonym!.p);

  // The recipients of the data (art. 15(1)(c)): who read what, ending with this export itself.
  const actors = parsed.auditLog.map((a) => `${a.actor}:${a.action}`);
  expect(actors).toEqual(
    expect.arrayContaining(['caseworker-101:READ', 'caseworker-461:READ', 'caseworker-101:EXPORT']),
  );
  expect(parsed.auditLog.at(-1)).toEqual(
    expect.objectContaining({ actor: 'caseworker-101', action: 'EXPORT', operation: 'Export', via: 'gateway' }),
  );
  expect(parsed.auditLog.find((a) => a.actor === 'caseworker-461')!.fields).toEqual(['member.name']);
  expect(parsed.retention).toEqual({ daysAfterClose: 1095, daysWithoutCase: 365, endsAt: expect.any(String) });

  // A platform administrator may export too; the log shows both exports.
  await exportOf(admin, hansen.householdId);
  const exports = await auditOf(hansen.householdId, ['EXPORT']);
  expect(exports.map((e) => e.actor).sort()).toEqual(['admin-1', 'caseworker-101']);
  expect(exports[0]!.fields).toEqual(expect.arrayContaining(['members.cpr(revealed)', 'members.criminalRecordFacts']));
});

test('every other role and every other municipality is refused, and nothing changes', async () => {
  const refused: Identity[] = [
    people.caseworker751,
    caseworker461, // it received the family: it still may not export, restrict or erase
    people.financeOfficer, // of 101, the family's municipality
    finance461,
    people.lettingOfficer(hansen.ownerId),
    people.evaluator,
  ];
  const before = await auditOf(hansen.householdId);
  for (const who of refused) {
    const caller = as(platform, who);
    const reason = { id: hansen.householdId, reason: 'the lawful basis ended' };
    for (const result of [
      await caller.call(EXPORT, { id: hansen.householdId }),
      await caller.call(RESTRICT, reason),
      await caller.call(LIFT, reason),
      await caller.call(ERASE, { ...reason, key: `refused-${who.subject}` }),
    ]) {
      expectError(result, 'FORBIDDEN', /caseworkers of the household's municipality and platform administrators/);
      expect(result.body.data).toBeNull();
    }
  }
  for (const operation of [EXPORT, RESTRICT, ERASE]) {
    const result = await platform.query(null, operation, {
      id: hansen.householdId,
      reason: 'the lawful basis ended',
      key: 'anonymous-1',
    });
    expect(errorCode(result.body)).toBe('UNAUTHENTICATED');
  }
  // An unknown household is not found; bad input is refused before anything is read.
  expectError(
    await as(platform, caseworker101).call(EXPORT, { id: '00000000-0000-4000-8000-000000000000' }),
    'NOT_FOUND',
  );
  expectError(
    await as(platform, caseworker101).call(ERASE, { id: hansen.householdId, reason: 'x', key: 'short-reason-1' }),
    'BAD_USER_INPUT',
    /reason/,
  );
  expectError(
    await as(platform, caseworker101).call(ERASE, { id: hansen.householdId, reason: 'case closed', key: 'k 1' }),
    'BAD_USER_INPUT',
    /idempotencyKey/,
  );

  expect(await auditOf(hansen.householdId)).toEqual(before);
  expect(await count('SELECT count(*) AS n FROM household_member WHERE household_id = $1', [hansen.householdId])).toBe(
    2,
  );
  expect(await count('SELECT count(*) AS n FROM personal_data_erasure')).toBe(0);
  expect(
    await count('SELECT count(*) AS n FROM household WHERE id = $1 AND restricted_at IS NULL AND erased_at IS NULL', [
      hansen.householdId,
    ]),
  ).toBe(1);
});

test('restriction stops every step forward, keeps reads with the municipality, and allows what stops', async () => {
  const sending = as(platform, caseworker101);
  const family = await searchingCase(platform, {
    members: [
      { name: 'Rikke Restriktion', birthDate: '1990-01-01' },
      { name: 'Rasmus Restriktion', birthDate: '2018-02-02' },
    ],
  });
  const other = await searchingCase(platform, { members: [{ name: 'Ulla Uden', birthDate: '1975-05-05' }] });
  const homes = await homesIn(platform, '461', 2);
  const status = (id: string) =>
    sql<{ restricted_at: Date | null }>('SELECT restricted_at FROM household WHERE id = $1', [id]);

  // A reason the audit log would keep with a member's name in it is refused; nothing changes.
  expectError(
    await sending.call(RESTRICT, { id: family.householdId, reason: 'Rikke contests her facts' }),
    'BAD_USER_INPUT',
    /names a member of the household/,
  );
  expect((await status(family.householdId))[0]!.restricted_at).toBeNull();

  const { restrictProcessing } = await sending.ok<{ restrictProcessing: Record<string, unknown> }>(RESTRICT, {
    id: family.householdId,
    reason: 'art. 18(1)(a): the accuracy of the facts is contested',
  });
  expect(restrictProcessing).toEqual({
    householdId: family.householdId,
    restricted: true,
    since: expect.any(String),
    by: 'caseworker-101',
    reason: 'art. 18(1)(a): the accuracy of the facts is contested',
  });
  expectError(
    await sending.call(RESTRICT, { id: family.householdId, reason: 'once more' }),
    'CONFLICT',
    /already restricted/,
  );

  // Nothing goes forward.
  const { household } = await sending.ok<{ household: { members: { id: string }[] } }>(
    `query ($id: ID!) { household(id: $id) { members { id } } }`,
    { id: family.householdId },
  );
  const memberId = household.members[0]!.id;
  const blocked: [string, Record<string, unknown>][] = [
    [MAKE_OFFER, { input: { caseId: family.caseId, vacancyId: homes.vacancies[0]!.id } }],
    [
      `mutation ($id: ID!) { updateHouseholdNeeds(householdId: $id, input: { minRooms: 3, stepFreeAccess: true, acceptableMunicipalityCodes: [] }) { id } }`,
      { id: family.householdId },
    ],
    [
      `mutation ($id: ID!) { setHome(householdId: $id, input: { address: "Et andet sted 1" }) { id } }`,
      { id: family.householdId },
    ],
    [
      `mutation ($id: ID!) { addMember(householdId: $id, input: { name: "Ny Person", birthDate: "2020-01-01" }) { id } }`,
      { id: family.householdId },
    ],
    [
      `mutation ($id: ID!) { recordFact(memberId: $id, input: { kind: LABOUR_MARKET_STATUS, value: "EMPLOYED", startedOn: "2026-01-01" }) { id } }`,
      { id: memberId },
    ],
    [
      `mutation ($id: ID!) { recordCriminalRecordFact(memberId: $id, input: { kind: PRISON_RELEASE, releasedOn: "2025-01-01" }) { id } }`,
      { id: memberId },
    ],
    [
      `mutation ($id: ID!) { recordConsent(householdId: $id, input: { purpose: MUNICIPAL_ALLOCATION, lawfulBasis: CONSENT, givenOn: "2026-01-01" }) { id } }`,
      { id: family.householdId },
    ],
    [
      `mutation ($id: ID!) { removeMember(memberId: $id, leftOn: "2026-01-01") { id } }`,
      { id: household.members[1]!.id },
    ],
  ];
  const rowsBefore = await everyRow();
  for (const [operation, variables] of blocked) {
    expectError(await sending.call(operation, variables), 'CONFLICT', /restricted \(GDPR art\. 18\)/);
  }
  expect(await everyRow()).toBe(rowsBefore);
  expect(await vacancyStatus(platform, homes.vacancies[0]!.id)).toBe('OPEN');

  // Allocation rounds leave the household out, and read nothing of it.
  await as(platform, admin).ok(`mutation { runAllocationRound { id } }`);
  const proposed = await sql<{ household_id: string }>('SELECT DISTINCT household_id FROM allocation_proposal');
  expect(proposed.map((p) => p.household_id)).toContain(other.householdId);
  expect(proposed.map((p) => p.household_id)).not.toContain(family.householdId);
  expect((await auditOf(family.householdId)).filter((a) => a.via === 'allocation-round')).toEqual([]);

  // Lifted: it goes on; an offer is made and accepted, so 461 receives the family and reads the names.
  const { liftRestriction } = await sending.ok<{ liftRestriction: { restricted: boolean; since: null } }>(LIFT, {
    id: family.householdId,
    reason: 'the facts were checked and corrected',
  });
  expect(liftRestriction).toEqual(expect.objectContaining({ restricted: false, since: null }));
  expectError(await sending.call(LIFT, { id: family.householdId, reason: 'again' }), 'CONFLICT', /not restricted/);
  const { makeOffer } = await sending.ok<{ makeOffer: { id: string } }>(MAKE_OFFER, {
    input: { caseId: family.caseId, vacancyId: homes.vacancies[0]!.id },
  });
  await sending.ok(`mutation ($id: ID!) { acceptOffer(offerId: $id) { status } }`, { id: makeOffer.id });
  const NAMES = `query ($id: ID!) { household(id: $id) { members { name } } }`;
  await as(platform, caseworker461).ok(NAMES, { id: family.householdId });
  await as(platform, people.lettingOfficer(homes.owner.id)).ok(`query ($id: ID!) { household(id: $id) { size } }`, {
    id: family.householdId,
  });

  // Restricted again: only the family's municipality reads it; the strategy cannot be drafted.
  await sending.ok(RESTRICT, { id: family.householdId, reason: 'the household objects to the processing' });
  expect(
    (await sending.ok<{ household: { members: unknown[] } }>(NAMES, { id: family.householdId })).household.members,
  ).toHaveLength(2);
  expectError(await as(platform, caseworker461).call(NAMES, { id: family.householdId }), 'FORBIDDEN');
  expectError(
    await as(platform, people.lettingOfficer(homes.owner.id)).call(`query ($id: ID!) { household(id: $id) { size } }`, {
      id: family.householdId,
    }),
    'FORBIDDEN',
  );
  expectError(
    await sending.call(`mutation ($id: ID!) { draftReceptionStrategy(caseId: $id, input: {}) { id } }`, {
      id: family.caseId,
    }),
    'CONFLICT',
    /restricted/,
  );
  const { household: seen } = await sending.ok<{
    household: { processingRestriction: { restricted: boolean; reason: string } };
  }>(`query ($id: ID!) { household(id: $id) { processingRestriction { restricted reason } } }`, {
    id: family.householdId,
  });
  expect(seen.processingRestriction).toEqual({ restricted: true, reason: 'the household objects to the processing' });

  // What stops processing is allowed: the case is cancelled.
  await sending.ok(`mutation ($id: ID!) { cancelCase(caseId: $id, reason: "the household objected") { state } }`, {
    id: family.caseId,
  });
  expect(await caseState(platform, family.caseId)).toBe('CANCELLED');

  const log = await auditOf(family.householdId, ['RESTRICTION', 'RESTRICTION_LIFTED']);
  expect(log.map((a) => [a.action, a.actor, a.reason]).reverse()).toEqual([
    ['RESTRICTION', 'caseworker-101', 'art. 18(1)(a): the accuracy of the facts is contested'],
    ['RESTRICTION_LIFTED', 'caseworker-101', 'the facts were checked and corrected'],
    ['RESTRICTION', 'caseworker-101', 'the household objects to the processing'],
  ]);
});

test('erasure waits for a case in progress, refuses personal data in its reason, then erases everything', async () => {
  const sending = as(platform, caseworker101);
  const searching = await searchingCase(platform, { members: [{ name: 'Sara Søgende', birthDate: '1982-08-08' }] });
  expectError(
    await sending.call(ERASE, {
      id: searching.householdId,
      reason: 'the lawful basis ended',
      key: 'erase-searching-1',
    }),
    'CONFLICT',
    /a case in progress \(SEARCHING\): end it first/,
  );
  expect(
    await count('SELECT count(*) AS n FROM household_member WHERE household_id = $1', [searching.householdId]),
  ).toBe(1);

  const rowsBefore = await everyRow();
  expectError(
    await sending.call(ERASE, { id: hansen.householdId, reason: 'Mette Hansen asked for it', key: 'erase-hansen-1' }),
    'BAD_USER_INPUT',
    /names a member of the household/,
  );
  expectError(
    await sending.call(ERASE, { id: hansen.householdId, reason: 'requested by 120388-1234', key: 'erase-hansen-1' }),
    'BAD_USER_INPUT',
    /CPR number/,
  );
  expect(await everyRow()).toBe(rowsBefore);
  const evaluationBefore = await evaluationRecords();

  const { erasePersonalData: erasure } = await sending.ok<{ erasePersonalData: Erasure }>(ERASE, {
    id: hansen.householdId,
    reason: 'art. 17(1)(a): the case is closed and the data is no longer necessary',
    key: 'erase-hansen-1',
  });
  expect(erasure).toEqual(
    expect.objectContaining({
      householdId: hansen.householdId,
      erasedBy: 'caseworker-101',
      reason: 'art. 17(1)(a): the case is closed and the data is no longer necessary',
    }),
  );
  const records = Object.fromEntries(erasure.records.map((r) => [r.kind, [r.count, r.how]]));
  expect(records).toEqual(
    expect.objectContaining({
      household: [1, 'OVERWRITTEN'],
      members: [2, 'DELETED'],
      memberFacts: [1, 'DELETED'],
      criminalRecordFacts: [1, 'DELETED'],
      consents: [1, 'OVERWRITTEN'],
      nominations: [1, 'DELETED'],
      relocationCases: [1, 'KEPT'],
      offers: [2, 'OVERWRITTEN'],
      receptionStrategies: [1, 'OVERWRITTEN'],
      strategyActivities: [1, 'DELETED'],
      domainEvents: [10, 'KEPT'],
    }),
  );
  expect(records['caseEventReasons']![0]).toBeGreaterThanOrEqual(5);

  // Nothing of the family's personal data is left anywhere in the households database: not its names, CPR
  // numbers (in clear, and as the hash that found them: no member row is left), dates, address or free text.
  const rows = await everyRow();
  for (const text of HANSEN_TEXT) expect(rows).not.toContain(text);
  expect(await count('SELECT count(*) AS n FROM household_member WHERE household_id = $1', [hansen.householdId])).toBe(
    0,
  );
  const [tombstone] = await sql<Record<string, unknown>>(
    `SELECT home_unit_id, home_address_ciphertext, min_rooms, max_monthly_rent_ore, erased_at IS NOT NULL AS erased
       FROM household WHERE id = $1`,
    [hansen.householdId],
  );
  expect(tombstone).toEqual({
    home_unit_id: null,
    home_address_ciphertext: null,
    min_rooms: null,
    max_monthly_rent_ore: null,
    erased: true,
  });
  // The municipality's list of households leaves it out; a person's CPR number finds nothing any more.
  const { households: listed } = await sending.ok<{ households: { nodes: { id: string }[] } }>(
    `{ households(first: 100) { nodes { id } } }`,
  );
  expect(listed.nodes.map((h) => h.id)).not.toContain(hansen.householdId);
  const { householdByCpr } = await sending.ok<{ householdByCpr: unknown }>(
    `query ($cpr: String!) { householdByCpr(cpr: $cpr) { id } }`,
    { cpr: CPR.mother.cpr },
  );
  expect(householdByCpr).toBeNull();

  // The case skeleton stays, for finance's ledger refers to it; it resolves, without anyone in it.
  const { compensationEntitlements } = await as(platform, finance461).ok<{
    compensationEntitlements: { nodes: { case: { id: string } }[] };
  }>(`{ compensationEntitlements { nodes { case { id } } } }`);
  expect(compensationEntitlements.nodes).toContainEqual({ case: { id: hansen.caseId } });
  const { relocationCase } = await sending.ok<{ relocationCase: Record<string, unknown> }>(
    `query ($id: ID!) { relocationCase(id: $id) { state movedOn
       history { action reason } household { id size members { name } erasedAt } } }`,
    { id: hansen.caseId },
  );
  expect(relocationCase).toEqual({
    state: 'CLOSED',
    movedOn: expect.any(String),
    history: expect.arrayContaining([{ action: 'CLOSE', reason: null }]),
    household: { id: hansen.householdId, size: 0, members: [], erasedAt: expect.any(String) },
  });
  // Evaluation's records by pseudonym are as they were.
  expect(await evaluationRecords()).toBe(evaluationBefore);

  // The audit log shows the erasure: who, when, why, which household; and holds no personal data itself.
  const [entry] = await auditOf(hansen.householdId, ['ERASURE']);
  expect(entry).toEqual(
    expect.objectContaining({
      actor: 'caseworker-101',
      actorOrganisationId: '101',
      householdId: hansen.householdId,
      action: 'ERASURE',
      operation: 'Erase',
      reason: 'art. 17(1)(a): the case is closed and the data is no longer necessary',
    }),
  );
  expect(entry!.fields).toEqual(expect.arrayContaining(['members', 'criminalRecordFacts', 'caseEventReasons']));
  const log = JSON.stringify(await auditOf(hansen.householdId));
  for (const text of HANSEN_TEXT) expect(log).not.toContain(text);

  // The export now shows what is left: the erasure, no member, no free text.
  const after = await exportOf(caseworker101, hansen.householdId);
  expect(after.parsed.household.erasedAt).toEqual(expect.any(String));
  expect(after.parsed.household.erasure).toEqual(expect.objectContaining({ erasedBy: 'caseworker-101' }));
  expect(after.parsed.members).toEqual([]);
  expect(after.parsed.cases[0]!.history.every((e) => e.reason === null)).toBe(true);
  for (const text of HANSEN_TEXT) expect(after.document).not.toContain(text);

  // Nothing is done with an erased household any more.
  expectError(
    await sending.call(
      `mutation ($id: ID!) { recordConsent(householdId: $id, input: { purpose: RELOCATION, lawfulBasis: CONSENT, givenOn: "2026-01-01" }) { id } }`,
      { id: hansen.householdId },
    ),
    'CONFLICT',
    /erased on/,
  );
  expectError(await sending.call(RESTRICT, { id: hansen.householdId, reason: 'too late' }), 'CONFLICT', /erased on/);
});

test('erasure is idempotent: a retry returns the first result; a key is for one household', async () => {
  const sending = as(platform, caseworker101);
  const variables = { id: hansen.householdId, reason: 'a retry after a lost answer', key: 'erase-hansen-1' };
  const [first] = await sql<{ id: string }>('SELECT id FROM personal_data_erasure WHERE household_id = $1', [
    hansen.householdId,
  ]);
  const { erasePersonalData: again } = await sending.ok<{ erasePersonalData: Erasure }>(ERASE, variables);
  expect(again.id).toBe(first!.id);
  expect(again.reason).toBe('art. 17(1)(a): the case is closed and the data is no longer necessary');
  // Concurrent retries too: each gets the same erasure.
  const concurrent = await Promise.all([sending.call(ERASE, variables), sending.call(ERASE, variables)]);
  for (const result of concurrent) {
    expect((result.body.data as { erasePersonalData: Erasure }).erasePersonalData.id).toBe(first!.id);
  }
  expect(await auditOf(hansen.householdId, ['ERASURE'])).toHaveLength(1);

  // Another key for the erased household, or the same key for another household: CONFLICT.
  expectError(await sending.call(ERASE, { ...variables, key: 'erase-hansen-2' }), 'CONFLICT', /was erased on/);
  const closed = await searchingCase(platform, { members: [{ name: 'Kaj Lukket', birthDate: '1970-07-07' }] });
  await sending.ok(`mutation ($id: ID!) { cancelCase(caseId: $id, reason: "no longer wanted") { state } }`, {
    id: closed.caseId,
  });
  expectError(
    await sending.call(ERASE, { ...variables, id: closed.householdId }),
    'CONFLICT',
    /used for the erasure of another household/,
  );
  expect(await count('SELECT count(*) AS n FROM household_member WHERE household_id = $1', [closed.householdId])).toBe(
    1,
  );
  // A platform administrator erases on the municipality's behalf; its keys are its own.
  const { erasePersonalData: byAdmin } = await as(platform, admin).ok<{ erasePersonalData: Erasure }>(ERASE, {
    ...variables,
    id: closed.householdId,
  });
  expect(byAdmin).toEqual(expect.objectContaining({ householdId: closed.householdId, erasedBy: 'admin-1' }));
});

test('the case history stays append-only: only an erased household has its reasons blanked', async () => {
  const db = households().dataSource;
  const live = await searchingCase(platform, { members: [{ name: 'Lise Levende', birthDate: '1991-09-09' }] });
  await expect(db.query('UPDATE case_event SET reason = NULL WHERE case_id = $1', [live.caseId])).rejects.toThrow(
    /append-only/,
  );
  await expect(db.query(`UPDATE case_event SET actor = 'someone' WHERE case_id = $1`, [hansen.caseId])).rejects.toThrow(
    /append-only|permission denied/,
  );
  await expect(db.query('DELETE FROM case_event WHERE case_id = $1', [hansen.caseId])).rejects.toThrow(
    /append-only|permission denied/,
  );
  await expect(db.query(`UPDATE audit_entry SET reason = NULL`)).rejects.toThrow(/append-only|permission denied/);
});

test('the daily retention job erases the households past their retention period, and no other', async () => {
  const sending = as(platform, caseworker101);
  const register = async (name: string, address?: string) =>
    (
      await sending.ok<{ registerHousehold: { id: string } }>(REGISTER, {
        input: {
          members: [{ name, birthDate: '1980-01-01' }],
          ...(address ? { home: { address } } : {}),
          needs: { minRooms: 1, stepFreeAccess: false, acceptableMunicipalityCodes: [] },
        },
      })
    ).registerHousehold.id;
  const neverNominated = await register('Niels Nominering', 'Vesterbrogade 99, 1620 København V');
  expect((await exportOf(caseworker101, neverNominated)).parsed.household.address).toBe(
    'Vesterbrogade 99, 1620 København V',
  );
  const restricted = await register('Rita Restriktion');
  await sending.ok(RESTRICT, { id: restricted, reason: 'kept for a legal claim (art. 18(1)(c))' });
  const applying = await register('Anna Ansøger');
  await sending.ok(
    `mutation ($id: ID!) { recordConsent(householdId: $id, input: { purpose: MUNICIPAL_ALLOCATION, lawfulBasis: CONSENT, givenOn: "2026-01-01" }) { id } }`,
    { id: applying },
  );
  await sending.ok(
    `mutation ($id: ID!) { applyForMunicipalAllocation(householdId: $id, input: { minRooms: 1, stepFreeAccess: false, maxMonthlyRentOre: 800000, acceptableMunicipalityCodes: [] }) { id } }`,
    { id: applying },
  );
  const cancelled = await searchingCase(platform, { members: [{ name: 'Carl Cancel', birthDate: '1979-03-03' }] });
  await sending.ok(`mutation ($id: ID!) { cancelCase(caseId: $id, reason: "moved abroad") { state } }`, {
    id: cancelled.caseId,
  });
  const searching = await searchingCase(platform, { members: [{ name: 'Sofie Søger', birthDate: '1984-04-04' }] });

  const runRetention = async () => {
    await households().dataSource.transaction((manager) => enqueue(manager, TASKS.eraseHouseholdsPastRetention, {}));
    await households().runJobs();
  };
  const erased = async (ids: string[]) =>
    (await sql<{ id: string }>('SELECT id FROM household WHERE id = ANY($1) AND erased_at IS NOT NULL', [ids])).map(
      (r) => r.id,
    );
  const all = [neverNominated, restricted, applying, cancelled.householdId, searching.householdId];

  // A day's retention: everything here is younger.
  retention.daysAfterClose = 1;
  retention.daysWithoutCase = 1;
  await runRetention();
  expect(await erased(all)).toEqual([]);

  // None: past at once, but only where nothing is in progress and nothing is restricted.
  retention.daysAfterClose = 0;
  retention.daysWithoutCase = 0;
  await runRetention();
  expect((await erased(all)).sort()).toEqual([neverNominated, cancelled.householdId].sort());
  for (const id of [neverNominated, cancelled.householdId]) {
    const [entry] = await auditOf(id, ['ERASURE']);
    expect(entry).toEqual(
      expect.objectContaining({ actor: 'system:retention', actorOrganisationId: 'households', via: 'retention' }),
    );
    expect(entry!.reason).toMatch(/^retention period ended: .* for 0 days \(RETENTION_DAYS_(AFTER_CLOSE|NO_CASE)\)$/);
  }
  expect(
    await count('SELECT count(*) AS n FROM household_member WHERE household_id = ANY($1)', [
      [neverNominated, cancelled.householdId],
    ]),
  ).toBe(0);
  const rows = await everyRow();
  for (const text of ['Niels Nominering', 'Vesterbrogade', 'Carl Cancel', 'moved abroad']) {
    expect(rows).not.toContain(text);
  }
  for (const name of ['Rita Restriktion', 'Anna Ansøger', 'Sofie Søger']) expect(rows).toContain(name);

  // Running it again erases nothing more, and writes nothing twice.
  const erasures = await count('SELECT count(*) AS n FROM personal_data_erasure');
  await runRetention();
  expect(await count('SELECT count(*) AS n FROM personal_data_erasure')).toBe(erasures);
  retention.daysAfterClose = 1095;
  retention.daysWithoutCase = 365;
}, 60_000);
