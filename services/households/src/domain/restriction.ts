// Restriction of processing (GDPR art. 18) and erasure (art. 17) as a household's state: what may still be
// done with it. A restricted household is kept but not processed: nothing goes forward, while what stops
// processing (cancelling or declining a case, withdrawing a consent, an offer or an application) stays possible.
// An erased household holds no personal data: nothing at all is done with it any more.
import type { CaseAction } from './case-lifecycle';

export interface ProcessingState {
  restrictedAt: Date | null;
  erasedAt: Date | null;
}

/** FORWARD: processing that goes on (a new step, a change, a new record); STOPPING: it ends processing. */
export type ProcessingKind = 'FORWARD' | 'STOPPING';

/** The case actions that end or wind down a case: allowed while processing is restricted. */
export const STOPPING_CASE_ACTIONS: readonly CaseAction[] = [
  'OFFER_ENDED',
  'CLOSE',
  'DECLINE_RELOCATION',
  'WITHDRAW_CONSENT',
  'CANCEL',
];

export function kindOfCaseAction(action: CaseAction): ProcessingKind {
  return STOPPING_CASE_ACTIONS.includes(action) ? 'STOPPING' : 'FORWARD';
}

const day = (at: Date) => at.toISOString().slice(0, 10);

/** Why `action` may not be done to the household now, or null when it may. */
export function processingRefusal(state: ProcessingState, action: string, kind: ProcessingKind): string | null {
  if (state.erasedAt) return `${action}: the household's personal data was erased on ${day(state.erasedAt)}`;
  if (state.restrictedAt && kind === 'FORWARD') {
    return (
      `${action}: processing of the household's personal data is restricted (GDPR art. 18) since ` +
      `${day(state.restrictedAt)}; the household's municipality lifts the restriction first`
    );
  }
  return null;
}
