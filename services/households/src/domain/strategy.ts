// The reception strategy (modtagestrategi): agreed by the sending municipality, the receiving municipality
// and the housing organisation, signed by all three before the move date is set, followed after the move.

export const STRATEGY_PARTIES = ['SENDING_MUNICIPALITY', 'RECEIVING_MUNICIPALITY', 'HOUSING_ORGANISATION'] as const;
export type StrategyParty = (typeof STRATEGY_PARTIES)[number];

export const ACTIVITY_KINDS = [
  'EMPLOYMENT',
  'EDUCATION',
  'SCHOOL',
  'DAYCARE',
  'HEALTH',
  'MENTOR',
  'LOCAL_NETWORK',
  'DEBT_COUNSELLING',
  'OTHER',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const ACTIVITY_STATUSES = ['PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const CLOSED_ACTIVITY_STATUSES: readonly ActivityStatus[] = ['DONE', 'CANCELLED'];

export interface PartySignature {
  party: StrategyParty;
  signedAt: Date | null;
}

export function unsignedParties(parties: readonly PartySignature[]): StrategyParty[] {
  return STRATEGY_PARTIES.filter((party) => !parties.find((p) => p.party === party)?.signedAt);
}

export interface ActivityState {
  status: ActivityStatus;
  outcome: string | null;
}

/** Activities still open, or closed without the outcome that following the family needs. */
export function unfinishedActivities<A extends ActivityState>(activities: readonly A[]): A[] {
  return activities.filter((a) => !CLOSED_ACTIVITY_STATUSES.includes(a.status) || !a.outcome);
}
