// Business cases: what the cases of an agreement (or one case) cost, against the savings the assumptions expect.
// Compensation stands for the receiving municipality's extra costs of the household; it is counted in the year
// it is paid for (compensation year k in year k; the grant and reception in the move year, year 0).
import { type DataSource, In, Not } from 'typeorm';
import { type BusinessCaseResult, businessCase, expectedYearlySavings } from '../domain/business-case';
import { CompensationEntitlementEntity, GrantEntity } from '../entities';

export interface Assumptions {
  employmentEffectBasisPoints: number;
  yearlySavingPerAdultInWorkOre: number;
  receptionCostOre: number;
  discountRateBasisPoints: number;
  horizonYears: number;
}

export interface CaseCosts {
  grant: Pick<GrantEntity, 'status' | 'approvedOre' | 'requestedOre'> | null;
  entitlement: Pick<CompensationEntitlementEntity, 'schedule' | 'adultsOutsideLabourMarket'> | null;
}

/** The grant a case counts: approved (or paid, or what a withdrawn one paid), else what is applied for. */
function grantCost(grant: CaseCosts['grant']): number {
  if (!grant) return 0;
  switch (grant.status) {
    case 'APPROVED':
    case 'PAID':
      return grant.approvedOre ?? 0;
    case 'APPLIED':
      return grant.requestedOre;
    default:
      return 0;
  }
}

export function casesBusinessCase(
  cases: readonly CaseCosts[],
  assumptions: Assumptions,
): BusinessCaseResult & { cases: number } {
  const costs: { year: number; amountOre: number }[] = [];
  const savings: number[] = new Array<number>(assumptions.horizonYears + 1).fill(0);
  for (const c of cases) {
    costs.push({ year: 0, amountOre: grantCost(c.grant) + assumptions.receptionCostOre });
    for (const year of c.entitlement?.schedule ?? []) {
      if (year.year <= assumptions.horizonYears) costs.push({ year: year.year, amountOre: year.amountOre });
    }
    const expected = expectedYearlySavings({
      adultsOutsideLabourMarket: c.entitlement?.adultsOutsideLabourMarket ?? 0,
      employmentEffectBasisPoints: assumptions.employmentEffectBasisPoints,
      yearlySavingPerAdultInWorkOre: assumptions.yearlySavingPerAdultInWorkOre,
      horizonYears: assumptions.horizonYears,
    });
    expected.forEach((amount, year) => {
      if (year < savings.length) savings[year] = (savings[year] ?? 0) + amount;
    });
  }
  const result = businessCase({
    horizonYears: assumptions.horizonYears,
    discountRateBasisPoints: assumptions.discountRateBasisPoints,
    costs,
    yearlySavingsOre: savings,
  });
  return { ...result, cases: cases.length };
}

/** Every case an agreement has a grant or an entitlement for, counted once. */
export async function agreementCases(db: DataSource, agreementId: string): Promise<CaseCosts[]> {
  const grants = await db
    .getRepository(GrantEntity)
    .find({ where: { agreementId, status: Not(In(['DECLINED'])) }, order: { appliedAt: 'DESC' } });
  const entitlements = await db.getRepository(CompensationEntitlementEntity).findBy({ agreementId });
  const byCase = new Map<string, CaseCosts>();
  for (const grant of grants) if (!byCase.has(grant.caseId)) byCase.set(grant.caseId, { grant, entitlement: null });
  for (const entitlement of entitlements) {
    const known = byCase.get(entitlement.caseId);
    if (known) known.entitlement = entitlement;
    else byCase.set(entitlement.caseId, { grant: null, entitlement });
  }
  return [...byCase.values()];
}
