// The rows of the national data set, one interface per table, as the services' entities and migrations define the
// tables (services/*/src/entities). Instants are milliseconds since 1970 (UTC), dates 'YYYY-MM-DD'. Personal data
// is plain here (`cpr`, `releasedOn`, `homeAddress`): the loader encrypts it as the households service does.
import type { AreaYearIndicators } from '@second-chance/evaluation';
import type { CaseEventPayload } from '@second-chance/households/src/domain/events';
import type { Region } from './reference';

export type Instant = number;

// ---------------------------------------------------------------------------------------------------------------
// housing

export interface OrganisationRow {
  id: string;
  name: string;
  cvrNumber: string;
  municipalityCode: string;
  createdAt: Instant;
}

export interface AreaRow {
  id: string;
  name: string;
  municipalityCode: string;
  administratorId: string;
  residentCount: number;
  createdAt: Instant;
  updatedAt: Instant;
}

export interface DepartmentRow {
  id: string;
  organisationId: string;
  areaId: string;
  number: string;
  name: string;
  createdAt: Instant;
}

export type UnitKind = 'FAMILY' | 'YOUTH' | 'SENIOR';

export interface UnitRow {
  id: string;
  departmentId: string;
  street: string;
  houseNumber: string;
  floor: string;
  door: string;
  postalCode: string;
  city: string;
  rooms: number;
  floorAreaM2: number;
  monthlyRentOre: number;
  kind: UnitKind;
  stepFreeAccess: boolean;
  elevator: boolean;
  createdAt: Instant;
  updatedAt: Instant;
}

export type LettingChannel = 'WAITING_LIST' | 'FLEXIBLE_LETTING' | 'MUNICIPAL_ALLOCATION' | 'PLATFORM';
export type VacancyStatus = 'OPEN' | 'RESERVED' | 'LET' | 'WITHDRAWN';

export interface VacancyRow {
  id: string;
  unitId: string;
  availableFrom: string;
  channel: LettingChannel;
  status: VacancyStatus;
  /** Set for a RESERVED vacancy: the reservation that holds it (written after the reservations). */
  reservationId: string | null;
  reservedUntil: Instant | null;
  publishedAt: Instant;
  publishedBy: string;
  closedAt: Instant | null;
  withdrawnReason: string | null;
}

export interface ReservationRow {
  id: string;
  vacancyId: string;
  holderOrganisationType: 'MUNICIPALITY' | 'HOUSING_ORGANISATION';
  holderOrganisationId: string;
  holderSubject: string;
  reference: string | null;
  idempotencyKey: string;
  reservedAt: Instant;
  expiresAt: Instant;
  endedAt: Instant | null;
}

export type FlexibleLettingCriterion =
  'EMPLOYMENT' | 'EDUCATION' | 'LOCAL_TIES' | 'FAMILIES_WITH_CHILDREN' | 'SENIOR_RESIDENTS' | 'OTHER';

export interface LettingPolicyRow {
  id: string;
  areaId: string;
  validFrom: string;
  flexibleLettingCriteria: FlexibleLettingCriterion[];
  flexibleLettingNote: string | null;
  combinedLetting: boolean;
  municipalAllocationShareBp: number;
  setBy: string;
  createdAt: Instant;
}

export type AreaStatus = 'NONE' | 'PREVENTION_AREA' | 'VULNERABLE_AREA' | 'PARALLEL_SOCIETY' | 'TRANSFORMATION_AREA';

export interface OfficialStatusRow {
  id: string;
  areaId: string;
  year: number;
  status: AreaStatus;
  publishedOn: string;
  recordedBy: string;
  recordedAt: Instant;
}

// ---------------------------------------------------------------------------------------------------------------
// households

export type CaseState = CaseEventPayload['toState'];
export type CaseEventAction =
  | 'NOMINATE'
  | 'CONFIRM_CONSENT'
  | 'START_SEARCH'
  | 'OFFER'
  | 'ACCEPT_OFFER'
  | 'OFFER_ENDED'
  | 'MOVE'
  | 'START_FOLLOW_UP'
  | 'CLOSE'
  | 'DECLINE_RELOCATION'
  | 'WITHDRAW_CONSENT'
  | 'CANCEL';
export type OfferStatus = 'RESERVING' | 'PENDING' | 'ACCEPTED' | 'DECLINED' | 'EXPIRED' | 'WITHDRAWN' | 'FAILED';
export type DeclineReason =
  | 'TOO_FAR_FROM_NETWORK'
  | 'TOO_FAR_FROM_WORK_OR_SCHOOL'
  | 'HOME_DOES_NOT_FIT'
  | 'RENT_TOO_HIGH'
  | 'AREA_NOT_WANTED'
  | 'WANTS_TO_STAY'
  | 'OTHER';

export interface HouseholdRow {
  id: string;
  responsibleMunicipalityCode: string;
  homeUnitId: string | null;
  homeOrganisationId: string | null;
  /** Plain; encrypted by the loader. */
  homeAddress: string | null;
  minRooms: number | null;
  needsStepFreeAccess: boolean;
  maxMonthlyRentOre: number | null;
  acceptableMunicipalityCodes: string[];
  registeredBy: string;
  createdAt: Instant;
  updatedAt: Instant;
}

export interface MemberRow {
  id: string;
  householdId: string;
  name: string;
  /** The ten digits; encrypted and hashed by the loader. */
  cpr: string;
  birthDate: string;
  leftOn: string | null;
  createdAt: Instant;
}

export type FactKind =
  'LABOUR_MARKET_STATUS' | 'CITIZENSHIP' | 'OPEN_MUNICIPAL_CASE' | 'LEASE_TERMINATED_GROSS_MISCONDUCT';

export interface MemberFactRow {
  id: string;
  memberId: string;
  kind: FactKind;
  value: string | null;
  startedOn: string;
  endedOn: string | null;
  recordedBy: string;
  recordedAt: Instant;
}

export interface CriminalRecordFactRow {
  id: string;
  memberId: string;
  kind: 'PRISON_RELEASE' | 'YOUTH_INSTITUTION_RELEASE';
  /** Plain; encrypted by the loader. */
  releasedOn: string;
  recordedBy: string;
  recordedAt: Instant;
}

export interface ConsentRow {
  id: string;
  householdId: string;
  purpose: 'RELOCATION' | 'MUNICIPAL_ALLOCATION';
  lawfulBasis: 'CONSENT' | 'LEGAL_OBLIGATION' | 'PUBLIC_TASK';
  givenOn: string;
  withdrawnOn: string | null;
  withdrawalReason: string | null;
  recordedBy: string;
  recordedAt: Instant;
}

export type NominationReason =
  'NEIGHBOURHOOD_CONFLICT' | 'SAFETY' | 'HARMFUL_NETWORK' | 'HOUSING_NEEDS' | 'CHILDREN_FRESH_START' | 'OTHER';

export interface NominationRow {
  id: string;
  householdId: string;
  caseId: string;
  nominatedByOrganisationType: 'MUNICIPALITY' | 'HOUSING_ORGANISATION';
  nominatedByOrganisationId: string;
  nominatedBy: string;
  reasonCategory: NominationReason;
  reasonText: string;
  status: 'PENDING' | 'ACCEPTED' | 'REJECTED';
  decidedBy: string | null;
  decidedAt: Instant | null;
  decisionNote: string | null;
  createdAt: Instant;
}

export interface CaseRow {
  id: string;
  householdId: string;
  state: CaseState;
  sendingMunicipalityCode: string;
  receivingMunicipalityCode: string | null;
  receivingOrganisationId: string | null;
  fromUnitId: string | null;
  toUnitId: string | null;
  toAreaId: string | null;
  moveDate: string | null;
  movedOn: string | null;
  createdAt: Instant;
  updatedAt: Instant;
  version: number;
}

export interface CaseEventRow {
  id: string;
  caseId: string;
  action: CaseEventAction;
  fromState: CaseState | null;
  toState: CaseState;
  actor: string;
  actorOrganisationType: string;
  actorOrganisationId: string;
  reason: string | null;
  occurredAt: Instant;
}

export interface OfferRow {
  id: string;
  caseId: string;
  vacancyId: string;
  unitId: string;
  areaId: string;
  housingOrganisationId: string;
  municipalityCode: string;
  status: OfferStatus;
  responseDeadline: Instant;
  reservationId: string | null;
  declineReason: DeclineReason | null;
  note: string | null;
  respondedAt: Instant | null;
  offeredBy: string;
  createdAt: Instant;
  updatedAt: Instant;
}

export type StrategyParty = 'SENDING_MUNICIPALITY' | 'RECEIVING_MUNICIPALITY' | 'HOUSING_ORGANISATION';

export interface StrategyRow {
  id: string;
  caseId: string;
  summary: string | null;
  createdAt: Instant;
  updatedAt: Instant;
}

export interface StrategyPartyRow {
  strategyId: string;
  party: StrategyParty;
  organisationId: string;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  signedBy: string | null;
  signedAt: Instant | null;
}

export type ActivityKind =
  | 'EMPLOYMENT'
  | 'EDUCATION'
  | 'SCHOOL'
  | 'DAYCARE'
  | 'HEALTH'
  | 'MENTOR'
  | 'LOCAL_NETWORK'
  | 'DEBT_COUNSELLING'
  | 'OTHER';

export interface StrategyActivityRow {
  id: string;
  strategyId: string;
  kind: ActivityKind;
  description: string;
  ownerParty: StrategyParty;
  dueOn: string;
  status: 'PLANNED' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED';
  outcome: string | null;
  closedAt: Instant | null;
  createdAt: Instant;
}

/** The outbox: one event per change of a case's state, as `publishCaseEvent` writes it. */
export interface DomainEventRow {
  id: string;
  sequence: number;
  type: string;
  version: number;
  aggregateType: 'RelocationCase';
  aggregateId: string;
  occurredAt: Instant;
  payload: CaseEventPayload;
}

// ---------------------------------------------------------------------------------------------------------------
// finance

export interface PartyRef {
  kind: 'MUNICIPALITY' | 'HOUSING_ORGANISATION';
  id: string;
}

export interface PayerShare {
  role: 'SENDING_MUNICIPALITY' | 'RECEIVING_MUNICIPALITY' | 'RECEIVING_HOUSING_ORGANISATION' | 'PARTY';
  party: PartyRef | null;
  basisPoints: number;
}

export interface GrantPolicy {
  maxGrantOre: number;
  budgetOre: number | null;
  payers: PayerShare[];
}

export interface CompensationPolicy {
  baseYearlyOre: number;
  perAdultOutsideLabourMarketYearlyOre: number;
  perChildYearlyOre: number;
  taperBasisPoints: number[];
  billing: 'BILL' | 'ABSORB';
  claimDeadlineDays: number;
  departmentCompensationOre: number;
}

export interface AgreementRow {
  id: string;
  name: string;
  parties: PartyRef[];
  partyKeys: string[];
  validFrom: string;
  validTo: string | null;
  createdByOrganisation: string;
  createdBy: string;
  idempotencyKey: string | null;
  createdAt: Instant;
  /** Not a column: the region whose municipalities are the parties, or null for the national agreement. */
  region: Region | null;
}

export interface AgreementVersionRow {
  id: string;
  agreementId: string;
  version: number;
  effectiveFrom: string;
  partyKeys: string[];
  grantPolicy: GrantPolicy;
  compensationPolicy: CompensationPolicy | null;
  note: string | null;
  createdBy: string;
  createdAt: Instant;
}

export type GrantStatus = 'APPLIED' | 'APPROVED' | 'PAID' | 'DECLINED' | 'WITHDRAWN';

export interface GrantShareAmount {
  payer: string;
  basisPoints: number;
  amountOre: number;
}

export interface GrantRow {
  id: string;
  caseId: string;
  agreementId: string;
  agreementVersionId: string;
  agreementVersion: number;
  sendingMunicipalityCode: string;
  receivingMunicipalityCode: string;
  receivingHousingOrganisationId: string | null;
  partyKeys: string[];
  status: GrantStatus;
  requestedOre: number;
  approvedOre: number | null;
  paidOre: number;
  shares: GrantShareAmount[];
  purpose: string;
  decisionNote: string | null;
  idempotencyKey: string | null;
  appliedBy: string;
  appliedAt: Instant;
  decidedBy: string | null;
  decidedAt: Instant | null;
}

export interface GrantPaymentRow {
  id: string;
  grantId: string;
  partyKeys: string[];
  paidOn: string;
  amountOre: number;
  idempotencyKey: string;
  recordedBy: string;
  recordedAt: Instant;
}

export interface ScheduleYear {
  year: number;
  from: string;
  to: string;
  amountOre: number;
}

export interface EntitlementRow {
  id: string;
  caseId: string;
  sourceEventId: string;
  agreementId: string;
  agreementVersionId: string;
  agreementVersion: number;
  householdPseudonym: string;
  sendingMunicipalityCode: string;
  receivingMunicipalityCode: string;
  receivingHousingOrganisationId: string | null;
  toUnitId: string | null;
  partyKeys: string[];
  moveDate: string;
  adults: number;
  children: number;
  adultsOutsideLabourMarket: number;
  yearlyOre: number;
  schedule: ScheduleYear[];
  totalOre: number;
  departmentCompensationOre: number;
  billing: 'BILL' | 'ABSORB';
  status: 'PENDING' | 'BILLED' | 'ABSORBED' | 'LATE_CLAIM';
  claimDeadline: string;
  claimedOn: string | null;
  decidedBy: string | null;
  createdAt: Instant;
}

export interface FinanceReceivedEventRow {
  eventId: string;
  type: string;
  version: number;
  sequence: number;
  outcome: 'ENTITLEMENT_CREATED' | 'NO_AGREEMENT' | 'NO_COMPENSATION' | 'IGNORED';
  payload: CaseEventPayload;
  receivedAt: Instant;
}

// ---------------------------------------------------------------------------------------------------------------
// evaluation

export interface IndicatorYear {
  year: number;
  rows: AreaYearIndicators[];
}

export interface ParticipationRow {
  caseRef: string;
  householdPseudonym: string;
  sendingMunicipalityCode: string;
  receivingMunicipalityCode: string | null;
  toAreaId: string | null;
  nominatedOn: string;
  consentedOn: string | null;
  offeredOn: string | null;
  acceptedOn: string | null;
  movedOn: string | null;
  state: CaseState;
  lastSequence: number;
  updatedAt: Instant;
}

export interface InMoveRow {
  caseRef: string;
  areaId: string;
  movedOn: string;
  members: number;
  adultsOfWorkingAge: number;
  adultsOutsideLabourMarket: number;
  membersWithOpenCase: number;
}

export interface EvaluationReceivedEventRow {
  eventId: string;
  type: string;
  sequence: number;
  outcome: 'APPLIED' | 'MOVE_RECORDED';
  receivedAt: Instant;
}

export type FollowUpPoint = 'BASELINE' | 'MONTH_6' | 'MONTH_12' | 'MONTH_24';

export interface OutcomeRow {
  householdPseudonym: string;
  point: FollowUpPoint;
  adults: number;
  adultsInWork: number;
  adultsInEducation: number;
  adultsOnBenefits: number;
  children: number;
  childrenSchoolAbsenceBp: number | null;
  stillInNewHome: boolean | null;
  returnedToFormerArea: boolean | null;
  recordedCrimeOffences: number | null;
  recordedBy: string;
  recordedAt: Instant;
}

// ---------------------------------------------------------------------------------------------------------------
// The data set

export interface NationalDataSet {
  seed: number;
  scale: number;
  /** The day the data set describes: nothing happens after it (answer deadlines and reservations excepted). */
  asOf: string;
  /** The instant taken as "now": the start of that day in Denmark (22:00 UTC the day before); every event lies before it. */
  now: Instant;
  municipalities: { code: string; name: string; region: Region }[];
  housing: {
    organisations: OrganisationRow[];
    areas: AreaRow[];
    departments: DepartmentRow[];
    units: UnitRow[];
    vacancies: VacancyRow[];
    reservations: ReservationRow[];
    lettingPolicies: LettingPolicyRow[];
    officialStatuses: OfficialStatusRow[];
  };
  households: {
    households: HouseholdRow[];
    members: MemberRow[];
    memberFacts: MemberFactRow[];
    criminalRecordFacts: CriminalRecordFactRow[];
    consents: ConsentRow[];
    nominations: NominationRow[];
    cases: CaseRow[];
    caseEvents: CaseEventRow[];
    offers: OfferRow[];
    strategies: StrategyRow[];
    strategyParties: StrategyPartyRow[];
    strategyActivities: StrategyActivityRow[];
    domainEvents: DomainEventRow[];
  };
  finance: {
    agreements: AgreementRow[];
    agreementVersions: AgreementVersionRow[];
    grants: GrantRow[];
    grantPayments: GrantPaymentRow[];
    entitlements: EntitlementRow[];
    receivedEvents: FinanceReceivedEventRow[];
    /** The quarters the loader settles with the finance service's own settlement run, in order. */
    settlementPeriods: string[];
  };
  evaluation: {
    /** One import per year of figures, oldest first. */
    indicators: IndicatorYear[];
    participations: ParticipationRow[];
    inMoves: InMoveRow[];
    receivedEvents: EvaluationReceivedEventRow[];
    outcomes: OutcomeRow[];
  };
}
