// Who sees a household and a case: each role against each relation.
import type { Identity, OrganisationType, Role } from '@second-chance/identity';
import {
  type CaseRelations,
  type HouseholdAccess,
  type HouseholdRelations,
  atLeast,
  caseAccess,
  caseworkerOf,
  householdAccess,
  lettingOfficerOf,
} from '../../src/domain/access';
import type { OfferStatus } from '../../src/domain/offers';

function identity(type: OrganisationType, id: string, ...roles: Role[]): Identity {
  return { subject: `user-${roles.join('+')}-${id}`, organisation: { type, id }, roles };
}

const RESPONSIBLE = '101'; // København
const RECEIVING = '751'; // Aarhus
const ELSEWHERE = '461'; // Odense
const OFFERING_ORG = 'org-offering';
const NOMINATING_ORG = 'org-nominating';
const UNRELATED_ORG = 'org-unrelated';

const caseworker = (code: string) => identity('MUNICIPALITY', code, 'caseworker');
const financeOfficer = (code: string) => identity('MUNICIPALITY', code, 'finance-officer');
const lettingOfficer = (org: string) => identity('HOUSING_ORGANISATION', org, 'letting-officer');
const evaluator = identity('EVALUATOR', 'eval-1', 'evaluator');
const platformAdmin = identity('PLATFORM', 'platform', 'platform-admin');

function household(offerStatus: OfferStatus = 'ACCEPTED'): HouseholdRelations {
  return {
    responsibleMunicipalityCode: RESPONSIBLE,
    offers: [{ municipalityCode: RECEIVING, housingOrganisationId: OFFERING_ORG, status: offerStatus }],
    nominatingOrganisationIds: [NOMINATING_ORG],
  };
}

describe('householdAccess', () => {
  test('a caseworker of the responsible municipality: RESPONSIBLE', () => {
    expect(householdAccess(caseworker(RESPONSIBLE), household())).toBe('RESPONSIBLE');
    expect(householdAccess(caseworker(RESPONSIBLE), { ...household(), offers: [] })).toBe('RESPONSIBLE');
  });

  test('the responsible municipality wins even when it is also where the offer was accepted', () => {
    const relations: HouseholdRelations = {
      ...household(),
      offers: [{ municipalityCode: RESPONSIBLE, housingOrganisationId: OFFERING_ORG, status: 'ACCEPTED' }],
    };
    expect(householdAccess(caseworker(RESPONSIBLE), relations)).toBe('RESPONSIBLE');
  });

  test('a caseworker of the municipality of an ACCEPTED offer: RECEIVING', () => {
    expect(householdAccess(caseworker(RECEIVING), household('ACCEPTED'))).toBe('RECEIVING');
  });

  test.each(['RESERVING', 'PENDING', 'DECLINED', 'EXPIRED', 'WITHDRAWN', 'FAILED'] as const)(
    'a caseworker of the municipality of a %s offer: NONE',
    (status) => {
      expect(householdAccess(caseworker(RECEIVING), household(status))).toBe('NONE');
    },
  );

  test('RECEIVING when one of several offers in the municipality is accepted', () => {
    const relations: HouseholdRelations = {
      ...household(),
      offers: [
        { municipalityCode: RECEIVING, housingOrganisationId: 'org-a', status: 'DECLINED' },
        { municipalityCode: ELSEWHERE, housingOrganisationId: 'org-b', status: 'ACCEPTED' },
      ],
    };
    expect(householdAccess(caseworker(RECEIVING), relations)).toBe('NONE');
    expect(householdAccess(caseworker(ELSEWHERE), relations)).toBe('RECEIVING');
  });

  test('a caseworker of an unrelated municipality: NONE', () => {
    expect(householdAccess(caseworker(ELSEWHERE), household())).toBe('NONE');
  });

  test.each(['RESERVING', 'PENDING', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'WITHDRAWN'] as const)(
    'a letting officer of an organisation that made a %s offer: LETTING',
    (status) => {
      expect(householdAccess(lettingOfficer(OFFERING_ORG), household(status))).toBe('LETTING');
    },
  );

  test('a letting officer of an organisation whose offer failed to reserve the vacancy: NONE', () => {
    expect(householdAccess(lettingOfficer(OFFERING_ORG), household('FAILED'))).toBe('NONE');
  });

  test('a letting officer of a nominating organisation: LETTING, with or without offers', () => {
    expect(householdAccess(lettingOfficer(NOMINATING_ORG), household())).toBe('LETTING');
    expect(householdAccess(lettingOfficer(NOMINATING_ORG), { ...household(), offers: [] })).toBe('LETTING');
  });

  test('a letting officer of an unrelated organisation: NONE', () => {
    expect(householdAccess(lettingOfficer(UNRELATED_ORG), household())).toBe('NONE');
  });

  test('an evaluator, a finance officer and a platform admin: NONE', () => {
    expect(householdAccess(evaluator, household())).toBe('NONE');
    expect(householdAccess(financeOfficer(RESPONSIBLE), household())).toBe('NONE');
    expect(householdAccess(financeOfficer(RECEIVING), household())).toBe('NONE');
    expect(householdAccess(platformAdmin, household())).toBe('NONE');
  });

  test('the role must go with the right kind of organisation', () => {
    // A "caseworker" of a housing organisation whose id happens to be the municipality code is no caseworker.
    expect(householdAccess(identity('HOUSING_ORGANISATION', RESPONSIBLE, 'caseworker'), household())).toBe('NONE');
    expect(householdAccess(identity('HOUSING_ORGANISATION', RECEIVING, 'caseworker'), household())).toBe('NONE');
    // A "letting officer" of a municipality whose id matches the offering organisation is no letting officer.
    expect(householdAccess(identity('MUNICIPALITY', OFFERING_ORG, 'letting-officer'), household())).toBe('NONE');
    // An organisation without the role sees nothing.
    expect(householdAccess(identity('MUNICIPALITY', RESPONSIBLE, 'finance-officer'), household())).toBe('NONE');
    expect(householdAccess(identity('HOUSING_ORGANISATION', OFFERING_ORG), household())).toBe('NONE');
  });
});

describe('caseAccess', () => {
  const relations: CaseRelations = {
    sendingMunicipalityCode: RESPONSIBLE,
    receivingMunicipalityCode: RECEIVING,
    receivingOrganisationId: OFFERING_ORG,
  };
  const beforeAcceptance: CaseRelations = {
    sendingMunicipalityCode: RESPONSIBLE,
    receivingMunicipalityCode: null,
    receivingOrganisationId: null,
  };

  test('the sending municipality: SENDING, before and after acceptance', () => {
    expect(caseAccess(caseworker(RESPONSIBLE), relations)).toBe('SENDING');
    expect(caseAccess(caseworker(RESPONSIBLE), beforeAcceptance)).toBe('SENDING');
  });

  test('the receiving municipality: RECEIVING once set, NONE before', () => {
    expect(caseAccess(caseworker(RECEIVING), relations)).toBe('RECEIVING');
    expect(caseAccess(caseworker(RECEIVING), beforeAcceptance)).toBe('NONE');
  });

  test('a move within one municipality: the caseworker is SENDING', () => {
    expect(caseAccess(caseworker(RESPONSIBLE), { ...relations, receivingMunicipalityCode: RESPONSIBLE })).toBe(
      'SENDING',
    );
  });

  test('the receiving organisation: HOUSING; before acceptance: NONE', () => {
    expect(caseAccess(lettingOfficer(OFFERING_ORG), relations)).toBe('HOUSING');
    expect(caseAccess(lettingOfficer(OFFERING_ORG), beforeAcceptance)).toBe('NONE');
  });

  test('a nominating or unrelated organisation is not a party to the case', () => {
    expect(caseAccess(lettingOfficer(NOMINATING_ORG), relations)).toBe('NONE');
    expect(caseAccess(lettingOfficer(UNRELATED_ORG), relations)).toBe('NONE');
  });

  test('an unrelated municipality, an evaluator, finance officers and a platform admin: NONE', () => {
    expect(caseAccess(caseworker(ELSEWHERE), relations)).toBe('NONE');
    expect(caseAccess(evaluator, relations)).toBe('NONE');
    expect(caseAccess(financeOfficer(RESPONSIBLE), relations)).toBe('NONE');
    expect(caseAccess(financeOfficer(RECEIVING), relations)).toBe('NONE');
    expect(caseAccess(platformAdmin, relations)).toBe('NONE');
  });

  test('the role must go with the right kind of organisation', () => {
    expect(caseAccess(identity('HOUSING_ORGANISATION', RESPONSIBLE, 'caseworker'), relations)).toBe('NONE');
    expect(caseAccess(identity('MUNICIPALITY', OFFERING_ORG, 'letting-officer'), relations)).toBe('NONE');
  });
});

describe('caseworkerOf and lettingOfficerOf', () => {
  test('give the organisation only for the matching role and organisation type', () => {
    expect(caseworkerOf(caseworker(RESPONSIBLE))).toBe(RESPONSIBLE);
    expect(caseworkerOf(financeOfficer(RESPONSIBLE))).toBeNull();
    expect(caseworkerOf(lettingOfficer(OFFERING_ORG))).toBeNull();
    expect(caseworkerOf(identity('HOUSING_ORGANISATION', RESPONSIBLE, 'caseworker'))).toBeNull();
    expect(lettingOfficerOf(lettingOfficer(OFFERING_ORG))).toBe(OFFERING_ORG);
    expect(lettingOfficerOf(caseworker(RESPONSIBLE))).toBeNull();
    expect(lettingOfficerOf(identity('MUNICIPALITY', OFFERING_ORG, 'letting-officer'))).toBeNull();
  });
});

describe('atLeast', () => {
  const ORDER: HouseholdAccess[] = ['NONE', 'LETTING', 'RECEIVING', 'RESPONSIBLE'];

  test.each(ORDER.flatMap((access, i) => ORDER.map((needed, j) => [access, needed, i >= j] as const)))(
    'atLeast(%s, %s) is %s',
    (access, needed, expected) => {
      expect(atLeast(access, needed)).toBe(expected);
    },
  );

  test('RESPONSIBLE is enough for everything; NONE only for NONE', () => {
    for (const needed of ORDER) expect(atLeast('RESPONSIBLE', needed)).toBe(true);
    expect(ORDER.filter((needed) => atLeast('NONE', needed))).toEqual(['NONE']);
  });
});
