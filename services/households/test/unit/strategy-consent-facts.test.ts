// The reception strategy, consent, socio-economic facts and who may nominate.
import type { Identity, OrganisationType, Role } from '@second-chance/identity';
import { type ConsentRecord, hasValidConsent, inForce } from '../../src/domain/consent';
import {
  CASH_BENEFITS,
  CITIZENSHIPS,
  type DatedFact,
  FACT_KINDS,
  LABOUR_MARKET_STATUSES,
  type LabourMarketStatus,
  factsOn,
  isOutsideLabourMarket,
  validFactValue,
} from '../../src/domain/facts';
import { mayNominate } from '../../src/domain/nominations';
import {
  type ActivityState,
  type PartySignature,
  STRATEGY_PARTIES,
  unfinishedActivities,
  unsignedParties,
} from '../../src/domain/strategy';

describe('unsignedParties', () => {
  const signed = new Date('2026-02-01T10:00:00Z');

  test('nobody listed: all three parties are unsigned, in order', () => {
    expect(unsignedParties([])).toEqual(['SENDING_MUNICIPALITY', 'RECEIVING_MUNICIPALITY', 'HOUSING_ORGANISATION']);
  });

  test('listed but not signed counts as unsigned', () => {
    const parties: PartySignature[] = STRATEGY_PARTIES.map((party) => ({ party, signedAt: null }));
    expect(unsignedParties(parties)).toEqual([...STRATEGY_PARTIES]);
  });

  test('all three signed: nobody left', () => {
    const parties: PartySignature[] = STRATEGY_PARTIES.map((party) => ({ party, signedAt: signed }));
    expect(unsignedParties(parties)).toEqual([]);
  });

  test('some signed, one listed unsigned, one missing', () => {
    const parties: PartySignature[] = [
      { party: 'HOUSING_ORGANISATION', signedAt: null },
      { party: 'SENDING_MUNICIPALITY', signedAt: signed },
    ];
    expect(unsignedParties(parties)).toEqual(['RECEIVING_MUNICIPALITY', 'HOUSING_ORGANISATION']);
  });

  test('the order of the result follows the parties, not the input', () => {
    const parties: PartySignature[] = [{ party: 'RECEIVING_MUNICIPALITY', signedAt: signed }];
    expect(unsignedParties(parties)).toEqual(['SENDING_MUNICIPALITY', 'HOUSING_ORGANISATION']);
  });
});

describe('unfinishedActivities', () => {
  interface Activity extends ActivityState {
    id: string;
  }
  const activity = (id: string, status: Activity['status'], outcome: string | null): Activity => ({
    id,
    status,
    outcome,
  });

  test('planned and in-progress activities are unfinished, with or without an outcome', () => {
    const activities = [
      activity('a', 'PLANNED', null),
      activity('b', 'IN_PROGRESS', null),
      activity('c', 'PLANNED', 'early notes'),
      activity('d', 'IN_PROGRESS', 'going well'),
    ];
    expect(unfinishedActivities(activities).map((a) => a.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  test('DONE or CANCELLED with an outcome is finished', () => {
    const activities = [activity('a', 'DONE', 'found a job'), activity('b', 'CANCELLED', 'moved on to another offer')];
    expect(unfinishedActivities(activities)).toEqual([]);
  });

  test('DONE or CANCELLED without an outcome still counts as unfinished', () => {
    const activities = [
      activity('a', 'DONE', null),
      activity('b', 'CANCELLED', null),
      activity('c', 'DONE', ''),
      activity('d', 'DONE', 'ok'),
    ];
    expect(unfinishedActivities(activities).map((a) => a.id)).toEqual(['a', 'b', 'c']);
  });

  test('returns the same objects, in order, and leaves the input as it was', () => {
    const activities = [activity('a', 'DONE', 'ok'), activity('b', 'PLANNED', null)];
    const result = unfinishedActivities(activities);
    expect(result[0]).toBe(activities[1]);
    expect(activities).toHaveLength(2);
    expect(unfinishedActivities([])).toEqual([]);
  });
});

describe('consent: inForce and hasValidConsent', () => {
  const consent = (givenOn: string, withdrawnOn: string | null = null): ConsentRecord => ({
    purpose: 'RELOCATION',
    givenOn,
    withdrawnOn,
  });

  test('in force from the day it is given', () => {
    expect(inForce(consent('2026-01-10'), 'RELOCATION', '2026-01-09')).toBe(false);
    expect(inForce(consent('2026-01-10'), 'RELOCATION', '2026-01-10')).toBe(true);
    expect(inForce(consent('2026-01-10'), 'RELOCATION', '2030-01-01')).toBe(true);
  });

  test('given in the future is not yet in force', () => {
    expect(hasValidConsent([consent('2026-06-01')], 'RELOCATION', '2026-05-31')).toBe(false);
  });

  test('withdrawn: in force until the day before, no longer on the day', () => {
    const withdrawn = consent('2026-01-10', '2026-03-01');
    expect(inForce(withdrawn, 'RELOCATION', '2026-02-28')).toBe(true);
    expect(inForce(withdrawn, 'RELOCATION', '2026-03-01')).toBe(false);
    expect(inForce(withdrawn, 'RELOCATION', '2026-03-02')).toBe(false);
  });

  test('withdrawn on the day it was given was never in force', () => {
    expect(inForce(consent('2026-01-10', '2026-01-10'), 'RELOCATION', '2026-01-10')).toBe(false);
  });

  test('a consent for another purpose does not count', () => {
    const allocation: ConsentRecord = { purpose: 'MUNICIPAL_ALLOCATION', givenOn: '2026-01-01', withdrawnOn: null };
    expect(inForce(allocation, 'RELOCATION', '2026-02-01')).toBe(false);
    expect(inForce(allocation, 'MUNICIPAL_ALLOCATION', '2026-02-01')).toBe(true);
    expect(hasValidConsent([allocation], 'RELOCATION', '2026-02-01')).toBe(false);
  });

  test('none at all: no valid consent', () => {
    expect(hasValidConsent([], 'RELOCATION', '2026-02-01')).toBe(false);
    expect(hasValidConsent([], 'MUNICIPAL_ALLOCATION', '2026-02-01')).toBe(false);
  });

  test('one withdrawn consent and a later one given again: valid from the new one', () => {
    const consents = [consent('2025-01-01', '2025-06-01'), consent('2025-09-01')];
    expect(hasValidConsent(consents, 'RELOCATION', '2025-05-31')).toBe(true);
    expect(hasValidConsent(consents, 'RELOCATION', '2025-06-01')).toBe(false);
    expect(hasValidConsent(consents, 'RELOCATION', '2025-08-31')).toBe(false);
    expect(hasValidConsent(consents, 'RELOCATION', '2025-09-01')).toBe(true);
  });
});

describe('isOutsideLabourMarket', () => {
  const INSIDE: LabourMarketStatus[] = ['EMPLOYED', 'SELF_EMPLOYED', 'IN_EDUCATION'];

  test.each(LABOUR_MARKET_STATUSES.map((status) => [status, !INSIDE.includes(status)] as const))(
    '%s: outside the labour market and education is %s',
    (status, outside) => {
      expect(isOutsideLabourMarket(status)).toBe(outside);
    },
  );

  test('fourteen statuses, eleven of them outside', () => {
    expect(LABOUR_MARKET_STATUSES).toHaveLength(14);
    expect(LABOUR_MARKET_STATUSES.filter(isOutsideLabourMarket)).toHaveLength(11);
  });

  test('every cash benefit is outside the labour market', () => {
    expect([...CASH_BENEFITS].sort()).toEqual(
      ['KONTANTHJAELP', 'OVERGANGSYDELSE', 'SELVFORSOERGELSES_OG_HJEMREJSEYDELSE', 'UDDANNELSESHJAELP'].sort(),
    );
    for (const status of CASH_BENEFITS) expect(isOutsideLabourMarket(status)).toBe(true);
  });
});

describe('validFactValue', () => {
  test('the fact kinds', () => {
    expect([...FACT_KINDS]).toEqual([
      'LABOUR_MARKET_STATUS',
      'CITIZENSHIP',
      'OPEN_MUNICIPAL_CASE',
      'LEASE_TERMINATED_GROSS_MISCONDUCT',
    ]);
  });

  test.each(LABOUR_MARKET_STATUSES)('LABOUR_MARKET_STATUS accepts %s', (status) => {
    expect(validFactValue('LABOUR_MARKET_STATUS', status)).toBe(true);
  });

  test.each([null, undefined, '', 'employed', 'UNEMPLOYED', 'DANISH', ' EMPLOYED'])(
    'LABOUR_MARKET_STATUS refuses %j',
    (value) => {
      expect(validFactValue('LABOUR_MARKET_STATUS', value)).toBe('a labour-market status');
    },
  );

  test.each(CITIZENSHIPS)('CITIZENSHIP accepts %s', (citizenship) => {
    expect(validFactValue('CITIZENSHIP', citizenship)).toBe(true);
  });

  test.each([null, undefined, '', 'danish', 'EU', 'SWEDISH', 'EMPLOYED'])('CITIZENSHIP refuses %j', (value) => {
    expect(validFactValue('CITIZENSHIP', value)).toBe('DANISH, EU_EEA_SWISS or OTHER');
  });

  test.each(['OPEN_MUNICIPAL_CASE', 'LEASE_TERMINATED_GROSS_MISCONDUCT'] as const)(
    '%s holds no value: null, undefined and empty are fine, anything else is refused',
    (kind) => {
      expect(validFactValue(kind, null)).toBe(true);
      expect(validFactValue(kind, undefined)).toBe(true);
      expect(validFactValue(kind, '')).toBe(true);
      expect(validFactValue(kind, 'yes')).toBe('this kind of fact holds no value');
      expect(validFactValue(kind, 'EMPLOYED')).toBe('this kind of fact holds no value');
    },
  );
});

describe('factsOn', () => {
  interface Fact extends DatedFact {
    id: string;
  }
  const fact = (id: string, startedOn: string, endedOn: string | null = null): Fact => ({
    id,
    kind: 'LABOUR_MARKET_STATUS',
    startedOn,
    endedOn,
  });
  const ids = (facts: Fact[]) => facts.map((f) => f.id);

  test('in force from the day it started', () => {
    const facts = [fact('a', '2026-01-10')];
    expect(ids(factsOn(facts, '2026-01-09'))).toEqual([]);
    expect(ids(factsOn(facts, '2026-01-10'))).toEqual(['a']);
    expect(ids(factsOn(facts, '2040-01-01'))).toEqual(['a']);
  });

  test('still in force on the day it ended, not the day after', () => {
    const facts = [fact('a', '2026-01-10', '2026-03-31')];
    expect(ids(factsOn(facts, '2026-03-30'))).toEqual(['a']);
    expect(ids(factsOn(facts, '2026-03-31'))).toEqual(['a']);
    expect(ids(factsOn(facts, '2026-04-01'))).toEqual([]);
  });

  test('a fact of a single day', () => {
    const facts = [fact('a', '2026-02-01', '2026-02-01')];
    expect(ids(factsOn(facts, '2026-01-31'))).toEqual([]);
    expect(ids(factsOn(facts, '2026-02-01'))).toEqual(['a']);
    expect(ids(factsOn(facts, '2026-02-02'))).toEqual([]);
  });

  test('a change of status: the old one on its last day and the new one from its first', () => {
    const facts = [fact('old', '2025-01-01', '2025-12-31'), fact('new', '2026-01-01')];
    expect(ids(factsOn(facts, '2025-12-31'))).toEqual(['old']);
    expect(ids(factsOn(facts, '2026-01-01'))).toEqual(['new']);
  });

  test('overlapping facts are all returned, in order; the input is left as it was', () => {
    const facts = [fact('a', '2025-01-01'), fact('b', '2025-06-01', '2025-12-31'), fact('c', '2026-01-01')];
    expect(ids(factsOn(facts, '2025-07-01'))).toEqual(['a', 'b']);
    expect(facts).toHaveLength(3);
    expect(factsOn([], '2025-07-01')).toEqual([]);
  });

  test('an empty endedOn counts as not ended', () => {
    const facts = [{ ...fact('a', '2025-01-01'), endedOn: '' }];
    expect(ids(factsOn(facts, '2030-01-01'))).toEqual(['a']);
  });
});

describe('mayNominate', () => {
  const identity = (type: OrganisationType, id: string, ...roles: Role[]): Identity => ({
    subject: 'someone',
    organisation: { type, id },
    roles,
  });

  test('a caseworker nominates the households of their own municipality only', () => {
    expect(mayNominate(identity('MUNICIPALITY', '101', 'caseworker'), '101', null)).toBe(true);
    expect(mayNominate(identity('MUNICIPALITY', '101', 'caseworker'), '101', 'org-1')).toBe(true);
    expect(mayNominate(identity('MUNICIPALITY', '751', 'caseworker'), '101', null)).toBe(false);
    expect(mayNominate(identity('MUNICIPALITY', '751', 'caseworker'), '101', 'org-1')).toBe(false);
  });

  test('a letting officer nominates households living in their own organisation’s homes only', () => {
    expect(mayNominate(identity('HOUSING_ORGANISATION', 'org-1', 'letting-officer'), '101', 'org-1')).toBe(true);
    expect(mayNominate(identity('HOUSING_ORGANISATION', 'org-1', 'letting-officer'), '101', 'org-2')).toBe(false);
    expect(mayNominate(identity('HOUSING_ORGANISATION', 'org-1', 'letting-officer'), '101', null)).toBe(false);
  });

  test('a caseworker’s municipality code in the home-organisation slot is not enough', () => {
    expect(mayNominate(identity('MUNICIPALITY', '751', 'caseworker'), '101', '751')).toBe(false);
  });

  test('a letting officer’s organisation id in the municipality slot is not enough', () => {
    expect(mayNominate(identity('HOUSING_ORGANISATION', 'org-1', 'letting-officer'), 'org-1', 'org-2')).toBe(false);
  });

  test('other roles, and roles with the wrong kind of organisation, may not nominate', () => {
    expect(mayNominate(identity('MUNICIPALITY', '101', 'finance-officer'), '101', 'org-1')).toBe(false);
    expect(mayNominate(identity('EVALUATOR', 'eval', 'evaluator'), '101', 'org-1')).toBe(false);
    expect(mayNominate(identity('PLATFORM', 'platform', 'platform-admin'), '101', 'org-1')).toBe(false);
    expect(mayNominate(identity('HOUSING_ORGANISATION', '101', 'caseworker'), '101', null)).toBe(false);
    expect(mayNominate(identity('MUNICIPALITY', 'org-1', 'letting-officer'), '101', 'org-1')).toBe(false);
  });
});
