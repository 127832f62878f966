// The right of access (GDPR art. 15): everything the households service holds about a household and its
// members, as one JSON document, read in one snapshot. The export is written to the audit log first, so that
// the log it contains shows it too.
import { type DataSource, In } from 'typeorm';
import type { Identity } from '@second-chance/identity';
import { isId, notFound } from '@second-chance/service-kit';
import { formatCpr } from '../domain/cpr';
import { DEFAULT_RETENTION, retentionEnds } from '../domain/retention';
import {
  AllocationProposalEntity,
  AllocationRoundEntity,
  AuditEntryEntity,
  CaseEventEntity,
  ConsentEntity,
  CriminalRecordFactEntity,
  DomainEventEntity,
  HouseholdEntity,
  InMoverApplicationEntity,
  MemberEntity,
  MemberFactEntity,
  NominationEntity,
  OfferEntity,
  PersonalDataErasureEntity,
  ReceptionStrategyEntity,
  RelocationCaseEntity,
  StrategyActivityEntity,
  StrategyPartyEntity,
} from '../entities';
import type { HouseholdsServices } from '../services';
import { recordAction } from './audit';
import { retentionSummaryOf } from './retention';

export const EXPORT_FORMAT = 'second-chance/personal-data-export@1';

/** What an export reads: the audit entry lists these. */
const EXPORTED = [
  'household',
  'household.homeAddress',
  'members',
  'members.cpr(revealed)',
  'members.facts',
  'members.criminalRecordFacts',
  'consents',
  'nominations',
  'cases',
  'offers',
  'receptionStrategies',
  'inMoverApplications',
  'allocationProposals',
  'domainEvents',
  'auditLog',
];

export interface ExportRequest {
  householdId: string;
  actor: Identity;
  via: string;
  operation: string;
  /** Who may: asked before anything of the household is read. */
  authorize(household: HouseholdEntity): void;
}

export interface PersonalDataExportModel {
  householdId: string;
  generatedAt: Date;
  format: string;
  document: string;
}

const byKey = <T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> => {
  const map = new Map<K, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return map;
};

export async function exportPersonalData(
  db: DataSource,
  services: HouseholdsServices,
  request: ExportRequest,
): Promise<PersonalDataExportModel> {
  return db.transaction('REPEATABLE READ', async (manager) => {
    const household = isId(request.householdId)
      ? await manager.getRepository(HouseholdEntity).findOneBy({ id: request.householdId })
      : null;
    if (!household) throw notFound('household', request.householdId);
    request.authorize(household);
    const generatedAt = new Date();
    await recordAction(manager, {
      actor: request.actor,
      via: request.via,
      operation: request.operation,
      householdId: household.id,
      action: 'EXPORT',
      fields: EXPORTED,
    });

    const id = household.id;
    const repo = manager.getRepository.bind(manager);
    const [members, consents, nominations, cases, applications, proposals, audit, erasure] = await Promise.all([
      repo(MemberEntity).find({ where: { householdId: id }, order: { birthDate: 'ASC', id: 'ASC' } }),
      repo(ConsentEntity).find({ where: { householdId: id }, order: { givenOn: 'ASC', id: 'ASC' } }),
      repo(NominationEntity).find({ where: { householdId: id }, order: { createdAt: 'ASC' } }),
      repo(RelocationCaseEntity).find({ where: { householdId: id }, order: { createdAt: 'ASC' } }),
      repo(InMoverApplicationEntity).find({ where: { householdId: id }, order: { requestedOn: 'ASC', id: 'ASC' } }),
      repo(AllocationProposalEntity).find({ where: { householdId: id }, order: { id: 'ASC' } }),
      repo(AuditEntryEntity).find({ where: { householdId: id }, order: { id: 'ASC' } }),
      repo(PersonalDataErasureEntity).findOneBy({ householdId: id }),
    ]);
    const memberIds = members.map((m) => m.id);
    const caseIds = cases.map((c) => c.id);
    const [facts, records, history, offers, strategies, events, rounds] = await Promise.all([
      memberIds.length
        ? repo(MemberFactEntity).find({ where: { memberId: In(memberIds) }, order: { startedOn: 'ASC', id: 'ASC' } })
        : [],
      memberIds.length ? repo(CriminalRecordFactEntity).find({ where: { memberId: In(memberIds) } }) : [],
      caseIds.length
        ? repo(CaseEventEntity).find({ where: { caseId: In(caseIds) }, order: { occurredAt: 'ASC', id: 'ASC' } })
        : [],
      caseIds.length ? repo(OfferEntity).find({ where: { caseId: In(caseIds) }, order: { createdAt: 'ASC' } }) : [],
      caseIds.length ? repo(ReceptionStrategyEntity).findBy({ caseId: In(caseIds) }) : [],
      caseIds.length
        ? repo(DomainEventEntity).find({ where: { aggregateId: In(caseIds) }, order: { sequence: 'ASC' } })
        : [],
      proposals.length ? repo(AllocationRoundEntity).findBy({ id: In(proposals.map((p) => p.roundId)) }) : [],
    ]);
    const strategyIds = strategies.map((s) => s.id);
    const [parties, activities] = strategyIds.length
      ? await Promise.all([
          repo(StrategyPartyEntity).find({ where: { strategyId: In(strategyIds) }, order: { party: 'ASC' } }),
          repo(StrategyActivityEntity).find({ where: { strategyId: In(strategyIds) }, order: { dueOn: 'ASC' } }),
        ])
      : [[], []];
    const retention = services.settings.retention ?? DEFAULT_RETENTION;
    const summary = await retentionSummaryOf(manager, id);

    const factsOf = byKey(facts, (f) => f.memberId);
    const recordsOf = byKey(records, (r) => r.memberId);
    const historyOf = byKey(history, (e) => e.caseId);
    const offersOf = byKey(offers, (o) => o.caseId);
    const partiesOf = byKey(parties, (p) => p.strategyId);
    const activitiesOf = byKey(activities, (a) => a.strategyId);
    const roundDate = new Map(rounds.map((r) => [r.id, r.roundDate]));
    const decrypt = (stored: string | null) => (stored ? services.cipher.decrypt(stored) : null);

    const document = {
      format: EXPORT_FORMAT,
      generatedAt,
      generatedBy: { subject: request.actor.subject, organisation: request.actor.organisation },
      controller: {
        responsibleMunicipalityCode: household.responsibleMunicipalityCode,
        note: "The household's municipality is the controller of this data; the platform processes it on its behalf.",
      },
      household: {
        id: household.id,
        responsibleMunicipalityCode: household.responsibleMunicipalityCode,
        registeredAt: household.createdAt,
        registeredBy: household.registeredBy,
        updatedAt: household.updatedAt,
        home: household.homeUnitId
          ? { unitId: household.homeUnitId, housingOrganisationId: household.homeOrganisationId }
          : null,
        address: decrypt(household.homeAddressCiphertext),
        needs: {
          minRooms: household.minRooms,
          stepFreeAccess: household.needsStepFreeAccess,
          maxMonthlyRentOre: household.maxMonthlyRentOre,
          acceptableMunicipalityCodes: household.acceptableMunicipalityCodes,
        },
        processingRestriction: household.restrictedAt
          ? { since: household.restrictedAt, by: household.restrictedBy, reason: household.restrictionReason }
          : null,
        erasedAt: household.erasedAt,
        erasure: erasure
          ? { erasedAt: erasure.erasedAt, erasedBy: erasure.erasedBy, reason: erasure.reason, records: erasure.records }
          : null,
      },
      members: members.map((m) => ({
        id: m.id,
        name: m.name,
        cpr: m.cprCiphertext ? formatCpr(services.cipher.decrypt(m.cprCiphertext)) : null,
        birthDate: m.birthDate,
        leftOn: m.leftOn,
        registeredAt: m.createdAt,
        facts: (factsOf.get(m.id) ?? []).map((f) => ({
          id: f.id,
          kind: f.kind,
          value: f.value,
          startedOn: f.startedOn,
          endedOn: f.endedOn,
          recordedBy: f.recordedBy,
          recordedAt: f.recordedAt,
        })),
        criminalRecordFacts: (recordsOf.get(m.id) ?? []).map((r) => ({
          id: r.id,
          kind: r.kind,
          releasedOn: services.cipher.decrypt(r.releasedOnCiphertext),
          recordedBy: r.recordedBy,
          recordedAt: r.recordedAt,
        })),
      })),
      consents: consents.map((c) => ({
        id: c.id,
        purpose: c.purpose,
        lawfulBasis: c.lawfulBasis,
        givenOn: c.givenOn,
        withdrawnOn: c.withdrawnOn,
        withdrawalReason: c.withdrawalReason,
        recordedBy: c.recordedBy,
        recordedAt: c.recordedAt,
      })),
      nominations: nominations.map((n) => ({
        id: n.id,
        caseId: n.caseId,
        nominatedBy: n.nominatedBy,
        nominatedByOrganisationType: n.nominatedByOrganisationType,
        nominatedByOrganisationId: n.nominatedByOrganisationId,
        reasonCategory: n.reasonCategory,
        reasonText: n.reasonText,
        status: n.status,
        decidedBy: n.decidedBy,
        decidedAt: n.decidedAt,
        decisionNote: n.decisionNote,
        createdAt: n.createdAt,
      })),
      cases: cases.map((c) => {
        const strategy = strategies.find((s) => s.caseId === c.id);
        return {
          id: c.id,
          state: c.state,
          sendingMunicipalityCode: c.sendingMunicipalityCode,
          receivingMunicipalityCode: c.receivingMunicipalityCode,
          receivingOrganisationId: c.receivingOrganisationId,
          fromUnitId: c.fromUnitId,
          toUnitId: c.toUnitId,
          toAreaId: c.toAreaId,
          moveDate: c.moveDate,
          movedOn: c.movedOn,
          createdAt: c.createdAt,
          updatedAt: c.updatedAt,
          history: (historyOf.get(c.id) ?? []).map((e) => ({
            action: e.action,
            fromState: e.fromState,
            toState: e.toState,
            actor: e.actor,
            actorOrganisationType: e.actorOrganisationType,
            actorOrganisationId: e.actorOrganisationId,
            reason: e.reason,
            occurredAt: e.occurredAt,
          })),
          offers: (offersOf.get(c.id) ?? []).map((o) => ({
            id: o.id,
            vacancyId: o.vacancyId,
            unitId: o.unitId,
            areaId: o.areaId,
            housingOrganisationId: o.housingOrganisationId,
            municipalityCode: o.municipalityCode,
            status: o.status,
            responseDeadline: o.responseDeadline,
            declineReason: o.declineReason,
            note: o.note,
            respondedAt: o.respondedAt,
            offeredBy: o.offeredBy,
            createdAt: o.createdAt,
          })),
          receptionStrategy: strategy
            ? {
                id: strategy.id,
                summary: strategy.summary,
                createdAt: strategy.createdAt,
                updatedAt: strategy.updatedAt,
                parties: (partiesOf.get(strategy.id) ?? []).map((p) => ({
                  party: p.party,
                  organisationId: p.organisationId,
                  contactName: p.contactName,
                  contactEmail: p.contactEmail,
                  contactPhone: p.contactPhone,
                  signedBy: p.signedBy,
                  signedAt: p.signedAt,
                })),
                activities: (activitiesOf.get(strategy.id) ?? []).map((a) => ({
                  id: a.id,
                  kind: a.kind,
                  description: a.description,
                  ownerParty: a.ownerParty,
                  dueOn: a.dueOn,
                  status: a.status,
                  outcome: a.outcome,
                  closedAt: a.closedAt,
                })),
              }
            : null,
        };
      }),
      inMoverApplications: applications.map((a) => ({
        id: a.id,
        municipalityCode: a.municipalityCode,
        minRooms: a.minRooms,
        stepFreeAccess: a.needsStepFreeAccess,
        maxMonthlyRentOre: a.maxMonthlyRentOre,
        acceptableMunicipalityCodes: a.acceptableMunicipalityCodes,
        requestedOn: a.requestedOn,
        status: a.status,
        createdBy: a.createdBy,
        createdAt: a.createdAt,
      })),
      allocationProposals: proposals.map((p) => ({
        id: p.id,
        roundId: p.roundId,
        roundDate: roundDate.get(p.roundId) ?? null,
        seekerKind: p.seekerKind,
        caseId: p.caseId,
        applicationId: p.applicationId,
        householdSize: p.householdSize,
        needs: p.needs,
        vacancyId: p.vacancyId,
        unitId: p.unitId,
        areaId: p.areaId,
        receivingMunicipalityCode: p.receivingMunicipalityCode,
        status: p.status,
        cost: p.cost,
        costParts: p.costParts,
        why: p.why,
        whyNot: p.whyNot,
        excludedByRule: p.excludedByRule,
        explanation: p.explanation,
        rejectionReason: p.rejectionReason,
        offerId: p.offerId,
        decidedBy: p.decidedBy,
        decidedAt: p.decidedAt,
      })),
      sharedWithOtherServices: {
        recipients: services.settings.subscribers.map((s) => s.name),
        about:
          'Each step of a case is told to the platform services subscribed to its events (finance for the ' +
          "compensation, evaluation for the programme's figures), with the household replaced by a pseudonym " +
          'and its members by counts. The pseudonym is left out here: it is the key to those records.',
        events: events.map((e) => {
          const { householdPseudonym: _pseudonym, ...payload } = e.payload as Record<string, unknown>;
          return { id: e.id, type: e.type, occurredAt: e.occurredAt, payload };
        }),
      },
      auditLog: audit.map((a) => ({
        id: a.id,
        occurredAt: a.occurredAt,
        actor: a.actor,
        actorOrganisationType: a.actorOrganisationType,
        actorOrganisationId: a.actorOrganisationId,
        actorRoles: a.actorRoles,
        via: a.via,
        action: a.action,
        fields: a.fields,
        operation: a.operation,
        reason: a.reason,
      })),
      retention: {
        daysAfterClose: retention.daysAfterClose,
        daysWithoutCase: retention.daysWithoutCase,
        endsAt: summary && !household.erasedAt ? retentionEnds(summary, retention) : null,
      },
    };
    return { householdId: id, generatedAt, format: EXPORT_FORMAT, document: JSON.stringify(document, null, 2) };
  });
}
