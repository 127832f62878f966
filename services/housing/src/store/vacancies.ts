// Publishing, reserving, releasing, letting and withdrawing vacancies. Every state change is one
// conditional UPDATE, so concurrent requests cannot both win.
import type { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '@second-chance/db';
import type { Identity } from '@second-chance/identity';
import { badUserInput, conflict, forbidden, notFound, unlessDuplicate, isId } from '@second-chance/service-kit';
import {
  type LettingChannel,
  type VacancyStatus,
  effectiveStatus,
  holds,
  mayReserve,
  reservationExpiry,
} from '../domain/vacancies';
import { ReservationEntity, VacancyEntity } from '../entities';

/** A vacancy with what decides who may act on it: the owning organisation and the municipality. */
export interface VacancyWithOwner {
  vacancy: VacancyEntity;
  ownerOrganisationId: string;
  municipalityCode: string;
}

export async function findVacancyWithOwner(db: DataSource | EntityManager, id: string): Promise<VacancyWithOwner> {
  if (!isId(id)) throw notFound('vacancy', id);
  const row = await db
    .getRepository(VacancyEntity)
    .createQueryBuilder('vacancy')
    .innerJoin('unit', 'unit', 'unit.id = vacancy.unit_id')
    .innerJoin('department', 'department', 'department.id = unit.department_id')
    .innerJoin('housing_area', 'area', 'area.id = department.area_id')
    .addSelect(['department.organisation_id AS owner_id', 'area.municipality_code AS municipality_code'])
    .where('vacancy.id = :id', { id })
    .getRawAndEntities();
  const vacancy = row.entities[0];
  const raw = row.raw[0] as { owner_id: string; municipality_code: string } | undefined;
  if (!vacancy || !raw) throw notFound('vacancy', id);
  return { vacancy, ownerOrganisationId: raw.owner_id, municipalityCode: raw.municipality_code };
}

export async function publishVacancy(
  db: DataSource,
  identity: Identity,
  input: { unitId: string; availableFrom: string; channel: LettingChannel },
): Promise<VacancyEntity> {
  const repository = db.getRepository(VacancyEntity);
  const vacancy = repository.create({
    unitId: input.unitId,
    availableFrom: input.availableFrom,
    channel: input.channel,
    status: 'OPEN',
    reservationId: null,
    reservedUntil: null,
    publishedAt: new Date(),
    publishedBy: identity.subject,
    closedAt: null,
    withdrawnReason: null,
  });
  return unlessDuplicate(
    () => repository.save(vacancy),
    'vacancy_one_active_per_unit',
    `unit ${input.unitId} already has an open or reserved vacancy`,
  );
}

export interface ReserveInput {
  vacancyId: string;
  idempotencyKey: string;
  expiresAt?: Date | null | undefined;
  reference?: string | null | undefined;
}

async function findByIdempotencyKey(db: DataSource, identity: Identity, key: string) {
  return db.getRepository(ReservationEntity).findOneBy({
    holderOrganisationType: identity.organisation.type,
    holderOrganisationId: identity.organisation.id,
    idempotencyKey: key,
  });
}

function replay(existing: ReservationEntity, input: ReserveInput): ReservationEntity {
  if (existing.vacancyId !== input.vacancyId) {
    throw conflict('this idempotency key was already used to reserve another vacancy');
  }
  return existing;
}

export async function reserveVacancy(
  db: DataSource,
  identity: Identity,
  input: ReserveInput,
): Promise<ReservationEntity> {
  const earlier = await findByIdempotencyKey(db, identity, input.idempotencyKey);
  // A retry gets the first answer, but only someone who may hold the reservation does: another role in the same
  // organisation presenting the key learns nothing.
  if (earlier && holds(identity, earlier)) return replay(earlier, input);

  const target = await findVacancyWithOwner(db, input.vacancyId);
  if (!mayReserve(identity, { channel: target.vacancy.channel, ...target })) {
    throw forbidden(`you may not reserve this ${target.vacancy.channel} vacancy`);
  }
  const now = new Date();
  const expiresAt = reservationExpiry(input.expiresAt, now);
  if (typeof expiresAt === 'string') {
    throw badUserInput(`input.expiresAt: ${expiresAt}`, [{ path: 'input.expiresAt', message: expiresAt }]);
  }

  try {
    return await db.transaction(async (manager) => {
      const reservations = manager.getRepository(ReservationEntity);
      const reservation = reservations.create({
        vacancyId: input.vacancyId,
        holderOrganisationType: identity.organisation.type,
        holderOrganisationId: identity.organisation.id,
        holderSubject: identity.subject,
        reference: input.reference ?? null,
        idempotencyKey: input.idempotencyKey,
        reservedAt: now,
        expiresAt,
        endedAt: null,
      });
      await reservations.insert(reservation);
      // The row lock makes a concurrent reservation wait here, then find the vacancy no longer open.
      const taken = await manager
        .createQueryBuilder()
        .update(VacancyEntity)
        .set({ status: 'RESERVED', reservationId: reservation.id, reservedUntil: expiresAt })
        .where('id = :id', { id: input.vacancyId })
        .andWhere("(status = 'OPEN' OR (status = 'RESERVED' AND (reserved_until IS NULL OR reserved_until <= now())))")
        .execute();
      if (taken.affected !== 1) {
        const status = effectiveStatus(target.vacancy, now);
        throw conflict(
          status === 'OPEN'
            ? 'the vacancy was reserved by someone else a moment ago'
            : `the vacancy is ${status}, not open`,
        );
      }
      return reservation;
    });
  } catch (error) {
    // The same key sent twice at once: the second insert meets the first's row; answer as a retry would.
    if (isUniqueViolation(error, 'reservation_idempotency_unique')) {
      const first = await findByIdempotencyKey(db, identity, input.idempotencyKey);
      if (first) return replay(first, input);
    }
    throw error;
  }
}

/** Ends the vacancy's current reservation, if one holds it, and moves the vacancy to `status`. */
async function close(
  db: DataSource,
  target: VacancyWithOwner,
  to: VacancyStatus,
  from: readonly VacancyStatus[],
  extra: Partial<VacancyEntity> = {},
): Promise<VacancyEntity> {
  const { vacancy } = target;
  return db.transaction(async (manager) => {
    const now = new Date();
    const current = effectiveStatus(vacancy, now);
    if (!from.includes(current)) throw conflict(`the vacancy is ${current}; it cannot become ${to}`);
    const updated = await manager
      .createQueryBuilder()
      .update(VacancyEntity)
      .set({ status: to, reservationId: null, reservedUntil: null, ...extra })
      .where('id = :id', { id: vacancy.id })
      .andWhere('status = :status', { status: vacancy.status })
      .andWhere(vacancy.reservationId ? 'reservation_id = :reservation' : 'reservation_id IS NULL', {
        reservation: vacancy.reservationId,
      })
      .execute();
    if (updated.affected !== 1) throw conflict('the vacancy changed while you were changing it; look again');
    if (vacancy.reservationId && vacancy.reservedUntil && vacancy.reservedUntil > now) {
      await manager.update(ReservationEntity, { id: vacancy.reservationId }, { endedAt: now });
    }
    return manager.getRepository(VacancyEntity).findOneByOrFail({ id: vacancy.id });
  });
}

export function withdrawVacancy(db: DataSource, target: VacancyWithOwner, reason: string | null) {
  return close(db, target, 'WITHDRAWN', ['OPEN', 'RESERVED'], { closedAt: new Date(), withdrawnReason: reason });
}

export function letVacancy(db: DataSource, target: VacancyWithOwner) {
  return close(db, target, 'LET', ['OPEN', 'RESERVED'], { closedAt: new Date() });
}

/** Refuses anyone but the holder of the reservation that holds the vacancy now. */
export async function assertHolder(db: DataSource, identity: Identity, target: VacancyWithOwner): Promise<void> {
  const { vacancy } = target;
  const reservation =
    vacancy.reservationId && effectiveStatus(vacancy, new Date()) === 'RESERVED'
      ? await db.getRepository(ReservationEntity).findOneBy({ id: vacancy.reservationId })
      : null;
  if (!reservation || !holds(identity, reservation)) {
    throw forbidden("only the owning organisation, or the holder of the vacancy's reservation, may let it");
  }
}

export async function releaseReservation(
  db: DataSource,
  identity: Identity,
  target: VacancyWithOwner,
  mayManage: boolean,
): Promise<VacancyEntity> {
  const { vacancy } = target;
  const reservation = vacancy.reservationId
    ? await db.getRepository(ReservationEntity).findOneBy({ id: vacancy.reservationId })
    : null;
  if (!reservation || effectiveStatus(vacancy, new Date()) !== 'RESERVED') {
    throw conflict('no reservation holds this vacancy');
  }
  if (!mayManage && !holds(identity, reservation)) {
    throw forbidden('only the holder or the owning organisation may release a reservation');
  }
  return close(db, target, 'OPEN', ['RESERVED']);
}
