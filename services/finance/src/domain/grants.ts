// Moving and establishment grants: what each state allows. A grant is applied for, approved (never above the
// agreement's cap or its remaining budget) or declined, paid, and may be withdrawn; a decided grant is never
// decided again, so nothing is released twice.

export const GRANT_STATUSES = ['APPLIED', 'APPROVED', 'PAID', 'DECLINED', 'WITHDRAWN'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

export interface GrantShareAmount {
  payer: string;
  basisPoints: number;
  amountOre: number;
}

/** What a grant holds of the agreement's budget: the approved amount, or what was paid once it is withdrawn. */
export function committedOre(grant: { status: GrantStatus; approvedOre: number | null; paidOre: number }): number {
  switch (grant.status) {
    case 'APPROVED':
    case 'PAID':
      return grant.approvedOre ?? 0;
    case 'WITHDRAWN':
      return grant.paidOre;
    default:
      return 0;
  }
}

export type GrantDecision = 'approve' | 'decline' | 'withdraw' | 'pay';

/** `ok`, `already` (the same decision was taken: answer with the grant as it is), or refused with a reason. */
export type Transition = { kind: 'ok' } | { kind: 'already' } | { kind: 'refused'; reason: string };

const OK: Transition = { kind: 'ok' };
const ALREADY: Transition = { kind: 'already' };
const refused = (reason: string): Transition => ({ kind: 'refused', reason });

/** Whether a decision may be taken on a grant in a status. */
export function grantTransition(status: GrantStatus, decision: GrantDecision): Transition {
  switch (decision) {
    case 'approve':
      return status === 'APPLIED' ? OK : refused(`a ${status.toLowerCase()} grant cannot be approved`);
    case 'decline':
      if (status === 'DECLINED') return ALREADY;
      return status === 'APPLIED' ? OK : refused(`a ${status.toLowerCase()} grant cannot be declined`);
    case 'withdraw':
      if (status === 'WITHDRAWN') return ALREADY;
      if (status === 'APPLIED' || status === 'APPROVED') return OK;
      return refused(`a ${status.toLowerCase()} grant cannot be withdrawn`);
    case 'pay':
      return status === 'APPROVED'
        ? OK
        : refused(`payments are recorded on approved grants, not ${status.toLowerCase()} ones`);
  }
}

/** Why an approval of `amountOre` is refused (null: it may be approved). */
export function approvalProblem(
  amountOre: number,
  limits: { maxGrantOre: number; budgetOre: number | null; committedOre: number },
): string | null {
  if (!Number.isSafeInteger(amountOre) || amountOre <= 0) return 'the amount is a positive whole number of øre';
  if (amountOre > limits.maxGrantOre) return `the agreement grants at most ${limits.maxGrantOre} øre per household`;
  if (limits.budgetOre !== null && limits.committedOre + amountOre > limits.budgetOre) {
    return `the agreement's budget has ${limits.budgetOre - limits.committedOre} øre left`;
  }
  return null;
}
