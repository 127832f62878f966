// The money follows the case: the households service announces the move, finance creates the compensation
// entitlement once (however often the event comes), and the case in the graph carries its grant.
import { createFinanceSubgraph } from '@second-chance/finance';
import { createHouseholdsSubgraph, generateKeys } from '@second-chance/households';
import { housingSubgraph } from '@second-chance/housing';
import { type TestPlatform, identity, startTestPlatform } from '@second-chance/testing';
import { as, movedCase, people } from './platform';

const SECRET = 'households-to-finance-secret-of-32-characters';
const subscribers: { name: string; url: string; secret: string }[] = [];
let platform: TestPlatform;

const admin = identity('platform-admin', 'PLATFORM:sc', 'admin');
const finance461 = identity('finance-officer', 'MUNICIPALITY:461', 'finance-461');
const finance101 = identity('finance-officer', 'MUNICIPALITY:101', 'finance-101');

beforeAll(async () => {
  platform = await startTestPlatform([
    housingSubgraph,
    createHouseholdsSubgraph({ keys: generateKeys(), offerResponseDays: 5, subscribers }),
    createFinanceSubgraph({ eventSecrets: [SECRET] }),
  ]);
  // The finance service listens once the platform is up; the households service reads its subscribers per event.
  subscribers.push({
    name: 'finance',
    url: platform.subgraph('finance').url.replace(/\/graphql$/, '/events'),
    secret: SECRET,
  });
});
afterAll(() => platform.close());

test('a move creates the compensation entitlement once; the case carries its grant', async () => {
  const { createAgreement } = await as(platform, admin).ok<{ createAgreement: { id: string } }>(
    `mutation ($input: CreateAgreementInput!) { createAgreement(input: $input) { id } }`,
    {
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
    },
  );

  const { caseId } = await movedCase(platform);
  const households = platform.subgraph('households');
  await households.runJobs();

  const entitlements = async () =>
    (
      await as(platform, finance461).ok<{
        compensationEntitlements: {
          nodes: { case: { id: string }; status: string; yearlyOre: number; agreement: { id: string } }[];
        };
      }>(`{ compensationEntitlements { nodes { case { id } status yearlyOre agreement { id } } } }`)
    ).compensationEntitlements.nodes.filter((e) => e.case.id === caseId);
  // One adult on kontanthjælp and one child: 25,000 + 40,000 + 15,000 kr a year.
  expect(await entitlements()).toEqual([
    { case: { id: caseId }, status: 'PENDING', yearlyOre: 8_000_000, agreement: { id: createAgreement.id } },
  ]);

  // The households service delivers the same event again (at least once): nothing is created twice.
  await households.owner.query(
    `SELECT graphile_worker.add_job('deliver_event', json_build_object('eventId', id, 'subscriber', 'finance'))
       FROM domain_event WHERE aggregate_id = $1`,
    [caseId],
  );
  await households.runJobs();
  expect(await entitlements()).toHaveLength(1);
  const received = await platform
    .subgraph('finance')
    .dataSource.query<{ outcome: string }[]>(
      `SELECT outcome FROM received_event WHERE payload->>'caseId' = $1 AND type = 'relocation-case.moved' ORDER BY received_at`,
      [caseId],
    );
  expect(received).toEqual([{ outcome: 'ENTITLEMENT_CREATED' }]);

  // The sending caseworker applies for the grant; the case in the graph shows it, split on approval.
  const [organisation] = await households.dataSource.query<{ receiving_organisation_id: string }[]>(
    'SELECT receiving_organisation_id FROM relocation_case WHERE id = $1',
    [caseId],
  );
  const { applyForGrant } = await as(platform, people.caseworker101).ok<{ applyForGrant: { id: string } }>(
    `mutation ($input: ApplyForGrantInput!) { applyForGrant(input: $input) { id } }`,
    {
      input: {
        caseId,
        agreementId: createAgreement.id,
        receivingMunicipalityCode: '461',
        receivingHousingOrganisationId: organisation?.receiving_organisation_id,
        requestedOre: 3_000_001,
        purpose: 'Depositum og indskud',
      },
    },
  );
  await as(platform, finance101).ok(`mutation ($id: ID!) { approveGrant(grantId: $id, amountOre: 3000001) { id } }`, {
    id: applyForGrant.id,
  });
  const { relocationCase } = await as(platform, people.caseworker101).ok<{
    relocationCase: { state: string; grant: { status: string; shares: { amountOre: number }[] }; compensation: null };
  }>(
    `query ($id: ID!) { relocationCase(id: $id) { state grant { status shares { amountOre payer { key } } } compensation { status } } }`,
    { id: caseId },
  );
  expect(relocationCase.state).toBe('MOVED');
  expect(relocationCase.grant.status).toBe('APPROVED');
  expect(relocationCase.grant.shares.map((s) => s.amountOre)).toEqual([1_500_001, 1_500_000]);
  // Compensation is the finance officers' business, not the caseworker's.
  expect(relocationCase.compensation).toBeNull();
});
