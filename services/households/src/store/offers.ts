// Offers: a vacancy offered to a case's household, its reservation in the housing subgraph, and its end.
//
// No failure leaves a reservation without an offer, or two offers on one vacancy: the offer row is written
// first (RESERVING), under partial unique indexes that admit one active offer per vacancy and per case;
// only then is the vacancy reserved, with the offer's id as the idempotency key. If the answer is lost, a
// queued job asks again with the same key (housing returns the same reservation) and completes the offer.
// Ending an offer queues the release of its reservation in the same transaction; and every reservation
// expires a day after its offer's deadline in any case.
import type { DataSource, EntityManager } from 'typeorm';
import type { Identity } from '@second-chance/identity';
import { ServiceCallError, badUserInput, conflict, isId, notFound, unlessDuplicate } from '@second-chance/service-kit';
import { type DeclineReason, type OfferStatus, misfits, reservationExpiry, responseDeadline } from '../domain/offers';
import { HouseholdEntity, OfferEntity, type RelocationCaseEntity } from '../entities';
import { municipalityActor } from '../housing-client';
import { TASKS, enqueue } from '../jobs/queue';
import type { HouseholdsServices } from '../services';
import { SYSTEM_ACTOR, changeState, findCase } from './cases';
import { requireValidConsent } from './consent-rules';
import { processingStateOf, requireProcessing } from './processing';
import { processingRefusal } from '../domain/restriction';

/** How long the confirmation job waits before it asks housing again, should the direct answer be lost. */
const CONFIRM_AFTER_MS = 30_000;

export const idempotencyKeyOf = (offerId: string) => `offer-${offerId}`;

export async function findOffer(db: DataSource | EntityManager, id: string): Promise<OfferEntity> {
  const found = isId(id) ? await db.getRepository(OfferEntity).findOneBy({ id }) : null;
  if (!found) throw notFound('offer', id);
  return found;
}

export interface MakeOfferInput {
  caseId: string;
  vacancyId: string;
  responseDays: number;
  note?: string | null | undefined;
}

export async function makeOffer(
  db: DataSource,
  services: HouseholdsServices,
  identity: Identity,
  kase: RelocationCaseEntity,
  input: MakeOfferInput,
): Promise<OfferEntity> {
  if (kase.state !== 'SEARCHING')
    throw conflict(`a case that is ${kase.state} cannot be offered a home; it must be SEARCHING`);
  await requireProcessing(db, kase.householdId, 'an offer');
  await requireValidConsent(db, kase.householdId, 'RELOCATION', 'an offer');
  const housing = services.housing(identity);

  let vacancy;
  try {
    vacancy = isId(input.vacancyId) ? await housing.vacancy(input.vacancyId) : null;
  } catch (error) {
    if (error instanceof ServiceCallError) throw error.toGraphQLError();
    throw error;
  }
  if (!vacancy) throw notFound('vacancy', input.vacancyId);
  if (vacancy.status !== 'OPEN') throw conflict(`the vacancy is ${vacancy.status}, not open`);
  const household = await db.getRepository(HouseholdEntity).findOneByOrFail({ id: kase.householdId });
  const problems = misfits(
    {
      rooms: vacancy.unit.rooms,
      stepFreeAccess: vacancy.unit.stepFreeAccess,
      monthlyRentOre: vacancy.unit.monthlyRentOre,
      municipalityCode: vacancy.unit.department.area.municipality.code,
    },
    {
      minRooms: household.minRooms,
      stepFreeAccess: household.needsStepFreeAccess,
      maxMonthlyRentOre: household.maxMonthlyRentOre,
      acceptableMunicipalityCodes: household.acceptableMunicipalityCodes,
    },
  );
  if (problems.length) {
    throw badUserInput(`the home does not fit the household: ${problems.join('; ')}`, [
      { path: 'input.vacancyId', message: problems.join('; ') },
    ]);
  }

  const deadline = responseDeadline(new Date(), input.responseDays);
  const offer = await db.transaction(async (manager) => {
    await requireProcessing(manager, kase.householdId, 'an offer');
    const offers = manager.getRepository(OfferEntity);
    const row = offers.create({
      caseId: kase.id,
      vacancyId: vacancy.id,
      unitId: vacancy.unit.id,
      areaId: vacancy.unit.department.area.id,
      housingOrganisationId: vacancy.unit.department.organisation.id,
      municipalityCode: vacancy.unit.department.area.municipality.code,
      status: 'RESERVING',
      responseDeadline: deadline,
      reservationId: null,
      declineReason: null,
      note: input.note ?? null,
      respondedAt: null,
      offeredBy: identity.subject,
    });
    await unlessDuplicate(
      () =>
        unlessDuplicate(
          () => offers.insert(row),
          'offer_one_active_per_vacancy',
          'the vacancy is already offered to a household',
        ),
      'offer_one_active_per_case',
      'the case already has an offer awaiting an answer',
    );
    await enqueue(
      manager,
      TASKS.confirmReservation,
      { offerId: row.id },
      { jobKey: `confirm:${row.id}`, runAt: new Date(Date.now() + CONFIRM_AFTER_MS) },
    );
    return row;
  });

  try {
    const reservation = await housing.reserve({
      vacancyId: vacancy.id,
      idempotencyKey: idempotencyKeyOf(offer.id),
      expiresAt: reservationExpiry(deadline),
      reference: offer.id,
    });
    return await confirmReservation(db, services, identity, offer.id, reservation.id);
  } catch (error) {
    if (error instanceof ServiceCallError && error.definitive) {
      // Refused outright, and the caller is told so: the offer was never made, and a refused call leaves
      // nothing behind (the queued confirmation finds no offer and does nothing).
      await discardOffer(db, offer.id);
      throw error.toGraphQLError();
    }
    if (error instanceof ServiceCallError) {
      // No answer: the offer stays RESERVING and the queued job completes it.
      return db.getRepository(OfferEntity).findOneByOrFail({ id: offer.id });
    }
    throw error;
  }
}

/** The vacancy is reserved for the offer: it now awaits the household's answer, and the case is OFFERED. */
export async function confirmReservation(
  db: DataSource,
  services: HouseholdsServices,
  actor: Identity,
  offerId: string,
  reservationId: string,
): Promise<OfferEntity> {
  return db.transaction(async (manager) => {
    const updated = await manager
      .createQueryBuilder()
      .update(OfferEntity)
      .set({ status: 'PENDING', reservationId })
      .where("id = :id AND status = 'RESERVING'", { id: offerId })
      .execute();
    const offer = await manager.getRepository(OfferEntity).findOneByOrFail({ id: offerId });
    if (updated.affected !== 1) return offer;
    const kase = await findCase(manager, offer.caseId);
    if (kase.state !== 'SEARCHING') {
      // The case moved on meanwhile (stopped, say): the offer ends and its reservation is released.
      await endOffer(manager, offer, 'WITHDRAWN', { note: `the case became ${kase.state} before the offer was made` });
      return manager.getRepository(OfferEntity).findOneByOrFail({ id: offerId });
    }
    const state = await processingStateOf(manager, kase.householdId);
    const refusal = state && processingRefusal(state, 'the offer', 'FORWARD');
    if (refusal) {
      // Processing was restricted meanwhile: the offer is not made, and the vacancy is released.
      await endOffer(manager, offer, 'WITHDRAWN', { note: refusal });
      return manager.getRepository(OfferEntity).findOneByOrFail({ id: offerId });
    }
    await changeState(manager, services, kase, 'OFFER', actor, { reason: `vacancy ${offer.vacancyId} offered` });
    return manager.getRepository(OfferEntity).findOneByOrFail({ id: offerId });
  });
}

/** Deletes an offer still RESERVING whose reservation housing refused before anyone was told of the offer. */
async function discardOffer(db: DataSource, offerId: string): Promise<void> {
  await db
    .createQueryBuilder()
    .delete()
    .from(OfferEntity)
    .where("id = :id AND status = 'RESERVING'", { id: offerId })
    .execute();
}

export async function failOffer(db: DataSource, offerId: string): Promise<void> {
  await db
    .createQueryBuilder()
    .update(OfferEntity)
    .set({ status: 'FAILED' })
    .where("id = :id AND status = 'RESERVING'", { id: offerId })
    .execute();
}

/**
 * Ends an offer that holds its vacancy (declined, expired, withdrawn) and queues the release of its
 * reservation. Returns false when the offer had already ended.
 */
export async function endOffer(
  manager: EntityManager,
  offer: OfferEntity,
  status: Extract<OfferStatus, 'DECLINED' | 'EXPIRED' | 'WITHDRAWN'>,
  details: { declineReason?: DeclineReason; note?: string | null } = {},
): Promise<boolean> {
  const updated = await manager
    .createQueryBuilder()
    .update(OfferEntity)
    .set({
      status,
      respondedAt: status === 'DECLINED' ? new Date() : null,
      declineReason: details.declineReason ?? null,
      ...(details.note !== undefined ? { note: details.note } : {}),
    })
    .where("id = :id AND status IN ('RESERVING', 'PENDING')", { id: offer.id })
    .execute();
  if (updated.affected !== 1) return false;
  await enqueue(manager, TASKS.releaseReservation, { offerId: offer.id }, { jobKey: `release:${offer.id}` });
  return true;
}

async function answerable(manager: EntityManager, offerId: string): Promise<OfferEntity> {
  const offer = await manager
    .getRepository(OfferEntity)
    .findOne({ where: { id: offerId }, lock: { mode: 'pessimistic_write' } });
  if (!offer) throw notFound('offer', offerId);
  if (offer.status !== 'PENDING') throw conflict(`the offer is ${offer.status}, not awaiting an answer`);
  if (offer.responseDeadline <= new Date()) throw conflict('the deadline to answer the offer has passed');
  return offer;
}

export async function acceptOffer(
  db: DataSource,
  services: HouseholdsServices,
  identity: Identity,
  offerId: string,
): Promise<OfferEntity> {
  return db.transaction(async (manager) => {
    const offer = await answerable(manager, offerId);
    await manager.getRepository(OfferEntity).update(offer.id, { status: 'ACCEPTED', respondedAt: new Date() });
    await changeState(manager, services, await findCase(manager, offer.caseId), 'ACCEPT_OFFER', identity, {
      reason: `vacancy ${offer.vacancyId} accepted`,
      set: {
        receivingMunicipalityCode: offer.municipalityCode,
        receivingOrganisationId: offer.housingOrganisationId,
        toUnitId: offer.unitId,
        toAreaId: offer.areaId,
      },
    });
    // The vacancy is let to the household: done by the queue, so it happens even if housing is down now.
    await enqueue(manager, TASKS.letVacancy, { offerId: offer.id }, { jobKey: `let:${offer.id}` });
    return manager.getRepository(OfferEntity).findOneByOrFail({ id: offer.id });
  });
}

export async function declineOffer(
  db: DataSource,
  services: HouseholdsServices,
  identity: Identity,
  offerId: string,
  input: { reason: DeclineReason; note?: string | null | undefined },
): Promise<OfferEntity> {
  return db.transaction(async (manager) => {
    const offer = await answerable(manager, offerId);
    await endOffer(manager, offer, 'DECLINED', { declineReason: input.reason, note: input.note ?? offer.note });
    await changeState(manager, services, await findCase(manager, offer.caseId), 'OFFER_ENDED', identity, {
      reason: `offer declined: ${input.reason}`,
    });
    return manager.getRepository(OfferEntity).findOneByOrFail({ id: offer.id });
  });
}

export async function withdrawOffer(
  db: DataSource,
  services: HouseholdsServices,
  identity: Identity,
  offerId: string,
  reason: string,
): Promise<OfferEntity> {
  return db.transaction(async (manager) => {
    const offer = await findOffer(manager, offerId);
    const wasPending = offer.status === 'PENDING';
    if (!(await endOffer(manager, offer, 'WITHDRAWN', { note: reason }))) {
      throw conflict(`the offer is ${offer.status}; only an offer awaiting an answer can be withdrawn`);
    }
    if (wasPending) {
      await changeState(manager, services, await findCase(manager, offer.caseId), 'OFFER_ENDED', identity, {
        reason: `offer withdrawn: ${reason}`,
      });
    }
    return manager.getRepository(OfferEntity).findOneByOrFail({ id: offer.id });
  });
}

/** Offers whose deadline passed without an answer expire; their cases search again. Returns how many. */
export async function expireOffers(db: DataSource, services: HouseholdsServices, now = new Date()): Promise<number> {
  const due = await db
    .getRepository(OfferEntity)
    .createQueryBuilder('offer')
    .where("offer.status = 'PENDING' AND offer.response_deadline <= :now", { now })
    .getMany();
  let expired = 0;
  for (const offer of due) {
    await db.transaction(async (manager) => {
      if (await endOffer(manager, offer, 'EXPIRED')) {
        expired += 1;
        await changeState(manager, services, await findCase(manager, offer.caseId), 'OFFER_ENDED', SYSTEM_ACTOR, {
          reason: 'the deadline to answer passed',
        });
      }
    });
  }
  return expired;
}

/** The municipality that holds an offer's reservation: the case's sending municipality. */
export async function holderOf(db: DataSource, offer: OfferEntity): Promise<Identity> {
  const kase = await findCase(db.manager, offer.caseId);
  return municipalityActor(kase.sendingMunicipalityCode);
}
