// The fuzzer's starting points: for every mutation of the composed graph, arguments that are valid in the fixture
// world (its records are in the state the mutation needs), the caller who may make the call, and callers who may
// not. A mutation without an entry here fails the fuzz test: add one when you add a mutation.
//
// A call that is accepted may use its base up (a case moves on, a unit now has its vacancy): `renew` makes valid
// arguments again, with new records where needed, so that later calls still get past the state checks to the
// code behind them.
import { addDays } from '@second-chance/service-kit';
import { nextCvr } from '../../../services/housing/test/fixtures';
import { type Who, type World, nextCpr, nextNumber } from './world';

export interface BaseCall {
  /** Who may make the call with valid arguments: the validation path is what the fuzzer exercises. */
  as: Who;
  /** Callers who may not make it, whatever the arguments (`null`: no token at all). */
  denied: readonly Who[];
  /** Valid arguments, as the operation's variables (one variable per argument, named as the argument). */
  variables: Record<string, unknown>;
  /** Valid arguments again, once an accepted call has used the base up. */
  renew?: () => Promise<Record<string, unknown>>;
  /** Other mutations whose accepted calls use this base up too (a new allocation round supersedes proposals). */
  renewAfter?: readonly string[];
  /** `renew` writes nothing (a new name, a proposal looked up): it is not counted against FUZZ_RENEWALS. */
  renewWritesNothing?: boolean;
  /**
   * Argument paths (`input.vacancies`) that the fuzzer does not drop or set to null, because the default they fall
   * back to is a valid and slow call (a national-size scenario takes seconds). Hostile values still go there.
   */
  keep?: readonly string[];
}

export function catalogue(world: World): Record<string, BaseCall> {
  const { people: p, ids, today, make } = world;
  /** An id the world must have. */
  const id = (key: string): string => {
    const found = ids[key];
    if (!found) throw new Error(`the fuzz world has no ${key}`);
    return found;
  };
  const nextMonth = addDays(today, 30);
  const householdCallers = [null, p.caseworker751, p.evaluator, p.lettingOther, p.finance101];
  const strategyCallers = [null, p.caseworker751, p.evaluator, p.lettingOther, p.finance101];
  const stockCallers = [null, p.lettingOther, p.caseworker101, p.evaluator, p.admin];
  const adminCallers = [null, p.caseworker101, p.letting, p.evaluator, p.finance101];
  const evaluationCallers = [null, p.caseworker101, p.finance101, p.letting];
  const rightsCallers = [null, p.caseworker751, p.evaluator, p.letting, p.finance101];
  const unit = (houseNumber: string) => ({
    street: 'Fuzzgade',
    houseNumber,
    floor: '2',
    door: 'th',
    postalCode: '5000',
    city: 'Odense C',
    rooms: 3,
    floorAreaM2: 78,
    monthlyRentOre: 725_000,
    kind: 'FAMILY',
    stepFreeAccess: false,
    elevator: true,
  });
  const grantPolicy = {
    maxGrantOre: 5_000_000,
    budgetOre: 50_000_000,
    payers: [
      { role: 'RECEIVING_HOUSING_ORGANISATION', basisPoints: 5000 },
      { role: 'SENDING_MUNICIPALITY', basisPoints: 5000 },
    ],
  };
  const compensationPolicy = {
    baseYearlyOre: 2_500_000,
    perAdultOutsideLabourMarketYearlyOre: 4_000_000,
    perChildYearlyOre: 1_500_000,
    taperBasisPoints: [10_000, 7_500, 5_000, 2_500],
    billing: 'BILL',
    claimDeadlineDays: 90,
    departmentCompensationOre: 100_000,
  };
  /** The proposals of the latest rounds that await Copenhagen's decision and would offer a vacancy to a case. */
  const proposals = async (): Promise<string[]> => {
    const { allocationProposals } = await world.call<{
      allocationProposals: { nodes: { id: string; case: { id: string } | null; vacancy: { id: string } | null }[] };
    }>(
      p.caseworker101,
      `{ allocationProposals(filter: { statuses: [PROPOSED] }, first: 50) { nodes { id case { id } vacancy { id } } } }`,
    );
    return allocationProposals.nodes.filter((n) => n.case && n.vacancy).map((n) => n.id);
  };
  const outcome = {
    pseudonym: ids.pseudonym,
    point: 'MONTH_6',
    adults: 1,
    adultsInWork: 0,
    adultsInEducation: 0,
    adultsOnBenefits: 1,
    children: 1,
    childrenSchoolAbsencePct: 4.5,
    stillInNewHome: true,
    returnedToFormerArea: false,
    recordedCrimeOffences: 0,
  };

  const organisation = (cvrNumber: string) => ({
    input: { name: 'Fuzz Nyt Boligselskab', cvrNumber, municipalityCode: '461' },
  });
  const newArea = (n: number) => ({ input: { name: `Fuzzbakken ${n}`, municipalityCode: '461', residentCount: 900 } });
  const newDepartment = (n: number) => ({ input: { areaId: ids.area, number: `F-9${n}`, name: 'Afdeling Ni' } });
  const newUnits = (n: number) => ({ departmentId: ids.otherDepartment, units: [unit(`${n}A`), unit(`${n}B`)] });
  const household = (member: { cpr: string; birthDate: string }) => ({
    input: {
      members: [
        {
          name: 'Fuzz Ny Voksen',
          ...member,
          facts: [{ kind: 'LABOUR_MARKET_STATUS', value: 'UDDANNELSESHJAELP', startedOn: '2021-01-01' }],
        },
        { name: 'Fuzz Nyt Barn', birthDate: '2018-02-28' },
      ],
      home: { address: 'Nørregade 1, 1165 København K' },
      needs: { minRooms: 2, stepFreeAccess: false, maxMonthlyRentOre: 900_000, acceptableMunicipalityCodes: ['461'] },
    },
  });
  const member = (householdId: string, person: { cpr: string; birthDate: string }) => ({
    householdId,
    input: {
      name: 'Fuzz Far',
      ...person,
      facts: [{ kind: 'LABOUR_MARKET_STATUS', value: 'EMPLOYED', startedOn: '2019-01-01' }],
    },
  });
  const nomination = (householdId: string) => ({
    input: { householdId, reasonCategory: 'HOUSING_NEEDS', reasonText: 'Boligen er for lille' },
  });
  const offer = (caseId: string, vacancyId: string) => ({
    input: { caseId, vacancyId, responseDays: 5, note: 'Et godt tilbud' },
  });
  const application = (householdId: string) => ({
    householdId,
    input: { minRooms: 2, stepFreeAccess: false, maxMonthlyRentOre: 850_000, acceptableMunicipalityCodes: ['101'] },
  });

  const entries: Record<string, BaseCall> = {
    // housing
    registerHousingOrganisation: {
      as: p.admin,
      denied: [null, p.caseworker101, p.letting, p.evaluator],
      variables: organisation('10000009'),
      renew: () => Promise.resolve(organisation(nextCvr())),
      renewWritesNothing: true,
    },
    registerHousingArea: {
      as: p.letting,
      denied: [null, p.caseworker101, p.admin, p.evaluator],
      variables: newArea(0),
      renew: () => Promise.resolve(newArea(nextNumber())),
      renewWritesNothing: true,
    },
    updateHousingArea: {
      as: p.letting,
      denied: stockCallers,
      variables: { id: ids.area, input: { name: 'Fuzzparken Nord', residentCount: 1900 } },
    },
    registerDepartment: {
      as: p.letting,
      denied: [null, p.caseworker101, p.evaluator, p.admin],
      variables: newDepartment(0),
      renew: () => Promise.resolve(newDepartment(nextNumber())),
      renewWritesNothing: true,
    },
    updateDepartment: {
      as: p.letting,
      denied: stockCallers,
      variables: { id: ids.otherDepartment, input: { name: 'Afdeling To', areaId: ids.otherArea } },
    },
    registerUnits: {
      as: p.letting,
      denied: stockCallers,
      variables: newUnits(0),
      renew: () => Promise.resolve(newUnits(nextNumber())),
      renewWritesNothing: true,
    },
    updateUnit: {
      as: p.letting,
      denied: stockCallers,
      variables: {
        id: ids.unit,
        input: {
          rooms: 4,
          floorAreaM2: 95,
          monthlyRentOre: 810_000,
          kind: 'FAMILY',
          stepFreeAccess: true,
          elevator: true,
        },
      },
    },
    publishVacancy: {
      as: p.letting,
      denied: stockCallers,
      variables: { input: { unitId: ids.unitToPublish, availableFrom: today, channel: 'PLATFORM' } },
      renew: async () => ({ input: { unitId: await make.unit(), availableFrom: today, channel: 'PLATFORM' } }),
    },
    withdrawVacancy: {
      as: p.letting,
      denied: stockCallers,
      variables: { id: ids.vacancyToWithdraw, reason: 'Renovering' },
      renew: async () => ({ id: await make.vacancy(), reason: 'Renovering' }),
    },
    reserveVacancy: {
      as: p.letting,
      denied: [null, p.lettingOther, p.evaluator, p.finance101],
      variables: {
        input: {
          vacancyId: ids.vacancyToReserve,
          idempotencyKey: 'fuzz-reserve-0001',
          expiresAt: new Date(Date.now() + 48 * 3600_000).toISOString(),
          reference: 'Sag 17',
        },
      },
      renew: async () => ({
        input: {
          vacancyId: await make.vacancy(),
          idempotencyKey: `fuzz-reserve-${nextNumber()}`,
          expiresAt: new Date(Date.now() + 48 * 3600_000).toISOString(),
          reference: 'Sag 17',
        },
      }),
    },
    releaseReservation: {
      as: p.letting,
      denied: [null, p.lettingOther, p.evaluator, p.caseworker751],
      variables: { vacancyId: ids.vacancyToRelease },
      renew: async () => ({ vacancyId: await make.reservedVacancy() }),
    },
    letVacancy: {
      as: p.letting,
      denied: [null, p.lettingOther, p.evaluator, p.caseworker751],
      variables: { id: ids.vacancyToLet },
      renew: async () => ({ id: await make.reservedVacancy() }),
    },
    setLettingPolicy: {
      as: p.letting,
      denied: stockCallers,
      variables: {
        areaId: ids.area,
        input: {
          validFrom: today,
          flexibleLettingCriteria: ['EMPLOYMENT', 'EDUCATION'],
          flexibleLettingNote: 'Beskæftigede går forud',
          combinedLetting: true,
          municipalAllocationShareBp: 2500,
        },
      },
    },
    recordOfficialAreaStatus: {
      as: p.admin,
      denied: [null, p.caseworker101, p.letting, p.evaluator],
      variables: { input: { areaId: ids.otherArea, year: world.listYear, status: 'PREVENTION_AREA' } },
    },

    // households
    runAllocationRound: {
      as: p.admin,
      denied: adminCallers,
      variables: {
        input: {
          date: today,
          commitments: [{ municipalityCode: '461', households: 3 }],
          weights: { placement: 1000, burden: 100, fit: 10, waiting: 5, fairness: 1 },
        },
      },
    },
    setAllocationWeights: {
      as: p.admin,
      denied: adminCallers,
      variables: {
        input: { placement: 1000, burden: 120, fit: 10, waiting: 5, fairness: 1 },
        note: 'Byrden vægtes lidt højere',
      },
    },
    acceptProposal: {
      as: p.caseworker101,
      denied: householdCallers,
      variables: { proposalId: ids.proposal, responseDays: 7 },
      renew: async () => ({ proposalId: (await proposals()).at(0) ?? id('proposal'), responseDays: 7 }),
      renewAfter: ['runAllocationRound'],
      renewWritesNothing: true,
    },
    rejectProposal: {
      as: p.caseworker101,
      denied: householdCallers,
      variables: { proposalId: ids.proposalToReject, reason: 'Husstanden ønsker at blive i kommunen' },
      renew: async () => ({
        proposalId: (await proposals()).at(-1) ?? id('proposalToReject'),
        reason: 'Husstanden ønsker at blive i kommunen',
      }),
      renewAfter: ['runAllocationRound'],
      renewWritesNothing: true,
    },
    registerHousehold: {
      as: p.caseworker101,
      denied: [null, p.letting, p.evaluator, p.finance101, p.admin],
      variables: household({ cpr: '030785-4321', birthDate: '1985-07-03' }),
      renew: () => Promise.resolve(household(nextCpr())),
      renewWritesNothing: true,
    },
    updateHouseholdNeeds: {
      as: p.caseworker101,
      denied: householdCallers,
      variables: {
        householdId: ids.household,
        input: {
          minRooms: 2,
          stepFreeAccess: true,
          maxMonthlyRentOre: 800_000,
          acceptableMunicipalityCodes: ['461', '751'],
        },
      },
    },
    setHome: {
      as: p.caseworker101,
      denied: householdCallers,
      variables: { householdId: ids.household, input: { unitId: ids.unit } },
    },
    addMember: {
      as: p.caseworker101,
      denied: householdCallers,
      variables: member(id('household'), { cpr: '150382-1117', birthDate: '1982-03-15' }),
      renew: () => Promise.resolve(member(id('household'), nextCpr())),
      renewWritesNothing: true,
    },
    removeMember: {
      as: p.caseworker101,
      denied: householdCallers,
      variables: { memberId: ids.memberToRemove, leftOn: today },
      renew: async () => ({ memberId: await make.member(id('household')), leftOn: today }),
    },
    recordFact: {
      as: p.caseworker101,
      denied: householdCallers,
      variables: {
        memberId: ids.member,
        input: { kind: 'LABOUR_MARKET_STATUS', value: 'EMPLOYED', startedOn: '2025-03-01', endedOn: null },
      },
    },
    recordCriminalRecordFact: {
      as: p.caseworker101,
      denied: householdCallers,
      variables: { memberId: ids.member, input: { kind: 'PRISON_RELEASE', releasedOn: '2020-06-01' } },
    },
    recordConsent: {
      as: p.caseworker101,
      denied: householdCallers,
      variables: {
        householdId: ids.household,
        input: { purpose: 'RELOCATION', lawfulBasis: 'PUBLIC_TASK', givenOn: today },
      },
    },
    withdrawConsent: {
      as: p.caseworker101,
      denied: householdCallers,
      variables: { consentId: ids.consent, input: { withdrawnOn: today, reason: 'Ønsker ikke længere at deltage' } },
      renew: async () => ({
        consentId: await make.consent((await make.household()).id),
        input: { withdrawnOn: today, reason: 'Ønsker ikke længere at deltage' },
      }),
    },
    nominateHousehold: {
      as: p.caseworker101,
      denied: householdCallers,
      variables: nomination(id('household')),
      renew: async () => {
        const { id } = await make.household();
        await make.consent(id);
        return nomination(id);
      },
    },
    decideNomination: {
      as: p.caseworker101,
      denied: householdCallers,
      variables: { nominationId: ids.nomination, input: { decision: 'ACCEPT', note: 'Godkendt' } },
      renew: async () => ({ nominationId: await make.nomination(), input: { decision: 'ACCEPT', note: 'Godkendt' } }),
    },
    startSearch: {
      as: p.caseworker101,
      denied: householdCallers,
      variables: { caseId: ids.caseConsented },
      renew: async () => ({ caseId: await make.consentedCase() }),
    },
    makeOffer: {
      as: p.caseworker101,
      denied: householdCallers,
      variables: offer(id('caseSearching'), id('vacancyToOffer')),
      renew: async () => offer(await make.searchingCase(), await make.vacancy()),
    },
    acceptOffer: {
      as: p.caseworker101,
      denied: householdCallers,
      variables: { offerId: ids.offerToAccept },
      renew: async () => ({ offerId: await make.offer() }),
    },
    declineOffer: {
      as: p.caseworker101,
      denied: householdCallers,
      variables: { offerId: ids.offerToDecline, input: { reason: 'RENT_TOO_HIGH', note: 'Huslejen er for høj' } },
      renew: async () => ({
        offerId: await make.offer(),
        input: { reason: 'RENT_TOO_HIGH', note: 'Huslejen er for høj' },
      }),
    },
    withdrawOffer: {
      as: p.caseworker101,
      denied: householdCallers,
      variables: { offerId: ids.offerToWithdraw, reason: 'Fejl i tilbuddet' },
      renew: async () => ({ offerId: await make.offer(), reason: 'Fejl i tilbuddet' }),
    },
    declineRelocation: {
      as: p.caseworker101,
      denied: householdCallers,
      variables: { caseId: ids.caseToDecline, reason: 'Husstanden vil blive boende' },
      renew: async () => ({ caseId: await make.searchingCase(), reason: 'Husstanden vil blive boende' }),
    },
    cancelCase: {
      as: p.caseworker101,
      denied: householdCallers,
      variables: { caseId: ids.caseToCancel, reason: 'Sagen oprettet ved en fejl' },
      renew: async () => ({ caseId: await make.searchingCase(), reason: 'Sagen oprettet ved en fejl' }),
    },
    draftReceptionStrategy: {
      as: p.caseworker101,
      denied: householdCallers,
      variables: { caseId: ids.caseAccepted, input: { summary: 'Job og skole først' } },
      renew: async () => ({ caseId: await make.acceptedCase(), input: { summary: 'Job og skole først' } }),
    },
    setStrategyContact: {
      as: p.caseworker101,
      denied: strategyCallers,
      variables: {
        strategyId: ids.strategy,
        input: { name: 'Fuzz Kontakt', email: 'kontakt@kk.dk', phone: '+45 33 66 33 66' },
      },
    },
    addStrategyActivity: {
      as: p.caseworker101,
      denied: strategyCallers,
      variables: {
        strategyId: ids.strategy,
        input: { kind: 'SCHOOL', description: 'Skolestart', ownerParty: 'SENDING_MUNICIPALITY', dueOn: nextMonth },
      },
    },
    updateStrategyActivity: {
      as: p.caseworker101,
      denied: strategyCallers,
      variables: { activityId: ids.activity, input: { status: 'IN_PROGRESS', outcome: null } },
    },
    signReceptionStrategy: {
      as: p.caseworker101,
      denied: strategyCallers,
      variables: { strategyId: ids.strategy },
    },
    setMoveDate: {
      as: p.caseworker101,
      denied: householdCallers,
      variables: { caseId: ids.caseSigned, moveDate: nextMonth },
    },
    recordMove: {
      as: p.caseworker101,
      denied: householdCallers,
      variables: { caseId: ids.caseWithMoveDate, movedOn: today },
      renew: async () => ({ caseId: await make.caseWithMoveDate(), movedOn: today }),
    },
    startFollowUp: {
      as: p.caseworker101,
      denied: strategyCallers,
      variables: { caseId: ids.caseMoved },
      renew: async () => ({ caseId: await make.movedCase() }),
    },
    closeCase: {
      as: p.caseworker101,
      denied: householdCallers,
      variables: { caseId: ids.caseFollowedUp, note: 'Forløbet er afsluttet' },
      renew: async () => ({ caseId: await make.followedUpCase(), note: 'Forløbet er afsluttet' }),
    },
    applyForMunicipalAllocation: {
      as: p.caseworker101,
      denied: householdCallers,
      variables: application(id('household')),
      renew: async () => {
        const { id } = await make.household();
        await make.consent(id, 'MUNICIPAL_ALLOCATION');
        return application(id);
      },
    },
    withdrawInMoverApplication: {
      as: p.caseworker101,
      denied: householdCallers,
      variables: { applicationId: ids.application },
      renew: async () => ({ applicationId: await make.application() }),
    },

    // finance
    createAgreement: {
      as: p.finance101,
      denied: [null, p.caseworker101, p.letting, p.evaluator, p.finance461],
      variables: {
        input: {
          name: 'Fuzzaftale København-Aarhus',
          parties: [
            { kind: 'MUNICIPALITY', id: '101' },
            { kind: 'MUNICIPALITY', id: '751' },
          ],
          validFrom: today,
          validTo: addDays(today, 3 * 365),
          grantPolicy: { ...grantPolicy, payers: [{ role: 'SENDING_MUNICIPALITY', basisPoints: 10_000 }] },
          compensationPolicy,
          idempotencyKey: 'fuzz-agreement-0001',
        },
      },
    },
    amendAgreement: {
      as: p.finance101,
      denied: [null, p.caseworker101, p.letting, p.evaluator, p.finance751],
      variables: {
        input: {
          agreementId: ids.agreement,
          effectiveFrom: nextMonth,
          grantPolicy,
          compensationPolicy,
          note: 'Nyt loft',
        },
      },
    },
    applyForGrant: {
      as: p.caseworker101,
      denied: [null, p.letting, p.evaluator, p.finance751, p.admin],
      variables: {
        input: {
          caseId: ids.caseSigned,
          agreementId: ids.agreement,
          receivingMunicipalityCode: '461',
          receivingHousingOrganisationId: ids.organisation,
          requestedOre: 2_000_000,
          purpose: 'Indskud og flytning',
          idempotencyKey: 'fuzz-grant-0001',
        },
      },
    },
    approveGrant: {
      as: p.finance101,
      denied: [null, p.caseworker101, p.finance461, p.evaluator, p.letting],
      variables: { grantId: ids.grantToApprove, amountOre: 900_000 },
      renew: async () => ({ grantId: await make.grant(id('agreement')), amountOre: 900_000 }),
    },
    declineGrant: {
      as: p.finance101,
      denied: [null, p.finance461, p.evaluator, p.letting, p.finance751],
      variables: { grantId: ids.grantToDecline, reason: 'Ansøgningen er mangelfuld' },
    },
    withdrawGrant: {
      as: p.finance101,
      denied: [null, p.finance461, p.evaluator, p.letting, p.finance751],
      variables: { grantId: ids.grantToWithdraw, reason: 'Sagen er standset' },
    },
    recordGrantPayment: {
      as: p.finance101,
      denied: [null, p.finance461, p.caseworker101, p.evaluator, p.letting],
      variables: {
        input: { grantId: ids.grantToPay, amountOre: 400_000, paidOn: today, idempotencyKey: 'fuzz-payment-0001' },
      },
    },
    claimCompensation: {
      as: p.finance461,
      denied: [null, p.finance101, p.caseworker461, p.evaluator, p.letting],
      variables: { entitlementId: ids.entitlementToClaim },
    },
    absorbCompensation: {
      as: p.finance461,
      denied: [null, p.finance101, p.caseworker461, p.evaluator, p.letting],
      variables: { entitlementId: ids.entitlementToAbsorb },
    },
    decideLateClaim: {
      as: p.finance101,
      denied: [null, p.finance461, p.caseworker101, p.evaluator, p.letting],
      variables: { entitlementId: ids.entitlementClaimedLate, accept: true },
    },
    runSettlement: {
      as: p.finance101,
      denied: [null, p.caseworker101, p.evaluator, p.letting],
      variables: { period: world.lastQuarter },
    },

    // evaluation
    importAreaIndicators: {
      as: p.evaluator,
      denied: evaluationCallers,
      variables: {
        input: {
          csv: [world.csvHeader, `${ids.area};${world.listYear};2400;44,5;2,1;0,7;62;52;55,2;31`].join('\n'),
          source: 'fuzz.csv',
        },
      },
    },
    recordOutcomes: {
      as: p.evaluator,
      denied: evaluationCallers,
      variables: { input: [outcome, { ...outcome, point: 'MONTH_12', adultsInWork: 1, adultsOnBenefits: 0 }] },
    },
    runSteeringScenario: {
      as: p.evaluator,
      denied: evaluationCallers,
      variables: {
        input: {
          seed: 42,
          participatingMunicipalityCodes: ['101', '461', '751'],
          commitments: [{ municipalityCode: '461', households: 5 }],
          weights: { placement: 1000, burden: 100 },
          vacancies: 30,
          seekers: 30,
          areas: 98,
        },
      },
      keep: ['input.vacancies', 'input.seekers', 'input.areas'],
    },
  };

  // The data subject's rights (households).
  if (ids.householdToRestrict) {
    const restrict = (householdId: string) => ({ householdId, reason: 'Den registrerede har gjort indsigelse' });
    entries.restrictProcessing = {
      as: p.caseworker101,
      denied: rightsCallers,
      variables: restrict(id('householdToRestrict')),
      renew: async () => restrict((await make.household()).id),
    };
  }
  if (ids.householdRestricted) {
    const lift = (householdId: string) => ({ householdId, reason: 'Indsigelsen er afgjort' });
    entries.liftRestriction = {
      as: p.caseworker101,
      denied: rightsCallers,
      variables: lift(id('householdRestricted')),
      renew: async () => lift(await make.restrictedHousehold()),
    };
  }
  if (ids.householdToErase) {
    const erase = (householdId: string) => ({
      householdId,
      reason: 'Anmodning om sletning',
      idempotencyKey: `fuzz-erasure-${nextNumber()}`,
    });
    entries.erasePersonalData = {
      as: p.caseworker101,
      denied: rightsCallers,
      variables: erase(id('householdToErase')),
      renew: async () => erase((await make.household()).id),
    };
  }
  return entries;
}
