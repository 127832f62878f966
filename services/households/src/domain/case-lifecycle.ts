// The life of a relocation case. Every change is an action on a state; an action the state does not allow
// is refused with a message that says what is possible instead.

/**
 * NOMINATED: the household is proposed (indstillet); CONSENTED: the nomination is accepted and a consent or
 * lawful basis is in force; SEARCHING: looking for a home; OFFERED: a vacancy is offered and awaits an
 * answer; ACCEPTED: the household accepted it; MOVED: the household has moved; FOLLOW_UP: the new start is
 * being followed; CLOSED: done. DECLINED: the household said no to relocation; WITHDRAWN: consent was
 * withdrawn; CANCELLED: the municipality stopped the case (or rejected the nomination).
 */
export const CASE_STATES = [
  'NOMINATED',
  'CONSENTED',
  'SEARCHING',
  'OFFERED',
  'ACCEPTED',
  'MOVED',
  'FOLLOW_UP',
  'CLOSED',
  'DECLINED',
  'WITHDRAWN',
  'CANCELLED',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const TERMINAL_STATES: readonly CaseState[] = ['CLOSED', 'DECLINED', 'WITHDRAWN', 'CANCELLED'];

export const CASE_ACTIONS = [
  'CONFIRM_CONSENT',
  'START_SEARCH',
  'OFFER',
  'ACCEPT_OFFER',
  'OFFER_ENDED',
  'MOVE',
  'START_FOLLOW_UP',
  'CLOSE',
  'DECLINE_RELOCATION',
  'WITHDRAW_CONSENT',
  'CANCEL',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];
/** What a case's history records: its opening by a nomination, then each action. */
export type CaseEventAction = CaseAction | 'NOMINATE';

const ACTIVE_BEFORE_MOVE: readonly CaseState[] = ['NOMINATED', 'CONSENTED', 'SEARCHING', 'OFFERED', 'ACCEPTED'];
const ACTIVE: readonly CaseState[] = [...ACTIVE_BEFORE_MOVE, 'MOVED', 'FOLLOW_UP'];

/** For each action: the states it may start from, and the state it leads to. */
const TRANSITIONS: Readonly<Record<CaseAction, { from: readonly CaseState[]; to: CaseState }>> = {
  CONFIRM_CONSENT: { from: ['NOMINATED'], to: 'CONSENTED' },
  START_SEARCH: { from: ['CONSENTED'], to: 'SEARCHING' },
  OFFER: { from: ['SEARCHING'], to: 'OFFERED' },
  ACCEPT_OFFER: { from: ['OFFERED'], to: 'ACCEPTED' },
  /** The offer was declined, expired or withdrawn: the search goes on. */
  OFFER_ENDED: { from: ['OFFERED'], to: 'SEARCHING' },
  MOVE: { from: ['ACCEPTED'], to: 'MOVED' },
  START_FOLLOW_UP: { from: ['MOVED'], to: 'FOLLOW_UP' },
  CLOSE: { from: ['FOLLOW_UP'], to: 'CLOSED' },
  DECLINE_RELOCATION: { from: ACTIVE_BEFORE_MOVE, to: 'DECLINED' },
  WITHDRAW_CONSENT: { from: ACTIVE, to: 'WITHDRAWN' },
  CANCEL: { from: ACTIVE, to: 'CANCELLED' },
};

export function isTerminal(state: CaseState): boolean {
  return TERMINAL_STATES.includes(state);
}

export function allowedActions(state: CaseState): CaseAction[] {
  return CASE_ACTIONS.filter((action) => TRANSITIONS[action].from.includes(state));
}

/** The state after `action`, or the reason it cannot be taken now. */
export function transition(state: CaseState, action: CaseAction): { to: CaseState } | { refused: string } {
  const rule = TRANSITIONS[action];
  if (rule.from.includes(state)) return { to: rule.to };
  const possible = allowedActions(state);
  return {
    refused:
      `a case that is ${state} cannot ${action.toLowerCase().replaceAll('_', ' ')}` +
      (possible.length
        ? `; possible now: ${possible.map((a) => a.toLowerCase().replaceAll('_', ' ')).join(', ')}`
        : ''),
  };
}
