// The case lifecycle: every action from every state, against a table written out here independently of src.
import {
  CASE_ACTIONS,
  CASE_STATES,
  type CaseAction,
  type CaseState,
  TERMINAL_STATES,
  allowedActions,
  isTerminal,
  transition,
} from '../../src/domain/case-lifecycle';

const BEFORE_MOVE: CaseState[] = ['NOMINATED', 'CONSENTED', 'SEARCHING', 'OFFERED', 'ACCEPTED'];
const NON_TERMINAL: CaseState[] = [...BEFORE_MOVE, 'MOVED', 'FOLLOW_UP'];

/** The documented lifecycle: for each action, the states it may be taken from and where it leads. */
const EXPECTED: Record<CaseAction, { from: CaseState[]; to: CaseState }> = {
  CONFIRM_CONSENT: { from: ['NOMINATED'], to: 'CONSENTED' },
  START_SEARCH: { from: ['CONSENTED'], to: 'SEARCHING' },
  OFFER: { from: ['SEARCHING'], to: 'OFFERED' },
  ACCEPT_OFFER: { from: ['OFFERED'], to: 'ACCEPTED' },
  OFFER_ENDED: { from: ['OFFERED'], to: 'SEARCHING' },
  MOVE: { from: ['ACCEPTED'], to: 'MOVED' },
  START_FOLLOW_UP: { from: ['MOVED'], to: 'FOLLOW_UP' },
  CLOSE: { from: ['FOLLOW_UP'], to: 'CLOSED' },
  DECLINE_RELOCATION: { from: BEFORE_MOVE, to: 'DECLINED' },
  WITHDRAW_CONSENT: { from: NON_TERMINAL, to: 'WITHDRAWN' },
  CANCEL: { from: NON_TERMINAL, to: 'CANCELLED' },
};

const words = (action: CaseAction) => action.toLowerCase().replaceAll('_', ' ');

/** The actions possible from a state, in CASE_ACTIONS order, per the documented table. */
function expectedPossible(state: CaseState): CaseAction[] {
  return CASE_ACTIONS.filter((action) => EXPECTED[action].from.includes(state));
}

const PAIRS = CASE_STATES.flatMap((state) => CASE_ACTIONS.map((action) => [state, action] as const));
const ALLOWED = PAIRS.filter(([state, action]) => EXPECTED[action].from.includes(state));
const REFUSED = PAIRS.filter(([state, action]) => !EXPECTED[action].from.includes(state));

describe('the states and actions', () => {
  test('eleven states and eleven actions, each listed once', () => {
    expect(new Set(CASE_STATES).size).toBe(11);
    expect(new Set(CASE_ACTIONS).size).toBe(11);
    expect(Object.keys(EXPECTED).sort()).toEqual([...CASE_ACTIONS].sort());
  });

  test('the terminal states are CLOSED, DECLINED, WITHDRAWN and CANCELLED', () => {
    expect([...TERMINAL_STATES].sort()).toEqual(['CANCELLED', 'CLOSED', 'DECLINED', 'WITHDRAWN']);
    for (const state of CASE_STATES) expect(isTerminal(state)).toBe(!NON_TERMINAL.includes(state));
  });

  test('the table covers 121 pairs, 27 of them allowed', () => {
    expect(PAIRS).toHaveLength(121);
    expect(ALLOWED).toHaveLength(27);
    expect(REFUSED).toHaveLength(94);
  });
});

describe('transition: allowed pairs', () => {
  test.each(ALLOWED)('%s + %s succeeds', (state, action) => {
    expect(transition(state, action)).toEqual({ to: EXPECTED[action].to });
  });

  test.each([
    ['NOMINATED', 'CONFIRM_CONSENT', 'CONSENTED'],
    ['CONSENTED', 'START_SEARCH', 'SEARCHING'],
    ['SEARCHING', 'OFFER', 'OFFERED'],
    ['OFFERED', 'ACCEPT_OFFER', 'ACCEPTED'],
    ['OFFERED', 'OFFER_ENDED', 'SEARCHING'],
    ['ACCEPTED', 'MOVE', 'MOVED'],
    ['MOVED', 'START_FOLLOW_UP', 'FOLLOW_UP'],
    ['FOLLOW_UP', 'CLOSE', 'CLOSED'],
  ] as const)('the main path: %s + %s → %s', (state, action, to) => {
    expect(transition(state, action)).toEqual({ to });
  });

  test('a whole case from nomination to closing, with an offer that ends on the way', () => {
    const actions: CaseAction[] = [
      'CONFIRM_CONSENT',
      'START_SEARCH',
      'OFFER',
      'OFFER_ENDED',
      'OFFER',
      'ACCEPT_OFFER',
      'MOVE',
      'START_FOLLOW_UP',
      'CLOSE',
    ];
    let state: CaseState = 'NOMINATED';
    for (const action of actions) {
      const result = transition(state, action);
      if (!('to' in result)) throw new Error(result.refused);
      state = result.to;
    }
    expect(state).toBe('CLOSED');
  });

  test.each(BEFORE_MOVE)('DECLINE_RELOCATION from %s → DECLINED', (state) => {
    expect(transition(state, 'DECLINE_RELOCATION')).toEqual({ to: 'DECLINED' });
  });

  test.each(['MOVED', 'FOLLOW_UP'] as const)('DECLINE_RELOCATION is too late once %s', (state) => {
    expect(transition(state, 'DECLINE_RELOCATION')).toHaveProperty('refused');
  });

  test.each(NON_TERMINAL)('WITHDRAW_CONSENT from %s → WITHDRAWN and CANCEL → CANCELLED', (state) => {
    expect(transition(state, 'WITHDRAW_CONSENT')).toEqual({ to: 'WITHDRAWN' });
    expect(transition(state, 'CANCEL')).toEqual({ to: 'CANCELLED' });
  });
});

describe('transition: refused pairs', () => {
  test.each(REFUSED)('%s + %s is refused, naming the state and what is possible', (state, action) => {
    const result = transition(state, action);
    expect(result).not.toHaveProperty('to');
    const possible = expectedPossible(state);
    const expected =
      `a case that is ${state} cannot ${words(action)}` +
      (possible.length ? `; possible now: ${possible.map(words).join(', ')}` : '');
    expect(result).toEqual({ refused: expected });
  });

  test('an example message spelled out', () => {
    expect(transition('NOMINATED', 'MOVE')).toEqual({
      refused:
        'a case that is NOMINATED cannot move; possible now: confirm consent, decline relocation, withdraw consent, cancel',
    });
    expect(transition('OFFERED', 'OFFER')).toEqual({
      refused:
        'a case that is OFFERED cannot offer; possible now: accept offer, offer ended, decline relocation, ' +
        'withdraw consent, cancel',
    });
  });

  test.each(TERMINAL_STATES)('%s allows nothing, and says so without a "possible now" list', (state) => {
    expect(allowedActions(state)).toEqual([]);
    for (const action of CASE_ACTIONS) {
      expect(transition(state, action)).toEqual({ refused: `a case that is ${state} cannot ${words(action)}` });
    }
  });
});

describe('allowedActions', () => {
  test.each(CASE_STATES)('%s: exactly the documented actions', (state) => {
    expect(allowedActions(state)).toEqual(expectedPossible(state));
  });

  test('every non-terminal state allows at least withdrawing consent and cancelling', () => {
    for (const state of NON_TERMINAL) {
      expect(allowedActions(state)).toEqual(expect.arrayContaining(['WITHDRAW_CONSENT', 'CANCEL']));
    }
  });
});
