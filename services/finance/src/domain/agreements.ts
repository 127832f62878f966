// Cooperation agreements (samarbejdsaftaler): their parties, their grant and compensation policies, and which
// version is in force on a day. A change is a new version from a date on; the past is never rewritten.
import { type CompensationPolicy, validateCompensationPolicy } from './compensation';
import { type Party, municipalityKey, partyKey, partyProblems } from './parties';
import { FULL_SHARE } from './split';

export type AgreementParty = Party;

export const PAYER_ROLES = [
  'SENDING_MUNICIPALITY',
  'RECEIVING_MUNICIPALITY',
  'RECEIVING_HOUSING_ORGANISATION',
  'PARTY',
] as const;
export type PayerRole = (typeof PAYER_ROLES)[number];

export interface PayerShare {
  role: PayerRole;
  /** Set when the role is PARTY. */
  party: Party | null;
  basisPoints: number;
}

export interface GrantPolicy {
  maxGrantOre: number;
  budgetOre: number | null;
  payers: PayerShare[];
}

export const BILLINGS = ['BILL', 'ABSORB'] as const;
export type Billing = (typeof BILLINGS)[number];

export interface AgreementCompensationPolicy extends CompensationPolicy {
  billing: Billing;
  claimDeadlineDays: number;
  departmentCompensationOre: number;
}

export const MAX_CLAIM_DEADLINE_DAYS = 730;

/** Where a problem is and what it is, for a BAD_USER_INPUT error. */
export interface Problem {
  path: string;
  message: string;
}

const isAmount = (n: number) => Number.isSafeInteger(n) && n >= 0;

export function grantPolicyProblems(policy: GrantPolicy, parties: readonly Party[]): Problem[] {
  const problems: Problem[] = [];
  if (!isAmount(policy.maxGrantOre) || policy.maxGrantOre === 0) {
    problems.push({ path: 'grantPolicy.maxGrantOre', message: 'a positive whole number of øre' });
  }
  if (policy.budgetOre !== null && (!isAmount(policy.budgetOre) || policy.budgetOre < policy.maxGrantOre)) {
    problems.push({ path: 'grantPolicy.budgetOre', message: 'whole øre, at least the largest grant' });
  }
  if (policy.payers.length === 0 || policy.payers.length > 10) {
    problems.push({ path: 'grantPolicy.payers', message: 'one to ten payers' });
  }
  const keys = new Set(parties.map(partyKey));
  const seen = new Set<string>();
  let sum = 0;
  policy.payers.forEach((payer, i) => {
    const path = `grantPolicy.payers.${i}`;
    if (!Number.isInteger(payer.basisPoints) || payer.basisPoints < 1 || payer.basisPoints > FULL_SHARE) {
      problems.push({ path: `${path}.basisPoints`, message: `a whole number from 1 to ${FULL_SHARE}` });
    }
    sum += payer.basisPoints;
    if (payer.role === 'PARTY') {
      if (!payer.party) problems.push({ path: `${path}.party`, message: 'name the party that pays' });
      else if (!keys.has(partyKey(payer.party)))
        problems.push({ path: `${path}.party`, message: 'a payer must be a party to the agreement' });
    } else if (payer.party) {
      problems.push({ path: `${path}.party`, message: `a ${payer.role} payer is given by the case, not named` });
    }
    const id = payer.role === 'PARTY' && payer.party ? partyKey(payer.party) : payer.role;
    if (seen.has(id)) problems.push({ path, message: 'each payer once' });
    seen.add(id);
  });
  if (sum !== FULL_SHARE) {
    problems.push({ path: 'grantPolicy.payers', message: `the shares must sum to ${FULL_SHARE} (got ${sum})` });
  }
  return problems;
}

export function compensationPolicyProblems(policy: AgreementCompensationPolicy): Problem[] {
  const problems: Problem[] = validateCompensationPolicy(policy).map((message) => ({
    path: 'compensationPolicy',
    message,
  }));
  if (
    !Number.isInteger(policy.claimDeadlineDays) ||
    policy.claimDeadlineDays < 1 ||
    policy.claimDeadlineDays > MAX_CLAIM_DEADLINE_DAYS
  ) {
    problems.push({
      path: 'compensationPolicy.claimDeadlineDays',
      message: `from 1 to ${MAX_CLAIM_DEADLINE_DAYS} days`,
    });
  }
  if (!isAmount(policy.departmentCompensationOre)) {
    problems.push({ path: 'compensationPolicy.departmentCompensationOre', message: 'whole øre, 0 or more' });
  }
  return problems;
}

export function partiesProblems(parties: readonly Party[]): Problem[] {
  const problems: Problem[] = [];
  parties.forEach((party, i) =>
    partyProblems(party).forEach((message) => problems.push({ path: `parties.${i}`, message })),
  );
  if (new Set(parties.map(partyKey)).size !== parties.length) {
    problems.push({ path: 'parties', message: 'each party once' });
  }
  if (parties.filter((p) => p.kind === 'MUNICIPALITY').length < 2) {
    problems.push({ path: 'parties', message: 'an agreement binds at least two municipalities' });
  }
  return problems;
}

export interface VersionInForce {
  effectiveFrom: string;
}

/** The version in force on `day`: the latest that starts on or before it; null before the first. */
export function versionOn<V extends VersionInForce>(versions: readonly V[], day: string): V | null {
  let found: V | null = null;
  for (const version of versions) {
    if (version.effectiveFrom <= day && (!found || version.effectiveFrom > found.effectiveFrom)) found = version;
  }
  return found;
}

/** Whether the agreement applies on a day. */
export function inValidity(agreement: { validFrom: string; validTo: string | null }, day: string): boolean {
  return agreement.validFrom <= day && (agreement.validTo === null || day <= agreement.validTo);
}

/**
 * Why an amendment from `effectiveFrom` cannot be made (null: it can): it may not start before today (that
 * would rewrite the past), nor on or before the latest version's date, nor outside the agreement's validity.
 */
export function amendmentProblem(
  agreement: { validFrom: string; validTo: string | null },
  latestEffectiveFrom: string,
  effectiveFrom: string,
  today: string,
): string | null {
  if (effectiveFrom < today) return 'a change applies from today or later: the past is never rewritten';
  if (effectiveFrom <= latestEffectiveFrom) return `a change applies after the latest version (${latestEffectiveFrom})`;
  if (!inValidity(agreement, effectiveFrom)) return 'the date lies outside the agreement';
  return null;
}

/** The payers of a grant as parties, given where the household moves; null members cannot be resolved. */
export function resolvePayers(
  payers: readonly PayerShare[],
  grant: {
    sendingMunicipalityCode: string;
    receivingMunicipalityCode: string;
    receivingHousingOrganisationId: string | null;
  },
): { payer: string | null; basisPoints: number; role: PayerRole }[] {
  return payers.map((share) => {
    switch (share.role) {
      case 'SENDING_MUNICIPALITY':
        return {
          payer: municipalityKey(grant.sendingMunicipalityCode),
          basisPoints: share.basisPoints,
          role: share.role,
        };
      case 'RECEIVING_MUNICIPALITY':
        return {
          payer: municipalityKey(grant.receivingMunicipalityCode),
          basisPoints: share.basisPoints,
          role: share.role,
        };
      case 'RECEIVING_HOUSING_ORGANISATION':
        return {
          payer: grant.receivingHousingOrganisationId
            ? `HOUSING_ORGANISATION:${grant.receivingHousingOrganisationId}`
            : null,
          basisPoints: share.basisPoints,
          role: share.role,
        };
      case 'PARTY':
        return { payer: share.party ? partyKey(share.party) : null, basisPoints: share.basisPoints, role: share.role };
    }
  });
}
