// Agreements and moving grants through the gateway: who may make and change them, the cap and the budget,
// the exact split between payers, payments once, and decisions that release nothing twice.
import { randomUUID } from 'node:crypto';
import { type TestPlatform, expectError } from '@second-chance/testing';
import { CREATE_AGREEMENT, agreementInput, as, people, startFinance } from './helpers';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startFinance();
});
afterAll(() => platform.close());

const count = async (table: string) =>
  Number(
    (await platform.subgraph('finance').dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM ${table}`))[0]?.n,
  );

async function agreement(overrides: Record<string, unknown> = {}) {
  const { createAgreement } = await as(platform, people.finance101).ok<{
    createAgreement: { id: string; current: { version: number } };
  }>(CREATE_AGREEMENT, { input: agreementInput(overrides) });
  return createAgreement.id;
}

const GRANT = `id status requestedOre approvedOre paidOre agreementVersion shares { payer { key } basisPoints amountOre }
  payments { id amountOre paidOn } sendingMunicipality { key }`;
const APPLY = `mutation ($input: ApplyForGrantInput!) { applyForGrant(input: $input) { ${GRANT} } }`;
const APPROVE = `mutation ($id: ID!, $amount: Ore!) { approveGrant(grantId: $id, amountOre: $amount) { ${GRANT} } }`;
const PAY = `mutation ($input: RecordGrantPaymentInput!) { recordGrantPayment(input: $input) { id amountOre paidOn } }`;
const WITHDRAW = `mutation ($id: ID!) { withdrawGrant(grantId: $id, reason: "the case stopped") { ${GRANT} } }`;
const DECLINE = `mutation ($id: ID!) { declineGrant(grantId: $id, reason: "not eligible") { ${GRANT} } }`;
const COMMITTED = `query ($id: ID!) { agreement(id: $id) { grantsCommittedOre } }`;

interface Grant {
  id: string;
  status: string;
  approvedOre: number | null;
  paidOre: number;
  shares: { payer: { key: string }; basisPoints: number; amountOre: number }[];
  payments: { id: string; amountOre: number }[];
}

async function apply(agreementId: string, requestedOre = 4_000_001, extra: Record<string, unknown> = {}) {
  const { applyForGrant } = await as(platform, people.caseworker101).ok<{ applyForGrant: Grant }>(APPLY, {
    input: {
      caseId: randomUUID(),
      agreementId,
      receivingMunicipalityCode: '751',
      receivingHousingOrganisationId: 'ho-aarhus',
      requestedOre,
      purpose: 'Flytning og etablering: depositum, indskud, møbler',
      ...extra,
    },
  });
  return applyForGrant;
}

const committed = async (id: string) =>
  (await as(platform, people.finance101).ok<{ agreement: { grantsCommittedOre: number } }>(COMMITTED, { id })).agreement
    .grantsCommittedOre;

describe('agreements', () => {
  test('a finance officer of a party makes one; a retry with the same key returns it', async () => {
    const input = agreementInput({ idempotencyKey: 'aftale-2024-aarhus' });
    const first = await as(platform, people.finance101).ok<{ createAgreement: { id: string; parties: unknown[] } }>(
      CREATE_AGREEMENT,
      { input },
    );
    const again = await as(platform, people.finance101).ok<{ createAgreement: { id: string } }>(CREATE_AGREEMENT, {
      input,
    });
    expect(again.createAgreement.id).toBe(first.createAgreement.id);
    expect(first.createAgreement.parties).toHaveLength(4);
  });

  test('only a party, or a platform administrator, makes an agreement', async () => {
    const before = await count('agreement');
    expectError(await platform.query(null, CREATE_AGREEMENT, { input: agreementInput() }), 'UNAUTHENTICATED');
    expectError(
      await as(platform, people.finance147).call(CREATE_AGREEMENT, { input: agreementInput() }),
      'FORBIDDEN',
      /own municipality is a party/,
    );
    expectError(
      await as(platform, people.caseworker101).call(CREATE_AGREEMENT, { input: agreementInput() }),
      'FORBIDDEN',
    );
    expectError(
      await as(platform, people.lettingAarhus).call(CREATE_AGREEMENT, { input: agreementInput() }),
      'FORBIDDEN',
    );
    await as(platform, people.admin).ok(CREATE_AGREEMENT, { input: agreementInput() });
    expect(await count('agreement')).toBe(before + 1);
  });

  test.each([
    [
      'shares that do not sum to 10000',
      { grantPolicy: { maxGrantOre: 1000, payers: [{ role: 'SENDING_MUNICIPALITY', basisPoints: 9000 }] } },
      /sum to 10000/,
    ],
    [
      'a payer that is not a party',
      {
        grantPolicy: {
          maxGrantOre: 1000,
          payers: [
            { role: 'PARTY', party: { kind: 'HOUSING_ORGANISATION', id: 'ho-nowhere' }, basisPoints: 5000 },
            { role: 'SENDING_MUNICIPALITY', basisPoints: 5000 },
          ],
        },
      },
      /party to the agreement/,
    ],
    [
      'one municipality',
      {
        parties: [
          { kind: 'MUNICIPALITY', id: '101' },
          { kind: 'HOUSING_ORGANISATION', id: 'ho-aarhus' },
        ],
      },
      /at least two municipalities/,
    ],
    [
      'a taper over 100%',
      { compensationPolicy: { ...agreementInput().compensationPolicy, taperBasisPoints: [12_000] } },
      /taper/i,
    ],
    [
      'a claim deadline of 0 days',
      { compensationPolicy: { ...agreementInput().compensationPolicy, claimDeadlineDays: 0 } },
      /days/,
    ],
    ['an end before the start', { validTo: '2023-12-31' }, /ends on or after/],
    ['a date that is not one', { validFrom: '2024-02-30' }, /calendar date/],
  ])('%s is refused with a clear error and writes nothing', async (_name, overrides, message) => {
    const before = await count('agreement');
    const versions = await count('agreement_version');
    expectError(
      await as(platform, people.finance101).call(CREATE_AGREEMENT, { input: agreementInput(overrides) }),
      'BAD_USER_INPUT',
      message,
    );
    expect(await count('agreement')).toBe(before);
    expect(await count('agreement_version')).toBe(versions);
  });

  test('parties see their agreements; others do not', async () => {
    const id = await agreement({
      parties: [
        { kind: 'MUNICIPALITY', id: '101' },
        { kind: 'MUNICIPALITY', id: '751' },
        { kind: 'HOUSING_ORGANISATION', id: 'ho-aarhus' },
      ],
    });
    const read = `query ($id: ID!) { agreement(id: $id) { id } }`;
    for (const who of [people.finance101, people.finance751, people.lettingAarhus, people.admin]) {
      expect((await as(platform, who).ok<{ agreement: { id: string } | null }>(read, { id })).agreement?.id).toBe(id);
    }
    for (const who of [people.finance461, people.lettingOther]) {
      expect((await as(platform, who).ok<{ agreement: null }>(read, { id })).agreement).toBeNull();
    }
    expectError(await as(platform, people.evaluator).call(read, { id }), 'FORBIDDEN');
    expectError(await as(platform, people.caseworker101).call(read, { id }), 'FORBIDDEN');
    const list = await as(platform, people.finance461).ok<{ agreements: { nodes: { id: string }[] } }>(
      `{ agreements(first: 100) { nodes { id } } }`,
    );
    expect(list.agreements.nodes.map((a) => a.id)).not.toContain(id);
  });

  test('a change applies from a date on, never to the past', async () => {
    const id = await agreement();
    const amend = `mutation ($input: AmendAgreementInput!) { amendAgreement(input: $input) { current { version } versions { version effectiveFrom } } }`;
    const terms = {
      grantPolicy: agreementInput().grantPolicy,
      compensationPolicy: agreementInput().compensationPolicy,
    };
    expectError(
      await as(platform, people.finance101).call(amend, {
        input: { agreementId: id, effectiveFrom: '2025-01-01', ...terms },
      }),
      'BAD_USER_INPUT',
      /past is never rewritten/,
    );
    expectError(
      await as(platform, people.finance147).call(amend, {
        input: { agreementId: id, effectiveFrom: '2099-01-01', ...terms },
      }),
      'NOT_FOUND',
    );
    const { amendAgreement } = await as(platform, people.finance751).ok<{
      amendAgreement: { current: { version: number }; versions: { version: number; effectiveFrom: string }[] };
    }>(amend, { input: { agreementId: id, effectiveFrom: '2099-01-01', note: 'Ny takst', ...terms } });
    expect(amendAgreement.versions).toEqual([
      { version: 1, effectiveFrom: '2024-01-01' },
      { version: 2, effectiveFrom: '2099-01-01' },
    ]);
    expect(amendAgreement.current.version).toBe(1);
  });
});

describe('grants', () => {
  test('50/50 with an odd øre: the shares sum exactly to the approved amount, the first-listed payer takes the øre', async () => {
    const id = await agreement();
    const grant = await apply(id);
    expect(grant.status).toBe('APPLIED');
    const { approveGrant } = await as(platform, people.finance101).ok<{ approveGrant: Grant }>(APPROVE, {
      id: grant.id,
      amount: 4_000_001,
    });
    expect(approveGrant.status).toBe('APPROVED');
    expect(approveGrant.shares).toEqual([
      { payer: { key: 'HOUSING_ORGANISATION:ho-aarhus' }, basisPoints: 5000, amountOre: 2_000_001 },
      { payer: { key: 'MUNICIPALITY:101' }, basisPoints: 5000, amountOre: 2_000_000 },
    ]);
  });

  test('uneven shares among three payers still sum to the total', async () => {
    const id = await agreement({
      grantPolicy: {
        maxGrantOre: 5_000_000,
        payers: [
          { role: 'SENDING_MUNICIPALITY', basisPoints: 3333 },
          { role: 'RECEIVING_MUNICIPALITY', basisPoints: 3333 },
          { role: 'RECEIVING_HOUSING_ORGANISATION', basisPoints: 3334 },
        ],
      },
    });
    const grant = await apply(id, 1_000_000);
    const { approveGrant } = await as(platform, people.finance101).ok<{ approveGrant: Grant }>(APPROVE, {
      id: grant.id,
      amount: 999_999,
    });
    const amounts = approveGrant.shares.map((s) => s.amountOre);
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(999_999);
    // 999,999 × 3333/10000 = 333,299.6667 (twice) and × 3334/10000 = 333,399.6666: rounded down they leave 2 øre,
    // which go to the two largest remainders (0.6667, the first two payers).
    expect(amounts).toEqual([333_300, 333_300, 333_399]);
  });

  test('never above the cap, whether applied for or approved', async () => {
    const id = await agreement();
    expectError(
      await as(platform, people.caseworker101).call(APPLY, {
        input: {
          caseId: randomUUID(),
          agreementId: id,
          receivingMunicipalityCode: '751',
          receivingHousingOrganisationId: 'ho-aarhus',
          requestedOre: 5_000_001,
          purpose: 'x',
        },
      }),
      'BAD_USER_INPUT',
      /at most 5000000/,
    );
    const grant = await apply(id, 5_000_000);
    expectError(
      await as(platform, people.finance101).call(APPROVE, { id: grant.id, amount: 5_000_001 }),
      'BAD_USER_INPUT',
    );
    const after = await platform
      .subgraph('finance')
      .dataSource.query<{ status: string }[]>('SELECT status FROM moving_grant WHERE id = $1', [grant.id]);
    expect(after).toEqual([{ status: 'APPLIED' }]);
  });

  test('one live grant per case; a retried application with its key returns the first', async () => {
    const id = await agreement();
    const caseId = randomUUID();
    const input = {
      caseId,
      agreementId: id,
      receivingMunicipalityCode: '751',
      receivingHousingOrganisationId: 'ho-aarhus',
      requestedOre: 100_000,
      purpose: 'x',
      idempotencyKey: `grant-${caseId}`,
    };
    const first = await as(platform, people.caseworker101).ok<{ applyForGrant: Grant }>(APPLY, { input });
    const again = await as(platform, people.caseworker101).ok<{ applyForGrant: Grant }>(APPLY, { input });
    expect(again.applyForGrant.id).toBe(first.applyForGrant.id);
    expectError(
      await as(platform, people.caseworker101).call(APPLY, { input: { ...input, idempotencyKey: null } }),
      'CONFLICT',
      /already has a live grant/,
    );
  });

  test('who decides: the sending municipality’s finance officers', async () => {
    const id = await agreement();
    const grant = await apply(id, 100_000);
    expectError(await as(platform, people.caseworker101).call(APPROVE, { id: grant.id, amount: 100_000 }), 'FORBIDDEN');
    expectError(await as(platform, people.finance751).call(APPROVE, { id: grant.id, amount: 100_000 }), 'NOT_FOUND');
    expectError(await as(platform, people.lettingAarhus).call(APPROVE, { id: grant.id, amount: 100_000 }), 'FORBIDDEN');
    expectError(
      await as(platform, people.caseworker751).call(APPLY, {
        input: {
          caseId: randomUUID(),
          agreementId: id,
          receivingMunicipalityCode: '751',
          requestedOre: 1000,
          purpose: 'x',
        },
      }),
      'BAD_USER_INPUT',
      /another municipality/,
    );
  });

  test('the budget: approvals never exceed it; a withdrawal releases what was not paid, once', async () => {
    const id = await agreement({
      grantPolicy: { ...agreementInput().grantPolicy, maxGrantOre: 6_000_000, budgetOre: 10_000_000 },
    });
    const first = await apply(id, 6_000_000);
    const second = await apply(id, 5_000_000);
    await as(platform, people.finance101).ok(APPROVE, { id: first.id, amount: 6_000_000 });
    expectError(
      await as(platform, people.finance101).call(APPROVE, { id: second.id, amount: 5_000_000 }),
      'BAD_USER_INPUT',
      /4000000 øre left/,
    );
    expect(await committed(id)).toBe(6_000_000);

    await as(platform, people.finance101).ok(PAY, {
      input: { grantId: first.id, amountOre: 1_000_000, paidOn: '2025-02-01', idempotencyKey: `pay-${first.id}-1` },
    });
    const withdrawn = await as(platform, people.caseworker101).ok<{ withdrawGrant: Grant }>(WITHDRAW, { id: first.id });
    expect(withdrawn.withdrawGrant.status).toBe('WITHDRAWN');
    expect(await committed(id)).toBe(1_000_000);
    const again = await as(platform, people.caseworker101).ok<{ withdrawGrant: Grant }>(WITHDRAW, { id: first.id });
    expect(again.withdrawGrant.status).toBe('WITHDRAWN');
    expect(await committed(id)).toBe(1_000_000);

    await as(platform, people.finance101).ok(APPROVE, { id: second.id, amount: 5_000_000 });
    expect(await committed(id)).toBe(6_000_000);
    expectError(await as(platform, people.finance101).call(DECLINE, { id: second.id }), 'CONFLICT');
  });

  test('a declined grant stays declined; declining again changes nothing', async () => {
    const id = await agreement();
    const grant = await apply(id, 100_000);
    const first = await as(platform, people.finance101).ok<{ declineGrant: Grant }>(DECLINE, { id: grant.id });
    const again = await as(platform, people.finance101).ok<{ declineGrant: Grant }>(DECLINE, { id: grant.id });
    expect([first.declineGrant.status, again.declineGrant.status]).toEqual(['DECLINED', 'DECLINED']);
    expectError(await as(platform, people.finance101).call(APPROVE, { id: grant.id, amount: 100_000 }), 'CONFLICT');
    expect(await committed(id)).toBe(0);
  });

  test('payments: once per key, never more than approved, and the grant is paid when they add up', async () => {
    const id = await agreement();
    const grant = await apply(id, 3_000_000);
    await as(platform, people.finance101).ok(APPROVE, { id: grant.id, amount: 3_000_000 });
    const payment = {
      grantId: grant.id,
      amountOre: 2_000_000,
      paidOn: '2025-03-01',
      idempotencyKey: `pay-${grant.id}-a`,
    };
    const first = await as(platform, people.finance101).ok<{ recordGrantPayment: { id: string } }>(PAY, {
      input: payment,
    });
    const again = await as(platform, people.finance101).ok<{ recordGrantPayment: { id: string } }>(PAY, {
      input: payment,
    });
    expect(again.recordGrantPayment.id).toBe(first.recordGrantPayment.id);
    expectError(
      await as(platform, people.finance101).call(PAY, { input: { ...payment, amountOre: 1 } }),
      'CONFLICT',
      /different payment/,
    );
    expectError(
      await as(platform, people.finance101).call(PAY, {
        input: { ...payment, amountOre: 1_000_001, idempotencyKey: `pay-${grant.id}-b` },
      }),
      'BAD_USER_INPUT',
      /1000000 øre of the grant is left/,
    );
    expectError(
      await as(platform, people.finance101).call(PAY, {
        input: { ...payment, amountOre: 1_000, paidOn: '2999-01-01', idempotencyKey: `pay-${grant.id}-c` },
      }),
      'BAD_USER_INPUT',
    );
    await as(platform, people.finance101).ok(PAY, {
      input: { ...payment, amountOre: 1_000_000, idempotencyKey: `pay-${grant.id}-d` },
    });
    const read = await as(platform, people.finance101).ok<{ grants: { nodes: Grant[] } }>(
      `{ grants(statuses: [PAID], first: 100) { nodes { ${GRANT} } } }`,
    );
    const paid = read.grants.nodes.find((g) => g.id === grant.id);
    expect(paid).toMatchObject({ status: 'PAID', paidOre: 3_000_000 });
    expect(paid?.payments.map((p) => p.amountOre)).toEqual([2_000_000, 1_000_000]);
    expectError(await as(platform, people.caseworker101).call(WITHDRAW, { id: grant.id }), 'CONFLICT');
  });

  test('grants are visible to their parties only', async () => {
    const id = await agreement();
    const grant = await apply(id, 100_000);
    const list = `{ grants(first: 100) { nodes { id } } }`;
    const ids = async (who: Parameters<typeof as>[1]) =>
      (await as(platform, who).ok<{ grants: { nodes: { id: string }[] } }>(list)).grants.nodes.map((g) => g.id);
    expect(await ids(people.caseworker101)).toContain(grant.id);
    expect(await ids(people.lettingAarhus)).toContain(grant.id);
    expect(await ids(people.admin)).toContain(grant.id);
    expect(await ids(people.finance751)).not.toContain(grant.id);
    expect(await ids(people.lettingOther)).not.toContain(grant.id);
    expectError(await as(platform, people.evaluator).call(list), 'FORBIDDEN');
  });

  test('an agreement’s business case: costs against expected savings, discounted', async () => {
    const id = await agreement();
    const grant = await apply(id, 4_000_000);
    await as(platform, people.finance101).ok(APPROVE, { id: grant.id, amount: 4_000_000 });
    const { agreementBusinessCase } = await as(platform, people.finance101).ok<{
      agreementBusinessCase: {
        cases: number;
        netPresentValueOre: number;
        breakEvenYear: number | null;
        years: { costOre: number }[];
      };
    }>(
      `query ($id: ID!, $a: BusinessCaseAssumptions!) { agreementBusinessCase(agreementId: $id, assumptions: $a) {
         cases netPresentValueOre breakEvenYear years { year costOre savingOre } } }`,
      {
        id,
        a: {
          employmentEffectBasisPoints: 2500,
          yearlySavingPerAdultInWorkOre: 20_000_000,
          receptionCostOre: 1_000_000,
          discountRateBasisPoints: 400,
          horizonYears: 10,
        },
      },
    );
    // One case with a grant and no move yet: 50,000 kr of costs in year 0 and no adults known to get work.
    expect(agreementBusinessCase.cases).toBe(1);
    expect(agreementBusinessCase.years[0]?.costOre).toBe(5_000_000);
    expect(agreementBusinessCase.netPresentValueOre).toBe(-5_000_000);
    expect(agreementBusinessCase.breakEvenYear).toBeNull();
    expectError(
      await as(platform, people.finance101).call(
        `query ($id: ID!, $a: BusinessCaseAssumptions!) { agreementBusinessCase(agreementId: $id, assumptions: $a) { cases } }`,
        {
          id,
          a: {
            employmentEffectBasisPoints: 20_000,
            yearlySavingPerAdultInWorkOre: 1,
            discountRateBasisPoints: 400,
            horizonYears: 10,
          },
        },
      ),
      'BAD_USER_INPUT',
    );
  });
});

describe('cost of a list', () => {
  test('a page of grants with their agreement, versions and payments costs the same SQL for 5 grants and for 40', async () => {
    const id = await agreement({
      parties: [
        { kind: 'MUNICIPALITY', id: '101' },
        { kind: 'MUNICIPALITY', id: '751' },
        { kind: 'HOUSING_ORGANISATION', id: 'ho-aarhus' },
      ],
      name: 'N+1',
    });
    for (let i = 0; i < 40; i++) {
      const grant = await apply(id, 10_000);
      await as(platform, people.finance101).ok(APPROVE, { id: grant.id, amount: 10_000 });
      await as(platform, people.finance101).ok(PAY, {
        input: { grantId: grant.id, amountOre: 10_000, paidOn: '2025-06-01', idempotencyKey: `pay-${grant.id}` },
      });
    }
    const token = await platform.token(people.finance101);
    const page = (first: number) =>
      platform.query(
        token,
        `query ($first: Int) { grants(first: $first) { nodes { id status
        agreement { name current { version } versions { version } grantsCommittedOre }
        payments { amountOre } shares { amountOre payer { key } } } } }`,
        { first },
      );
    const small = await platform.countSql(() => page(5));
    const large = await platform.countSql(() => page(40));
    expect(large.statements.finance).toBe(small.statements.finance);
    // Per loader batch: BEGIN, the tenant's role and parties, the query, COMMIT; plus the page itself.
    expect(large.statements.finance).toBeLessThanOrEqual(20);
  });
});
