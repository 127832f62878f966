// Writing the national data set into the four services' databases in bulk: every table with multi-row
// `INSERT … SELECT … FROM unnest($1::uuid[], …)` statements of CHUNK rows (the approach of the settlement and
// indicator benchmarks), never row by row. Personal data is encrypted as the households service encrypts it. The
// ledger is written by the finance service's own settlement run, the indicators by evaluation's own import.
//
// Everything is written as the login user, who owns the tables: the households service's role may only add to its
// append-only records, and finance's row-level security applies to its tenant role only.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createDataSource, runMigrations } from '@second-chance/db';
import { createEvaluationSubgraph, importIndicators } from '@second-chance/evaluation';
import { createFinanceSubgraph, runSettlement } from '@second-chance/finance';
import { createHouseholdsSubgraph } from '@second-chance/households';
import type { PersonalDataCipher } from '@second-chance/households/src/privacy/cipher';
import type { PersonalDataKeys } from '@second-chance/households/src/privacy/keys';
import { housingSubgraph } from '@second-chance/housing';
import type { SubgraphModule } from '@second-chance/service-kit';
import type { Instant, NationalDataSet } from './rows';

type DataSource = ReturnType<typeof createDataSource>;

/** Rows per INSERT statement. */
export const CHUNK = 10_000;

export const SERVICES = ['housing', 'households', 'finance', 'evaluation'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** A database: its URL, or a pg pool connected to it (as the login user that owns the tables). */
export type DatabaseTarget = string | pg.Pool;

export interface LoadProgress {
  /** Rows written so far, of `total`. */
  done: number;
  total: number;
  /** What is being written: `housing.unit`, say. */
  step: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Columns

type PgType = 'uuid' | 'text' | 'int' | 'smallint' | 'bigint' | 'boolean' | 'date' | 'timestamptz' | 'float8';

interface Column<R> {
  name: string;
  /** The element type of the parameter array. */
  type: PgType;
  /** A cast of the unnested value (`jsonb`, `text[]` for an array column passed as its literal). */
  cast?: string;
  value: (row: R) => unknown;
}

const col = <R>(name: string, type: PgType, value: (row: R) => unknown, cast?: string): Column<R> =>
  cast ? { name, type, value, cast } : { name, type, value };
const instant = (value: Instant | null) => (value === null ? null : new Date(value).toISOString());
const json = (value: unknown) => JSON.stringify(value);
/** A PostgreSQL array literal of strings: `{"a","b"}`. */
const arrayLiteral = (values: readonly string[]) =>
  `{${values.map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;

function insertSql<R>(table: string, columns: readonly Column<R>[]): string {
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  const selected = columns.map((c, i) => (c.cast ? `c${i}::${c.cast}` : `c${i}`)).join(', ');
  const params = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  const aliases = columns.map((_, i) => `c${i}`).join(', ');
  return `INSERT INTO "${table}" (${names}) SELECT ${selected} FROM unnest(${params}) AS u(${aliases})`;
}

// ---------------------------------------------------------------------------------------------------------------
// The tables of each service, in the order their keys need

/** A table to write: its name, how many rows, and how to write them. */
interface TableLoad {
  table: string;
  count: number;
  insert(client: pg.PoolClient, progress: (rows: number) => void): Promise<void>;
}

function table<R>(name: string, rows: readonly R[], columns: readonly Column<R>[]): TableLoad {
  return {
    table: name,
    count: rows.length,
    insert: async (client, progress) => {
      const sql = insertSql(name, columns);
      for (let start = 0; start < rows.length; start += CHUNK) {
        const chunk = rows.slice(start, start + CHUNK);
        await client.query(
          sql,
          columns.map((c) => chunk.map((row) => c.value(row))),
        );
        progress(chunk.length);
      }
    },
  };
}

function housingTables(data: NationalDataSet) {
  const h = data.housing;
  return [
    table('housing_organisation', h.organisations, [
      col('id', 'uuid', (r) => r.id),
      col('name', 'text', (r) => r.name),
      col('cvr_number', 'text', (r) => r.cvrNumber),
      col('municipality_code', 'text', (r) => r.municipalityCode),
      col('created_at', 'timestamptz', (r) => instant(r.createdAt)),
    ]),
    table('housing_area', h.areas, [
      col('id', 'uuid', (r) => r.id),
      col('name', 'text', (r) => r.name),
      col('municipality_code', 'text', (r) => r.municipalityCode),
      col('administrator_id', 'uuid', (r) => r.administratorId),
      col('resident_count', 'int', (r) => r.residentCount),
      col('created_at', 'timestamptz', (r) => instant(r.createdAt)),
      col('updated_at', 'timestamptz', (r) => instant(r.updatedAt)),
    ]),
    table('department', h.departments, [
      col('id', 'uuid', (r) => r.id),
      col('organisation_id', 'uuid', (r) => r.organisationId),
      col('area_id', 'uuid', (r) => r.areaId),
      col('number', 'text', (r) => r.number),
      col('name', 'text', (r) => r.name),
      col('created_at', 'timestamptz', (r) => instant(r.createdAt)),
    ]),
    table('unit', h.units, [
      col('id', 'uuid', (r) => r.id),
      col('department_id', 'uuid', (r) => r.departmentId),
      col('street', 'text', (r) => r.street),
      col('house_number', 'text', (r) => r.houseNumber),
      col('floor', 'text', (r) => r.floor),
      col('door', 'text', (r) => r.door),
      col('postal_code', 'text', (r) => r.postalCode),
      col('city', 'text', (r) => r.city),
      col('rooms', 'smallint', (r) => r.rooms),
      col('floor_area_m2', 'int', (r) => r.floorAreaM2),
      col('monthly_rent_ore', 'bigint', (r) => r.monthlyRentOre),
      col('kind', 'text', (r) => r.kind),
      col('step_free_access', 'boolean', (r) => r.stepFreeAccess),
      col('elevator', 'boolean', (r) => r.elevator),
      col('created_at', 'timestamptz', (r) => instant(r.createdAt)),
      col('updated_at', 'timestamptz', (r) => instant(r.updatedAt)),
    ]),
    // Without their reservation first: a reservation refers to its vacancy and a vacancy to the reservation
    // holding it; the holds are set once the reservations are written (below).
    table('vacancy', h.vacancies, [
      col('id', 'uuid', (r) => r.id),
      col('unit_id', 'uuid', (r) => r.unitId),
      col('available_from', 'date', (r) => r.availableFrom),
      col('channel', 'text', (r) => r.channel),
      col('status', 'text', (r) => r.status),
      col('reserved_until', 'timestamptz', (r) => instant(r.reservedUntil)),
      col('published_at', 'timestamptz', (r) => instant(r.publishedAt)),
      col('published_by', 'text', (r) => r.publishedBy),
      col('closed_at', 'timestamptz', (r) => instant(r.closedAt)),
      col('withdrawn_reason', 'text', (r) => r.withdrawnReason),
    ]),
    table('reservation', h.reservations, [
      col('id', 'uuid', (r) => r.id),
      col('vacancy_id', 'uuid', (r) => r.vacancyId),
      col('holder_organisation_type', 'text', (r) => r.holderOrganisationType),
      col('holder_organisation_id', 'text', (r) => r.holderOrganisationId),
      col('holder_subject', 'text', (r) => r.holderSubject),
      col('reference', 'text', (r) => r.reference),
      col('idempotency_key', 'text', (r) => r.idempotencyKey),
      col('reserved_at', 'timestamptz', (r) => instant(r.reservedAt)),
      col('expires_at', 'timestamptz', (r) => instant(r.expiresAt)),
      col('ended_at', 'timestamptz', (r) => instant(r.endedAt)),
    ]),
    table('letting_policy', h.lettingPolicies, [
      col('id', 'uuid', (r) => r.id),
      col('area_id', 'uuid', (r) => r.areaId),
      col('valid_from', 'date', (r) => r.validFrom),
      col('flexible_letting_criteria', 'text', (r) => arrayLiteral(r.flexibleLettingCriteria), 'varchar[]'),
      col('flexible_letting_note', 'text', (r) => r.flexibleLettingNote),
      col('combined_letting', 'boolean', (r) => r.combinedLetting),
      col('municipal_allocation_share_bp', 'int', (r) => r.municipalAllocationShareBp),
      col('set_by', 'text', (r) => r.setBy),
      col('created_at', 'timestamptz', (r) => instant(r.createdAt)),
    ]),
    table('official_area_status', h.officialStatuses, [
      col('id', 'uuid', (r) => r.id),
      col('area_id', 'uuid', (r) => r.areaId),
      col('year', 'smallint', (r) => r.year),
      col('status', 'text', (r) => r.status),
      col('published_on', 'date', (r) => r.publishedOn),
      col('recorded_by', 'text', (r) => r.recordedBy),
      col('recorded_at', 'timestamptz', (r) => instant(r.recordedAt)),
    ]),
  ];
}

function householdsTables(data: NationalDataSet, cipher: PersonalDataCipher) {
  const h = data.households;
  return [
    table('household', h.households, [
      col('id', 'uuid', (r) => r.id),
      col('responsible_municipality_code', 'text', (r) => r.responsibleMunicipalityCode),
      col('home_unit_id', 'uuid', (r) => r.homeUnitId),
      col('home_organisation_id', 'text', (r) => r.homeOrganisationId),
      col('home_address_ciphertext', 'text', (r) => (r.homeAddress === null ? null : cipher.encrypt(r.homeAddress))),
      col('min_rooms', 'smallint', (r) => r.minRooms),
      col('needs_step_free_access', 'boolean', (r) => r.needsStepFreeAccess),
      col('max_monthly_rent_ore', 'bigint', (r) => r.maxMonthlyRentOre),
      col('acceptable_municipality_codes', 'text', (r) => arrayLiteral(r.acceptableMunicipalityCodes), 'char(3)[]'),
      col('registered_by', 'text', (r) => r.registeredBy),
      col('created_at', 'timestamptz', (r) => instant(r.createdAt)),
      col('updated_at', 'timestamptz', (r) => instant(r.updatedAt)),
    ]),
    table('household_member', h.members, [
      col('id', 'uuid', (r) => r.id),
      col('household_id', 'uuid', (r) => r.householdId),
      col('name', 'text', (r) => r.name),
      col('cpr_ciphertext', 'text', (r) => cipher.encrypt(r.cpr)),
      col('cpr_hash', 'text', (r) => cipher.cprHash(r.cpr)),
      col('birth_date', 'date', (r) => r.birthDate),
      col('left_on', 'date', (r) => r.leftOn),
      col('created_at', 'timestamptz', (r) => instant(r.createdAt)),
    ]),
    table('member_fact', h.memberFacts, [
      col('id', 'uuid', (r) => r.id),
      col('member_id', 'uuid', (r) => r.memberId),
      col('kind', 'text', (r) => r.kind),
      col('value', 'text', (r) => r.value),
      col('started_on', 'date', (r) => r.startedOn),
      col('ended_on', 'date', (r) => r.endedOn),
      col('recorded_by', 'text', (r) => r.recordedBy),
      col('recorded_at', 'timestamptz', (r) => instant(r.recordedAt)),
    ]),
    table('criminal_record_fact', h.criminalRecordFacts, [
      col('id', 'uuid', (r) => r.id),
      col('member_id', 'uuid', (r) => r.memberId),
      col('kind', 'text', (r) => r.kind),
      col('released_on_ciphertext', 'text', (r) => cipher.encrypt(r.releasedOn)),
      col('recorded_by', 'text', (r) => r.recordedBy),
      col('recorded_at', 'timestamptz', (r) => instant(r.recordedAt)),
    ]),
    table('consent', h.consents, [
      col('id', 'uuid', (r) => r.id),
      col('household_id', 'uuid', (r) => r.householdId),
      col('purpose', 'text', (r) => r.purpose),
      col('lawful_basis', 'text', (r) => r.lawfulBasis),
      col('given_on', 'date', (r) => r.givenOn),
      col('withdrawn_on', 'date', (r) => r.withdrawnOn),
      col('withdrawal_reason', 'text', (r) => r.withdrawalReason),
      col('recorded_by', 'text', (r) => r.recordedBy),
      col('recorded_at', 'timestamptz', (r) => instant(r.recordedAt)),
    ]),
    table('relocation_case', h.cases, [
      col('id', 'uuid', (r) => r.id),
      col('household_id', 'uuid', (r) => r.householdId),
      col('state', 'text', (r) => r.state),
      col('sending_municipality_code', 'text', (r) => r.sendingMunicipalityCode),
      col('receiving_municipality_code', 'text', (r) => r.receivingMunicipalityCode),
      col('receiving_organisation_id', 'text', (r) => r.receivingOrganisationId),
      col('from_unit_id', 'uuid', (r) => r.fromUnitId),
      col('to_unit_id', 'uuid', (r) => r.toUnitId),
      col('to_area_id', 'uuid', (r) => r.toAreaId),
      col('move_date', 'date', (r) => r.moveDate),
      col('moved_on', 'date', (r) => r.movedOn),
      col('created_at', 'timestamptz', (r) => instant(r.createdAt)),
      col('updated_at', 'timestamptz', (r) => instant(r.updatedAt)),
      col('version', 'int', (r) => r.version),
    ]),
    table('nomination', h.nominations, [
      col('id', 'uuid', (r) => r.id),
      col('household_id', 'uuid', (r) => r.householdId),
      col('case_id', 'uuid', (r) => r.caseId),
      col('nominated_by_organisation_type', 'text', (r) => r.nominatedByOrganisationType),
      col('nominated_by_organisation_id', 'text', (r) => r.nominatedByOrganisationId),
      col('nominated_by', 'text', (r) => r.nominatedBy),
      col('reason_category', 'text', (r) => r.reasonCategory),
      col('reason_text', 'text', (r) => r.reasonText),
      col('status', 'text', (r) => r.status),
      col('decided_by', 'text', (r) => r.decidedBy),
      col('decided_at', 'timestamptz', (r) => instant(r.decidedAt)),
      col('decision_note', 'text', (r) => r.decisionNote),
      col('created_at', 'timestamptz', (r) => instant(r.createdAt)),
    ]),
    table('case_event', h.caseEvents, [
      col('id', 'uuid', (r) => r.id),
      col('case_id', 'uuid', (r) => r.caseId),
      col('action', 'text', (r) => r.action),
      col('from_state', 'text', (r) => r.fromState),
      col('to_state', 'text', (r) => r.toState),
      col('actor', 'text', (r) => r.actor),
      col('actor_organisation_type', 'text', (r) => r.actorOrganisationType),
      col('actor_organisation_id', 'text', (r) => r.actorOrganisationId),
      col('reason', 'text', (r) => r.reason),
      col('occurred_at', 'timestamptz', (r) => instant(r.occurredAt)),
    ]),
    table('offer', h.offers, [
      col('id', 'uuid', (r) => r.id),
      col('case_id', 'uuid', (r) => r.caseId),
      col('vacancy_id', 'uuid', (r) => r.vacancyId),
      col('unit_id', 'uuid', (r) => r.unitId),
      col('area_id', 'uuid', (r) => r.areaId),
      col('housing_organisation_id', 'text', (r) => r.housingOrganisationId),
      col('municipality_code', 'text', (r) => r.municipalityCode),
      col('status', 'text', (r) => r.status),
      col('response_deadline', 'timestamptz', (r) => instant(r.responseDeadline)),
      col('reservation_id', 'uuid', (r) => r.reservationId),
      col('decline_reason', 'text', (r) => r.declineReason),
      col('note', 'text', (r) => r.note),
      col('responded_at', 'timestamptz', (r) => instant(r.respondedAt)),
      col('offered_by', 'text', (r) => r.offeredBy),
      col('created_at', 'timestamptz', (r) => instant(r.createdAt)),
      col('updated_at', 'timestamptz', (r) => instant(r.updatedAt)),
    ]),
    table('reception_strategy', h.strategies, [
      col('id', 'uuid', (r) => r.id),
      col('case_id', 'uuid', (r) => r.caseId),
      col('summary', 'text', (r) => r.summary),
      col('created_at', 'timestamptz', (r) => instant(r.createdAt)),
      col('updated_at', 'timestamptz', (r) => instant(r.updatedAt)),
    ]),
    table('strategy_party', h.strategyParties, [
      col('strategy_id', 'uuid', (r) => r.strategyId),
      col('party', 'text', (r) => r.party),
      col('organisation_id', 'text', (r) => r.organisationId),
      col('contact_name', 'text', (r) => r.contactName),
      col('contact_email', 'text', (r) => r.contactEmail),
      col('contact_phone', 'text', (r) => r.contactPhone),
      col('signed_by', 'text', (r) => r.signedBy),
      col('signed_at', 'timestamptz', (r) => instant(r.signedAt)),
    ]),
    table('strategy_activity', h.strategyActivities, [
      col('id', 'uuid', (r) => r.id),
      col('strategy_id', 'uuid', (r) => r.strategyId),
      col('kind', 'text', (r) => r.kind),
      col('description', 'text', (r) => r.description),
      col('owner_party', 'text', (r) => r.ownerParty),
      col('due_on', 'date', (r) => r.dueOn),
      col('status', 'text', (r) => r.status),
      col('outcome', 'text', (r) => r.outcome),
      col('closed_at', 'timestamptz', (r) => instant(r.closedAt)),
      col('created_at', 'timestamptz', (r) => instant(r.createdAt)),
    ]),
    table('domain_event', h.domainEvents, [
      col('id', 'uuid', (r) => r.id),
      col('sequence', 'bigint', (r) => r.sequence),
      col('type', 'text', (r) => r.type),
      col('version', 'smallint', (r) => r.version),
      col('aggregate_type', 'text', (r) => r.aggregateType),
      col('aggregate_id', 'uuid', (r) => r.aggregateId),
      col('occurred_at', 'timestamptz', (r) => instant(r.occurredAt)),
      col('payload', 'text', (r) => json(r.payload), 'jsonb'),
    ]),
  ];
}

function financeTables(data: NationalDataSet) {
  const f = data.finance;
  return [
    table('agreement', f.agreements, [
      col('id', 'uuid', (r) => r.id),
      col('name', 'text', (r) => r.name),
      col('parties', 'text', (r) => json(r.parties), 'jsonb'),
      col('party_keys', 'text', (r) => arrayLiteral(r.partyKeys), 'text[]'),
      col('valid_from', 'date', (r) => r.validFrom),
      col('valid_to', 'date', (r) => r.validTo),
      col('created_by_organisation', 'text', (r) => r.createdByOrganisation),
      col('created_by', 'text', (r) => r.createdBy),
      col('idempotency_key', 'text', (r) => r.idempotencyKey),
      col('created_at', 'timestamptz', (r) => instant(r.createdAt)),
    ]),
    table('agreement_version', f.agreementVersions, [
      col('id', 'uuid', (r) => r.id),
      col('agreement_id', 'uuid', (r) => r.agreementId),
      col('version', 'int', (r) => r.version),
      col('effective_from', 'date', (r) => r.effectiveFrom),
      col('party_keys', 'text', (r) => arrayLiteral(r.partyKeys), 'text[]'),
      col('grant_policy', 'text', (r) => json(r.grantPolicy), 'jsonb'),
      col('compensation_policy', 'text', (r) => (r.compensationPolicy ? json(r.compensationPolicy) : null), 'jsonb'),
      col('note', 'text', (r) => r.note),
      col('created_by', 'text', (r) => r.createdBy),
      col('created_at', 'timestamptz', (r) => instant(r.createdAt)),
    ]),
    table('moving_grant', f.grants, [
      col('id', 'uuid', (r) => r.id),
      col('case_id', 'uuid', (r) => r.caseId),
      col('agreement_id', 'uuid', (r) => r.agreementId),
      col('agreement_version_id', 'uuid', (r) => r.agreementVersionId),
      col('agreement_version', 'int', (r) => r.agreementVersion),
      col('sending_municipality_code', 'text', (r) => r.sendingMunicipalityCode),
      col('receiving_municipality_code', 'text', (r) => r.receivingMunicipalityCode),
      col('receiving_housing_organisation_id', 'text', (r) => r.receivingHousingOrganisationId),
      col('party_keys', 'text', (r) => arrayLiteral(r.partyKeys), 'text[]'),
      col('status', 'text', (r) => r.status),
      col('requested_ore', 'bigint', (r) => r.requestedOre),
      col('approved_ore', 'bigint', (r) => r.approvedOre),
      col('paid_ore', 'bigint', (r) => r.paidOre),
      col('shares', 'text', (r) => json(r.shares), 'jsonb'),
      col('purpose', 'text', (r) => r.purpose),
      col('decision_note', 'text', (r) => r.decisionNote),
      col('idempotency_key', 'text', (r) => r.idempotencyKey),
      col('applied_by', 'text', (r) => r.appliedBy),
      col('applied_at', 'timestamptz', (r) => instant(r.appliedAt)),
      col('decided_by', 'text', (r) => r.decidedBy),
      col('decided_at', 'timestamptz', (r) => instant(r.decidedAt)),
    ]),
    table('grant_payment', f.grantPayments, [
      col('id', 'uuid', (r) => r.id),
      col('grant_id', 'uuid', (r) => r.grantId),
      col('party_keys', 'text', (r) => arrayLiteral(r.partyKeys), 'text[]'),
      col('paid_on', 'date', (r) => r.paidOn),
      col('amount_ore', 'bigint', (r) => r.amountOre),
      col('idempotency_key', 'text', (r) => r.idempotencyKey),
      col('recorded_by', 'text', (r) => r.recordedBy),
      col('recorded_at', 'timestamptz', (r) => instant(r.recordedAt)),
    ]),
    table('compensation_entitlement', f.entitlements, [
      col('id', 'uuid', (r) => r.id),
      col('case_id', 'uuid', (r) => r.caseId),
      col('source_event_id', 'uuid', (r) => r.sourceEventId),
      col('agreement_id', 'uuid', (r) => r.agreementId),
      col('agreement_version_id', 'uuid', (r) => r.agreementVersionId),
      col('agreement_version', 'int', (r) => r.agreementVersion),
      col('household_pseudonym', 'text', (r) => r.householdPseudonym),
      col('sending_municipality_code', 'text', (r) => r.sendingMunicipalityCode),
      col('receiving_municipality_code', 'text', (r) => r.receivingMunicipalityCode),
      col('receiving_housing_organisation_id', 'text', (r) => r.receivingHousingOrganisationId),
      col('to_unit_id', 'uuid', (r) => r.toUnitId),
      col('party_keys', 'text', (r) => arrayLiteral(r.partyKeys), 'text[]'),
      col('move_date', 'date', (r) => r.moveDate),
      col('adults', 'int', (r) => r.adults),
      col('children', 'int', (r) => r.children),
      col('adults_outside_labour_market', 'int', (r) => r.adultsOutsideLabourMarket),
      col('yearly_ore', 'bigint', (r) => r.yearlyOre),
      col('schedule', 'text', (r) => json(r.schedule), 'jsonb'),
      col('total_ore', 'bigint', (r) => r.totalOre),
      col('department_compensation_ore', 'bigint', (r) => r.departmentCompensationOre),
      col('billing', 'text', (r) => r.billing),
      col('status', 'text', (r) => r.status),
      col('claim_deadline', 'date', (r) => r.claimDeadline),
      col('claimed_on', 'date', (r) => r.claimedOn),
      col('decided_by', 'text', (r) => r.decidedBy),
      col('created_at', 'timestamptz', (r) => instant(r.createdAt)),
    ]),
    table('received_event', f.receivedEvents, [
      col('event_id', 'uuid', (r) => r.eventId),
      col('type', 'text', (r) => r.type),
      col('version', 'int', (r) => r.version),
      col('sequence', 'bigint', (r) => r.sequence),
      col('outcome', 'text', (r) => r.outcome),
      col('payload', 'text', (r) => json(r.payload), 'jsonb'),
      col('received_at', 'timestamptz', (r) => instant(r.receivedAt)),
    ]),
  ];
}

function evaluationTables(data: NationalDataSet) {
  const e = data.evaluation;
  return [
    table('participation', e.participations, [
      col('case_ref', 'text', (r) => r.caseRef),
      col('household_pseudonym', 'text', (r) => r.householdPseudonym),
      col('sending_municipality_code', 'text', (r) => r.sendingMunicipalityCode),
      col('receiving_municipality_code', 'text', (r) => r.receivingMunicipalityCode),
      col('to_area_id', 'uuid', (r) => r.toAreaId),
      col('nominated_on', 'date', (r) => r.nominatedOn),
      col('consented_on', 'date', (r) => r.consentedOn),
      col('offered_on', 'date', (r) => r.offeredOn),
      col('accepted_on', 'date', (r) => r.acceptedOn),
      col('moved_on', 'date', (r) => r.movedOn),
      col('state', 'text', (r) => r.state),
      col('last_sequence', 'bigint', (r) => r.lastSequence),
      col('updated_at', 'timestamptz', (r) => instant(r.updatedAt)),
    ]),
    table('in_move', e.inMoves, [
      col('case_ref', 'text', (r) => r.caseRef),
      col('area_id', 'uuid', (r) => r.areaId),
      col('moved_on', 'date', (r) => r.movedOn),
      col('members', 'smallint', (r) => r.members),
      col('adults_of_working_age', 'smallint', (r) => r.adultsOfWorkingAge),
      col('adults_outside_labour_market', 'smallint', (r) => r.adultsOutsideLabourMarket),
      col('members_with_open_case', 'smallint', (r) => r.membersWithOpenCase),
    ]),
    table('received_event', e.receivedEvents, [
      col('event_id', 'uuid', (r) => r.eventId),
      col('type', 'text', (r) => r.type),
      col('sequence', 'bigint', (r) => r.sequence),
      col('outcome', 'text', (r) => r.outcome),
      col('received_at', 'timestamptz', (r) => instant(r.receivedAt)),
    ]),
    table('outcome', e.outcomes, [
      col('household_pseudonym', 'text', (r) => r.householdPseudonym),
      col('point', 'text', (r) => r.point),
      col('adults', 'smallint', (r) => r.adults),
      col('adults_in_work', 'smallint', (r) => r.adultsInWork),
      col('adults_in_education', 'smallint', (r) => r.adultsInEducation),
      col('adults_on_benefits', 'smallint', (r) => r.adultsOnBenefits),
      col('children', 'smallint', (r) => r.children),
      col('children_school_absence_bp', 'smallint', (r) => r.childrenSchoolAbsenceBp),
      col('still_in_new_home', 'boolean', (r) => r.stillInNewHome),
      col('returned_to_former_area', 'boolean', (r) => r.returnedToFormerArea),
      col('recorded_crime_offences', 'int', (r) => r.recordedCrimeOffences),
      col('recorded_by', 'text', (r) => r.recordedBy),
      col('recorded_at', 'timestamptz', (r) => instant(r.recordedAt)),
    ]),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Connections

interface Connection {
  pool: pg.Pool;
  url: string;
  /** Set when this module made the pool and must end it. */
  owned: boolean;
}

function urlOfPool(pool: pg.Pool): string {
  const o = pool.options;
  if (o.connectionString) return o.connectionString;
  if (typeof o.password === 'function') throw new Error('a pool whose password is a function cannot be migrated here');
  const url = new URL('postgres://localhost');
  url.hostname = o.host ?? 'localhost';
  url.port = String(o.port ?? 5432);
  url.username = encodeURIComponent(o.user ?? 'postgres');
  if (o.password) url.password = encodeURIComponent(o.password);
  url.pathname = `/${encodeURIComponent(o.database ?? 'postgres')}`;
  return url.toString();
}

function connect(target: DatabaseTarget, service: string): Connection {
  if (typeof target === 'string') {
    return {
      pool: new pg.Pool({ connectionString: target, max: 2, application_name: `second-chance-national-${service}` }),
      url: target,
      owned: true,
    };
  }
  return { pool: target, url: urlOfPool(target), owned: false };
}

// ---------------------------------------------------------------------------------------------------------------
// Loading

export interface LoadOptions {
  databases: Readonly<Record<ServiceName, DatabaseTarget>>;
  keys: PersonalDataKeys;
  cipher: PersonalDataCipher;
  onProgress?: (progress: LoadProgress) => void;
  /** VACUUM (ANALYZE) every table afterwards, as autovacuum soon would (default true). */
  analyze?: boolean;
}

export interface LoadFigures {
  /** Rows written, by `service.table` (the ledger and the indicators as the services' own runs wrote them). */
  rows: Record<string, number>;
  /**
   * Milliseconds per step: `migrate`, `write` (the four databases at once; `housing`, `households`, `finance`,
   * `evaluation` each within it), `settlement`, `analyze`.
   */
  ms: Record<string, number>;
  /** Each database's size in bytes after the load. */
  bytes: Record<ServiceName, number>;
}

export function modulesFor(keys: PersonalDataKeys): Record<ServiceName, SubgraphModule> {
  return {
    housing: housingSubgraph,
    households: createHouseholdsSubgraph({ keys, offerResponseDays: 5, subscribers: [] }),
    finance: createFinanceSubgraph({ eventSecrets: [] }),
    evaluation: createEvaluationSubgraph({ eventSecrets: [] }),
  };
}

/** Rows the load writes itself (for the progress bar): every table, and the indicators. */
export function plannedRows(data: NationalDataSet, cipher: PersonalDataCipher): number {
  const tables = [
    ...housingTables(data),
    ...householdsTables(data, cipher),
    ...financeTables(data),
    ...evaluationTables(data),
  ];
  return (
    tables.reduce((sum, t) => sum + t.count, 0) + data.evaluation.indicators.reduce((sum, y) => sum + y.rows.length, 0)
  );
}

export async function loadDataSet(data: NationalDataSet, options: LoadOptions): Promise<LoadFigures> {
  const modules = modulesFor(options.keys);
  const connections = {} as Record<ServiceName, Connection>;
  const sources = {} as Record<ServiceName, DataSource>;
  const figures: LoadFigures = { rows: {}, ms: {}, bytes: {} as Record<ServiceName, number> };
  const total = plannedRows(data, options.cipher);
  let done = 0;
  const report = (step: string) => options.onProgress?.({ done, total, step });
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      figures.ms[name] = (figures.ms[name] ?? 0) + (performance.now() - started);
    }
  };

  try {
    // Each database migrated by its service's migrations, as the login user (a migrated one is left as it is).
    await timed('migrate', async () => {
      for (const service of SERVICES) {
        connections[service] = connect(options.databases[service], service);
        const module = modules[service];
        const source = createDataSource({
          url: connections[service].url,
          entities: module.entities,
          migrations: module.migrations,
          poolSize: 2,
          applicationName: `second-chance-national-${service}`,
          // Bulk statements are slow by nature: no warnings for them on the terminal.
          slowStatementMs: 3_600_000,
        });
        await source.initialize();
        sources[service] = source;
        await runMigrations(source);
        report(`${service}: migrated`);
      }
    });

    const write = async (
      service: ServiceName,
      tables: TableLoad[],
      after?: (client: pg.PoolClient) => Promise<void>,
    ) => {
      const client = await connections[service].pool.connect();
      try {
        await client.query('BEGIN');
        for (const t of tables) {
          await t.insert(client, (count) => {
            done += count;
            report(`${service}.${t.table}`);
          });
          figures.rows[`${service}.${t.table}`] = t.count;
        }
        await after?.(client);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    };

    // The four databases at once: while one server process writes a chunk, Node prepares another's.
    await timed('write', () =>
      Promise.all([
        timed('housing', () =>
          write('housing', housingTables(data), async (client) => {
            // The reservations that hold vacancies now.
            const held = data.housing.vacancies.filter((v) => v.reservationId !== null);
            for (let start = 0; start < held.length; start += CHUNK) {
              const chunk = held.slice(start, start + CHUNK);
              await client.query(
                `UPDATE vacancy SET reservation_id = u.reservation
                   FROM unnest($1::uuid[], $2::uuid[]) AS u(id, reservation) WHERE vacancy.id = u.id`,
                [chunk.map((v) => v.id), chunk.map((v) => v.reservationId)],
              );
            }
          }),
        ),
        timed('households', () =>
          write('households', householdsTables(data, options.cipher), async (client) => {
            // The outbox's numbering goes on after the events written here.
            if (data.households.domainEvents.length > 0) {
              await client.query(
                `SELECT setval(pg_get_serial_sequence('domain_event', 'sequence'), (SELECT max(sequence) FROM domain_event))`,
              );
            }
          }),
        ),
        timed('finance', () => write('finance', financeTables(data))),
        timed('evaluation', async () => {
          await write('evaluation', evaluationTables(data));
          // The figures through evaluation's own import, one import a year as the files come.
          for (const { year, rows } of data.evaluation.indicators) {
            await importIndicators(sources.evaluation, rows, {
              source: `national data set ${year}`,
              importedBy: 'national',
            });
            done += rows.length;
            report('evaluation.area_indicators');
          }
          figures.rows['evaluation.area_indicators'] = data.evaluation.indicators.reduce(
            (n, y) => n + y.rows.length,
            0,
          );
          figures.rows['evaluation.indicator_import'] = data.evaluation.indicators.length;
        }),
      ]),
    );

    // A year of settlements by the finance service's own run: the ledger balances because finance wrote it.
    await timed('settlement', async () => {
      for (const period of data.finance.settlementPeriods) {
        await runSettlement(sources.finance, period, 'national-data-set', data.asOf);
        report(`finance.settlement ${period}`);
      }
      const counts = await sources.finance.query<{ table: string; n: number }[]>(
        `SELECT 'settlement_run' AS table, count(*)::int AS n FROM settlement_run
         UNION ALL SELECT 'ledger_entry', count(*)::int FROM ledger_entry
         UNION ALL SELECT 'ledger_line', count(*)::int FROM ledger_line
         UNION ALL SELECT 'settlement_transfer', count(*)::int FROM settlement_transfer`,
      );
      for (const c of counts) figures.rows[`finance.${c.table}`] = c.n;
    });

    if (options.analyze ?? true) {
      await timed('analyze', () =>
        Promise.all(
          SERVICES.map(async (service) => {
            await connections[service].pool.query('VACUUM (ANALYZE)');
            report(`${service}: vacuumed and analysed`);
          }),
        ),
      );
    }
    // The rows in the order the tables were written, service by service.
    const order = [
      ...housingTables(data).map((t) => `housing.${t.table}`),
      ...householdsTables(data, options.cipher).map((t) => `households.${t.table}`),
      ...financeTables(data).map((t) => `finance.${t.table}`),
      'finance.settlement_run',
      'finance.ledger_entry',
      'finance.ledger_line',
      'finance.settlement_transfer',
      ...evaluationTables(data).map((t) => `evaluation.${t.table}`),
      'evaluation.indicator_import',
      'evaluation.area_indicators',
    ];
    figures.rows = Object.fromEntries(order.map((name) => [name, figures.rows[name] ?? 0]));
    for (const service of SERVICES) {
      const { rows } = await connections[service].pool.query<{ bytes: string }>(
        'SELECT pg_database_size(current_database())::text AS bytes',
      );
      figures.bytes[service] = Number(rows[0]?.bytes ?? 0);
    }
    return figures;
  } finally {
    for (const service of SERVICES) {
      if (sources[service]?.isInitialized) await sources[service].destroy();
      if (connections[service]?.owned) await connections[service].pool.end();
    }
  }
}
