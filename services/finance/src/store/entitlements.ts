// Compensation entitlements: created from the households service's `relocation-case.moved` event (once, however
// often it is delivered), then billed or absorbed by the receiving municipality.
import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import type { Identity } from '@second-chance/identity';
import { InvalidEventError, conflict, forbidden, notFound, todayInDenmark } from '@second-chance/service-kit';
import { financeOfficerOf } from '../domain/access';
import { type AgreementCompensationPolicy, inValidity, versionOn } from '../domain/agreements';
import { compensationSchedule, scheduleTotal, yearlyAmount } from '../domain/compensation';
import { addDays } from '../domain/dates';
import { type CompensationDecision, compensationTransition, initialStatus } from '../domain/entitlements';
import { housingOrganisationKey, municipalityKey } from '../domain/parties';
import {
  AgreementEntity,
  AgreementVersionEntity,
  CompensationEntitlementEntity,
  ReceivedEventEntity,
} from '../entities';

const count = z.number().int().min(0).max(100);
const day = z.iso.date();

/** The envelope and the payload (version 1) of the households service's case events (docs/events.md). */
export const caseEventSchema = z.object({
  id: z.uuid(),
  type: z.string().min(1).max(100),
  version: z.number().int().min(1),
  sequence: z.number().int().min(0),
  occurredAt: z.string(),
  aggregate: z.object({ type: z.string(), id: z.string() }),
  payload: z.record(z.string(), z.unknown()),
});
export type CaseEventEnvelope = z.infer<typeof caseEventSchema>;

const movedPayloadSchema = z.object({
  caseId: z.uuid(),
  householdPseudonym: z.string().min(1).max(100),
  sendingMunicipalityCode: z.string().regex(/^\d{3}$/),
  receivingMunicipalityCode: z.string().regex(/^\d{3}$/),
  receivingHousingOrganisationId: z.string().min(1).max(64).nullable(),
  toUnitId: z.uuid().nullable(),
  moveDate: day,
  composition: z.object({ adults: count, children: count, adultsOutsideLabourMarket: count }),
});

export type IntakeOutcome =
  'DUPLICATE' | 'ENTITLEMENT_CREATED' | 'ALREADY_ENTITLED' | 'NO_AGREEMENT' | 'NO_COMPENSATION' | 'IGNORED';

class Duplicate extends Error {}

/**
 * Applies an event once. The event's id is recorded in the same transaction as what it creates, so a redelivery
 * (even one racing the first delivery) finds it recorded and changes nothing.
 */
export async function receiveEvent(db: DataSource, event: CaseEventEnvelope): Promise<IntakeOutcome> {
  const moved = event.type === 'relocation-case.moved' && event.version === 1;
  const payload = moved ? movedPayloadSchema.safeParse(event.payload) : null;
  if (payload && !payload.success) {
    throw new InvalidEventError(`relocation-case.moved payload: ${payload.error.issues[0]?.message ?? 'invalid'}`);
  }
  try {
    return await db.transaction(async (em) => {
      const outcome: IntakeOutcome = payload?.success ? await entitle(em, event.id, payload.data) : 'IGNORED';
      const inserted = await em
        .createQueryBuilder()
        .insert()
        .into(ReceivedEventEntity)
        .values({
          eventId: event.id,
          type: event.type,
          version: event.version,
          sequence: event.sequence,
          outcome,
          payload: event.payload,
        })
        .orIgnore()
        .execute();
      // Recorded meanwhile by another delivery of the same event: undo this one's work.
      if ((inserted.raw as unknown[]).length === 0) throw new Duplicate();
      return outcome;
    });
  } catch (error) {
    if (error instanceof Duplicate) return 'DUPLICATE';
    throw error;
  }
}

type MovedPayload = z.infer<typeof movedPayloadSchema>;

async function entitle(em: EntityManager, eventId: string, moved: MovedPayload): Promise<IntakeOutcome> {
  const sending = municipalityKey(moved.sendingMunicipalityCode);
  const receiving = municipalityKey(moved.receivingMunicipalityCode);
  // The agreement between the two that applies on the move date; the newest when several do.
  const agreements = await em
    .getRepository(AgreementEntity)
    .createQueryBuilder('a')
    .where(':sending = ANY(a.party_keys) AND :receiving = ANY(a.party_keys)', { sending, receiving })
    .orderBy('a.valid_from', 'DESC')
    .addOrderBy('a.created_at', 'DESC')
    .getMany();
  const agreement = agreements.find((a) => inValidity(a, moved.moveDate));
  if (!agreement) return 'NO_AGREEMENT';
  const version = versionOn(
    await em.getRepository(AgreementVersionEntity).findBy({ agreementId: agreement.id }),
    moved.moveDate,
  );
  const policy: AgreementCompensationPolicy | null | undefined = version?.compensationPolicy;
  if (!version || !policy) return 'NO_COMPENSATION';

  const schedule = compensationSchedule(policy, moved.composition, moved.moveDate);
  const department = moved.receivingHousingOrganisationId ? policy.departmentCompensationOre : 0;
  const inserted = await em
    .createQueryBuilder()
    .insert()
    .into(CompensationEntitlementEntity)
    .values({
      caseId: moved.caseId,
      sourceEventId: eventId,
      agreementId: agreement.id,
      agreementVersionId: version.id,
      agreementVersion: version.version,
      householdPseudonym: moved.householdPseudonym,
      sendingMunicipalityCode: moved.sendingMunicipalityCode,
      receivingMunicipalityCode: moved.receivingMunicipalityCode,
      receivingHousingOrganisationId: moved.receivingHousingOrganisationId,
      toUnitId: moved.toUnitId,
      partyKeys: [
        sending,
        receiving,
        ...(moved.receivingHousingOrganisationId ? [housingOrganisationKey(moved.receivingHousingOrganisationId)] : []),
      ],
      moveDate: moved.moveDate,
      adults: moved.composition.adults,
      children: moved.composition.children,
      adultsOutsideLabourMarket: moved.composition.adultsOutsideLabourMarket,
      yearlyOre: yearlyAmount(policy, moved.composition),
      schedule,
      totalOre: scheduleTotal(schedule),
      departmentCompensationOre: department,
      billing: policy.billing,
      status: initialStatus(policy.billing),
      claimDeadline: addDays(moved.moveDate, policy.claimDeadlineDays),
      claimedOn: null,
      decidedBy: null,
    })
    .orIgnore()
    .execute();
  // Another moved event for the same case (a different id) creates nothing either.
  return (inserted.raw as unknown[]).length === 0 ? 'ALREADY_ENTITLED' : 'ENTITLEMENT_CREATED';
}

const WHO: Record<CompensationDecision, 'receiving' | 'sending'> = {
  claim: 'receiving',
  absorb: 'receiving',
  'accept-late': 'sending',
  'refuse-late': 'sending',
};

/** A decision on an entitlement by a finance officer of the municipality it belongs to. */
export async function decideCompensation(
  db: DataSource,
  identity: Identity,
  entitlementId: string,
  decision: CompensationDecision,
): Promise<CompensationEntitlementEntity> {
  const municipality = financeOfficerOf(identity);
  if (!municipality) throw forbidden('compensation is billed, absorbed and accepted by finance officers');
  return db.transaction(async (em) => {
    const entitlement = await em
      .getRepository(CompensationEntitlementEntity)
      .createQueryBuilder('e')
      .setLock('pessimistic_write')
      .where('e.id = :id', { id: entitlementId })
      .getOne();
    if (!entitlement?.partyKeys.includes(municipalityKey(municipality))) {
      throw notFound('CompensationEntitlement', entitlementId);
    }
    const side = WHO[decision];
    const owner = side === 'receiving' ? entitlement.receivingMunicipalityCode : entitlement.sendingMunicipalityCode;
    if (owner !== municipality) throw forbidden(`this decision is for the ${side} municipality`);
    const today = todayInDenmark();
    const answer = compensationTransition(entitlement, decision, today);
    if (answer.kind === 'already') return entitlement;
    if (answer.kind === 'refused') throw conflict(answer.reason);
    entitlement.status = answer.next;
    if (decision === 'claim') entitlement.claimedOn = today;
    entitlement.decidedBy = identity.subject;
    return em.getRepository(CompensationEntitlementEntity).save(entitlement);
  });
}
