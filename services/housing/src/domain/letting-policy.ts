// An area's letting policy (udlejningsregler), in force from a date.

/**
 * Criteria a flexible-letting agreement (fleksibel udlejning, § 60) may give priority by. Ethnicity and
 * citizenship may never be criteria, so they are not in the list.
 */
export const FLEXIBLE_LETTING_CRITERIA = [
  'EMPLOYMENT',
  'EDUCATION',
  'LOCAL_TIES',
  'FAMILIES_WITH_CHILDREN',
  'SENIOR_RESIDENTS',
  'OTHER',
] as const;
export type FlexibleLettingCriterion = (typeof FLEXIBLE_LETTING_CRITERIA)[number];

/** § 59: by default the municipality may claim every 4th vacant family home. */
export const DEFAULT_MUNICIPAL_ALLOCATION_SHARE_BP = 2500;
export const BASIS_POINTS = 10_000;

export interface Dated {
  validFrom: string;
}

/** The policy in force on `date`: the latest one that started on or before it. */
export function inForce<P extends Dated>(policies: readonly P[], date: string): P | null {
  let current: P | null = null;
  for (const policy of policies) {
    if (policy.validFrom <= date && (!current || policy.validFrom > current.validFrom)) current = policy;
  }
  return current;
}
