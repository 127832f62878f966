// The data subject's rights as pure rules: what a restricted or erased household still allows, who exercises
// the rights, when erasure must wait, what a reason kept in the audit log may not hold, and when a household's
// retention period ends.
import type { Identity, OrganisationType, Role } from '@second-chance/identity';
import { householdAccess, mayExerciseRights } from '../../src/domain/access';
import { CASE_ACTIONS, CASE_STATES, TERMINAL_STATES } from '../../src/domain/case-lifecycle';
import { erasureRefusal, reasonProblem } from '../../src/domain/erasure';
import { STOPPING_CASE_ACTIONS, kindOfCaseAction, processingRefusal } from '../../src/domain/restriction';
import {
  DEFAULT_RETENTION,
  type RetentionSummary,
  pastRetention,
  retentionCutoffs,
  retentionEnds,
  retentionReason,
} from '../../src/domain/retention';

function identity(type: OrganisationType, id: string, ...roles: Role[]): Identity {
  return { subject: `user-${roles.join('+')}-${id}`, organisation: { type, id }, roles };
}

describe('processing of a restricted or erased household', () => {
  const since = new Date('2026-10-01T08:00:00Z');

  test('a household neither restricted nor erased may be processed', () => {
    expect(processingRefusal({ restrictedAt: null, erasedAt: null }, 'a nomination', 'FORWARD')).toBeNull();
    expect(processingRefusal({ restrictedAt: null, erasedAt: null }, 'cancel', 'STOPPING')).toBeNull();
  });

  test('restriction refuses what goes forward, and says how to go on', () => {
    expect(processingRefusal({ restrictedAt: since, erasedAt: null }, 'a nomination', 'FORWARD')).toBe(
      "a nomination: processing of the household's personal data is restricted (GDPR art. 18) since 2026-10-01; " +
        "the household's municipality lifts the restriction first",
    );
  });

  test('restriction allows what stops processing', () => {
    expect(processingRefusal({ restrictedAt: since, erasedAt: null }, 'cancel', 'STOPPING')).toBeNull();
  });

  test('an erased household allows nothing at all', () => {
    for (const kind of ['FORWARD', 'STOPPING'] as const) {
      expect(processingRefusal({ restrictedAt: null, erasedAt: since }, 'withdrawing a consent', kind)).toBe(
        "withdrawing a consent: the household's personal data was erased on 2026-10-01",
      );
    }
  });

  test('the case actions that end or wind down a case stop processing; every other goes forward', () => {
    expect([...STOPPING_CASE_ACTIONS].sort()).toEqual(
      ['CANCEL', 'CLOSE', 'DECLINE_RELOCATION', 'OFFER_ENDED', 'WITHDRAW_CONSENT'].sort(),
    );
    const forward = CASE_ACTIONS.filter((action) => kindOfCaseAction(action) === 'FORWARD');
    expect(forward).toEqual(['CONFIRM_CONSENT', 'START_SEARCH', 'OFFER', 'ACCEPT_OFFER', 'MOVE', 'START_FOLLOW_UP']);
  });
});

describe('who reads a restricted household', () => {
  const relations = {
    responsibleMunicipalityCode: '101',
    offers: [{ municipalityCode: '751', housingOrganisationId: 'org-a', status: 'ACCEPTED' as const }],
    nominatingOrganisationIds: ['org-b'],
  };
  const callers = {
    responsible: identity('MUNICIPALITY', '101', 'caseworker'),
    receiving: identity('MUNICIPALITY', '751', 'caseworker'),
    offering: identity('HOUSING_ORGANISATION', 'org-a', 'letting-officer'),
    nominating: identity('HOUSING_ORGANISATION', 'org-b', 'letting-officer'),
  };

  test('unrestricted: each party as before', () => {
    expect(householdAccess(callers.responsible, relations)).toBe('RESPONSIBLE');
    expect(householdAccess(callers.receiving, relations)).toBe('RECEIVING');
    expect(householdAccess(callers.offering, relations)).toBe('LETTING');
    expect(householdAccess(callers.nominating, relations)).toBe('LETTING');
  });

  test('restricted: only the responsible municipality', () => {
    const restricted = { ...relations, restricted: true };
    expect(householdAccess(callers.responsible, restricted)).toBe('RESPONSIBLE');
    expect(householdAccess(callers.receiving, restricted)).toBe('NONE');
    expect(householdAccess(callers.offering, restricted)).toBe('NONE');
    expect(householdAccess(callers.nominating, restricted)).toBe('NONE');
  });
});

describe('who exercises the data subject rights', () => {
  test.each<[string, Identity, boolean]>([
    ["a caseworker of the household's municipality", identity('MUNICIPALITY', '101', 'caseworker'), true],
    ['a caseworker of another municipality', identity('MUNICIPALITY', '751', 'caseworker'), false],
    ["a finance officer of the household's municipality", identity('MUNICIPALITY', '101', 'finance-officer'), false],
    ['a letting officer', identity('HOUSING_ORGANISATION', 'org-a', 'letting-officer'), false],
    ['an evaluator', identity('EVALUATOR', 'vive', 'evaluator'), false],
    ['a platform administrator', identity('PLATFORM', 'sc', 'platform-admin'), true],
    ['the platform-admin role outside the platform', identity('MUNICIPALITY', '101', 'platform-admin'), false],
  ])('%s', (_who, caller, allowed) => {
    expect(mayExerciseRights(caller, '101')).toBe(allowed);
  });
});

describe('when erasure must wait', () => {
  test.each(CASE_STATES.filter((state) => !TERMINAL_STATES.includes(state)))(
    'a case that is %s is ended first',
    (state) => {
      expect(erasureRefusal({ caseStates: ['CLOSED', state], activeApplications: 0 })).toMatch(
        new RegExp(`^the household has a case in progress \\(${state}\\): end it first`),
      );
    },
  );

  test('ended cases do not stop it', () => {
    expect(erasureRefusal({ caseStates: [...TERMINAL_STATES], activeApplications: 0 })).toBeNull();
    expect(erasureRefusal({ caseStates: [], activeApplications: 0 })).toBeNull();
  });

  test('an active application is withdrawn first', () => {
    expect(erasureRefusal({ caseStates: ['CANCELLED'], activeApplications: 1 })).toBe(
      'the household has an active application for municipal allocation: withdraw it first',
    );
  });
});

describe('a reason the audit log keeps', () => {
  const personal = {
    names: ['Mette Kirstine Hansen', 'Bo Li'],
    birthDates: ['1988-03-12', '2015-09-15'],
    addresses: ['Nørrebrogade 12, 3. tv, 2200 København N'],
  };

  test.each([
    'the lawful basis ended when the case was closed',
    'art. 17(1)(a): no longer necessary for the purpose',
    'Annette from the legal office asked for it', // "Anne" is no member's name part; word boundaries hold
    'request received 2026-11-20',
  ])('may say why: %s', (reason) => {
    expect(reasonProblem(reason, personal)).toBeNull();
  });

  test.each([
    ['Requested by 120388-1234', 'it holds a CPR number'],
    ['CPR 1203881234 asked', 'it holds a CPR number'],
    ['mette kirstine hansen asked for it', 'it names a member of the household'],
    ['Hansen asked for it', 'it names a member of the household'],
    ['the HANSEN family objected', 'it names a member of the household'],
    ['Kirstine-related request', 'it names a member of the household'],
    ['born 15.09.2015', "it holds a member's birth date"],
    ['the child of 12/03/1988', "it holds a member's birth date"],
    ['moved from Nørrebrogade', "it holds the household's address"],
  ])('may not hold personal data: %s', (reason, problem) => {
    expect(reasonProblem(reason, personal)).toBe(
      `the audit log keeps the reason for good, so it must hold no personal data: ${problem}`,
    );
  });

  test('name parts shorter than four letters alone are not taken for a name (too many false alarms)', () => {
    expect(reasonProblem('Li-ion batteries', personal)).toBeNull();
    expect(reasonProblem('Bo Li asked', personal)).toMatch(/names a member/);
  });

  test('between 3 and 500 characters', () => {
    expect(reasonProblem('no', personal)).toBe('say why, in 3 to 500 characters');
    expect(reasonProblem('x'.repeat(501), personal)).toBe('say why, in 3 to 500 characters');
  });
});

describe('retention periods', () => {
  const settings = { daysAfterClose: 30, daysWithoutCase: 10 };
  const at = (iso: string) => new Date(`${iso}T12:00:00Z`);
  const closed: RetentionSummary = {
    registeredAt: at('2026-01-01'),
    cases: 1,
    activeCases: 0,
    lastCaseActivity: at('2026-06-01'),
    activeApplications: 0,
    lastApplication: null,
    restricted: false,
  };
  const neverNominated: RetentionSummary = { ...closed, cases: 0, lastCaseActivity: null };

  test('a household whose cases ended is kept daysAfterClose after the last change of a case', () => {
    expect(retentionEnds(closed, settings)).toEqual(at('2026-07-01'));
    expect(pastRetention(closed, settings, at('2026-06-30'))).toBe(false);
    expect(pastRetention(closed, settings, at('2026-07-01'))).toBe(true);
  });

  test('a later application counts from when it was made', () => {
    expect(retentionEnds({ ...closed, lastApplication: at('2026-08-01') }, settings)).toEqual(at('2026-08-31'));
  });

  test('a household never nominated is kept daysWithoutCase after registration or its last application', () => {
    expect(retentionEnds(neverNominated, settings)).toEqual(at('2026-01-11'));
    expect(retentionEnds({ ...neverNominated, lastApplication: at('2026-03-01') }, settings)).toEqual(at('2026-03-11'));
  });

  test('a case in progress, an active application or a restriction keeps it', () => {
    const now = at('2030-01-01');
    for (const summary of [
      { ...closed, activeCases: 1 },
      { ...closed, activeApplications: 1 },
      { ...closed, restricted: true },
      { ...neverNominated, activeApplications: 1 },
    ]) {
      expect(retentionEnds(summary, settings)).toBeNull();
      expect(pastRetention(summary, settings, now)).toBe(false);
    }
  });

  test('0 days: past as soon as the last activity is', () => {
    const zero = { daysAfterClose: 0, daysWithoutCase: 0 };
    expect(pastRetention(closed, zero, at('2026-06-01'))).toBe(true);
    expect(pastRetention(neverNominated, zero, at('2026-01-01'))).toBe(true);
    expect(pastRetention(closed, zero, new Date(at('2026-06-01').getTime() - 1))).toBe(false);
  });

  test('the job selects by cutoffs that agree with pastRetention', () => {
    const now = at('2026-12-01');
    const cutoffs = retentionCutoffs(settings, now);
    expect(cutoffs).toEqual({ afterClose: at('2026-11-01'), withoutCase: at('2026-11-21') });
    expect(pastRetention({ ...closed, lastCaseActivity: cutoffs.afterClose }, settings, now)).toBe(true);
    expect(
      pastRetention({ ...closed, lastCaseActivity: new Date(cutoffs.afterClose.getTime() + 1) }, settings, now),
    ).toBe(false);
  });

  test('the defaults: three years after the last case, one year without one', () => {
    expect(DEFAULT_RETENTION).toEqual({ daysAfterClose: 1095, daysWithoutCase: 365 });
  });

  test("the job's reason names the rule, and no one", () => {
    expect(retentionReason(closed, settings)).toBe(
      'retention period ended: no case in progress and no active application for 30 days (RETENTION_DAYS_AFTER_CLOSE)',
    );
    expect(retentionReason(neverNominated, settings)).toBe(
      'retention period ended: never nominated and no active application for 10 days (RETENTION_DAYS_NO_CASE)',
    );
  });
});
