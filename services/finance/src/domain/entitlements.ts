// Compensation entitlements: the receiving municipality bills the sending one, or absorbs the cost, as in US
// voucher portability. A claim after the agreement's deadline is late: absorbed unless the sender accepts it.
import type { Billing } from './agreements';

export const COMPENSATION_STATUSES = ['PENDING', 'BILLED', 'ABSORBED', 'LATE_CLAIM'] as const;
export type CompensationStatus = (typeof COMPENSATION_STATUSES)[number];

/** The status an entitlement starts in: an agreement that absorbs never bills. */
export function initialStatus(billing: Billing): CompensationStatus {
  return billing === 'ABSORB' ? 'ABSORBED' : 'PENDING';
}

export type CompensationDecision = 'claim' | 'absorb' | 'accept-late' | 'refuse-late';

/**
 * The status a decision leads to on `today`, `already` when the entitlement is already where the decision
 * leads (a retry), or the reason it cannot be taken.
 */
export function compensationTransition(
  entitlement: { status: CompensationStatus; claimDeadline: string },
  decision: CompensationDecision,
  today: string,
): { kind: 'next'; next: CompensationStatus } | { kind: 'already' } | { kind: 'refused'; reason: string } {
  const { status } = entitlement;
  switch (decision) {
    case 'claim':
      if (status === 'BILLED' || status === 'LATE_CLAIM') return { kind: 'already' };
      if (status !== 'PENDING') return { kind: 'refused', reason: 'an absorbed entitlement cannot be billed' };
      return { kind: 'next', next: today <= entitlement.claimDeadline ? 'BILLED' : 'LATE_CLAIM' };
    case 'absorb':
      if (status === 'ABSORBED') return { kind: 'already' };
      if (status !== 'PENDING')
        return {
          kind: 'refused',
          reason: `a ${status.toLowerCase().replace('_', ' ')} entitlement cannot be absorbed`,
        };
      return { kind: 'next', next: 'ABSORBED' };
    case 'accept-late':
    case 'refuse-late':
      if (status !== 'LATE_CLAIM')
        return { kind: 'refused', reason: 'only a late claim awaits the sending municipality' };
      return { kind: 'next', next: decision === 'accept-late' ? 'BILLED' : 'ABSORBED' };
  }
}
