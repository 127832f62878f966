// The households service's background work, on its PostgreSQL job queue (graphile-worker): deliver domain
// events, complete or release reservations, let accepted vacancies, expire unanswered offers, erase the
// households past their retention period. Every task is safe to run twice: a job runs at least once.
import { createHmac } from 'node:crypto';
import type { Task, TaskList } from 'graphile-worker';
import type { DataSource } from 'typeorm';
import { EVENT_SIGNATURE_HEADER, ServiceCallError, type Logger, withTraceCarrier } from '@second-chance/service-kit';
import { DomainEventEntity, OfferEntity } from '../entities';
import type { HouseholdsServices } from '../services';
import { confirmReservation, expireOffers, failOffer, holderOf, idempotencyKeyOf } from '../store/offers';
import { reservationExpiry } from '../domain/offers';
import { eraseHouseholdsPastRetention } from '../store/retention';
import { TASKS } from './queue';

export { EVENT_SIGNATURE_HEADER };

/** `sha256=<hex>`: HMAC-SHA-256 of the exact body with the subscriber's secret. */
export function signEvent(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

function payloadOf<T>(payload: unknown): T {
  return payload as T;
}

/** A call housing answered with a decision that means the work is already done (or cannot be). */
function settled(error: unknown, codes: readonly string[]): boolean {
  return error instanceof ServiceCallError && codes.includes(error.code);
}

export function createTaskList(db: DataSource, services: HouseholdsServices, log: Logger): TaskList {
  const deliverEvent: Task = async (payload) => {
    const { eventId, subscriber: name } = payloadOf<{ eventId: string; subscriber: string }>(payload);
    const subscriber = services.settings.subscribers.find((s) => s.name === name);
    if (!subscriber) {
      log.warn({ eventId, subscriber: name }, 'event subscriber no longer configured; delivery dropped');
      return;
    }
    const event = await db.getRepository(DomainEventEntity).findOneByOrFail({ id: eventId });
    const body = JSON.stringify({
      id: event.id,
      type: event.type,
      version: event.version,
      sequence: Number(event.sequence),
      occurredAt: event.occurredAt.toISOString(),
      aggregate: { type: event.aggregateType, id: event.aggregateId },
      payload: event.payload,
    });
    // Part of the trace of the request that published the event, when it was traced.
    const response = await withTraceCarrier((payload as { trace?: unknown }).trace, () =>
      fetch(subscriber.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-second-chance-event-id': event.id,
          [EVENT_SIGNATURE_HEADER]: signEvent(body, subscriber.secret),
        },
        body,
        signal: AbortSignal.timeout(10_000),
      }),
    );
    // Anything but 2xx is tried again later, with growing pauses.
    if (!response.ok) throw new Error(`${name} answered ${response.status} to event ${event.id}`);
  };

  const confirmReservationTask: Task = async (payload) => {
    const { offerId } = payloadOf<{ offerId: string }>(payload);
    const offer = await db.getRepository(OfferEntity).findOneBy({ id: offerId });
    if (offer?.status !== 'RESERVING') return;
    const holder = await holderOf(db, offer);
    try {
      // The same key as the first attempt: housing returns the reservation if that attempt made one.
      const reservation = await services.housing(holder).reserve({
        vacancyId: offer.vacancyId,
        idempotencyKey: idempotencyKeyOf(offer.id),
        expiresAt: reservationExpiry(offer.responseDeadline),
        reference: offer.id,
      });
      await confirmReservation(db, services, holder, offer.id, reservation.id);
    } catch (error) {
      if (error instanceof ServiceCallError && error.definitive) {
        await failOffer(db, offer.id);
        return;
      }
      throw error;
    }
  };

  const releaseReservation: Task = async (payload) => {
    const { offerId } = payloadOf<{ offerId: string }>(payload);
    const offer = await db.getRepository(OfferEntity).findOneByOrFail({ id: offerId });
    try {
      await services.housing(await holderOf(db, offer)).release(offer.vacancyId);
    } catch (error) {
      // Nothing holds it (released, expired or never reserved), or the vacancy is gone: done.
      if (!settled(error, ['CONFLICT', 'NOT_FOUND'])) throw error;
    }
  };

  const letVacancy: Task = async (payload) => {
    const { offerId } = payloadOf<{ offerId: string }>(payload);
    const offer = await db.getRepository(OfferEntity).findOneByOrFail({ id: offerId });
    try {
      await services.housing(await holderOf(db, offer)).let(offer.vacancyId);
    } catch (error) {
      if (settled(error, ['CONFLICT'])) {
        log.warn({ offerId, error: (error as Error).message }, 'accepted vacancy could not be let (already let?)');
        return;
      }
      throw error;
    }
  };

  const expire: Task = async () => {
    const expired = await expireOffers(db, services);
    if (expired) log.info({ expired }, 'offers expired');
  };

  const retention: Task = async () => {
    const erased = await eraseHouseholdsPastRetention(db, services, log);
    if (erased) log.info({ erased }, 'households past their retention period erased');
  };

  return {
    [TASKS.deliverEvent]: deliverEvent,
    [TASKS.confirmReservation]: confirmReservationTask,
    [TASKS.releaseReservation]: releaseReservation,
    [TASKS.letVacancy]: letVacancy,
    [TASKS.expireOffers]: expire,
    [TASKS.eraseHouseholdsPastRetention]: retention,
  };
}
