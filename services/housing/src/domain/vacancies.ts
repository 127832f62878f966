// The life of a vacancy: published OPEN, held by a RESERVED reservation until it expires or ends,
// then LET or WITHDRAWN. Who may reserve through which letting channel.
import { type Identity, hasRole } from '@second-chance/identity';
import { addDays } from '@second-chance/service-kit';

export const LETTING_CHANNELS = ['WAITING_LIST', 'FLEXIBLE_LETTING', 'MUNICIPAL_ALLOCATION', 'PLATFORM'] as const;
/**
 * WAITING_LIST: the ordinary waiting list; FLEXIBLE_LETTING: by the area's flexible-letting criteria (§ 60);
 * MUNICIPAL_ALLOCATION: the municipality allocates (kommunal anvisning, § 59); PLATFORM: offered to the
 * platform's cooperation across municipal borders.
 */
export type LettingChannel = (typeof LETTING_CHANNELS)[number];

export const VACANCY_STATUSES = ['OPEN', 'RESERVED', 'LET', 'WITHDRAWN'] as const;
export type VacancyStatus = (typeof VACANCY_STATUSES)[number];
export type StoredVacancyStatus = VacancyStatus;

export interface VacancyState {
  status: StoredVacancyStatus;
  reservedUntil: Date | null;
}

/** The status a reader sees: a reservation past its expiry no longer holds the vacancy. */
export function effectiveStatus(vacancy: VacancyState, now: Date): VacancyStatus {
  if (vacancy.status === 'RESERVED' && (!vacancy.reservedUntil || vacancy.reservedUntil <= now)) return 'OPEN';
  return vacancy.status;
}

export function isActive(status: VacancyStatus): boolean {
  return status === 'OPEN' || status === 'RESERVED';
}

/** A reservation lasts three days unless the caller asks otherwise, and never more than thirty. */
export const DEFAULT_RESERVATION_HOURS = 72;
export const MAX_RESERVATION_DAYS = 30;
export const MIN_RESERVATION_MINUTES = 5;

export function reservationExpiry(requested: Date | null | undefined, now: Date): Date | string {
  if (!requested) return new Date(now.getTime() + DEFAULT_RESERVATION_HOURS * 3_600_000);
  if (requested.getTime() < now.getTime() + MIN_RESERVATION_MINUTES * 60_000) {
    return `a reservation must last at least ${MIN_RESERVATION_MINUTES} minutes`;
  }
  if (requested.getTime() > now.getTime() + MAX_RESERVATION_DAYS * 86_400_000) {
    return `a reservation may last at most ${MAX_RESERVATION_DAYS} days`;
  }
  return requested;
}

export interface ReservableVacancy {
  channel: LettingChannel;
  /** The organisation that owns the unit. */
  ownerOrganisationId: string;
  /** The municipality the unit lies in. */
  municipalityCode: string;
}

/**
 * Who may reserve: the owning organisation's letting officers, always; a caseworker, for a vacancy offered
 * to the platform (any municipality: that is the cooperation) or allocated by the caseworker's own
 * municipality (§ 59).
 */
export function mayReserve(identity: Identity, vacancy: ReservableVacancy): boolean {
  const org = identity.organisation;
  if (hasRole(identity, 'letting-officer')) {
    return org.type === 'HOUSING_ORGANISATION' && org.id === vacancy.ownerOrganisationId;
  }
  if (hasRole(identity, 'caseworker') && org.type === 'MUNICIPALITY') {
    return (
      vacancy.channel === 'PLATFORM' ||
      (vacancy.channel === 'MUNICIPAL_ALLOCATION' && org.id === vacancy.municipalityCode)
    );
  }
  return false;
}

export interface ReservationHolder {
  holderOrganisationType: string;
  holderOrganisationId: string;
}

/**
 * The caller speaks for the reservation's holder: a caseworker or letting officer (the roles that reserve) of the
 * organisation that holds it. Its other staff (a municipality's finance officers) do not let or release homes.
 */
export function holds(identity: Identity, reservation: ReservationHolder): boolean {
  return (
    hasRole(identity, 'caseworker', 'letting-officer') &&
    identity.organisation.type === reservation.holderOrganisationType &&
    identity.organisation.id === reservation.holderOrganisationId
  );
}

/** A vacancy may be published as available from up to 90 days ago (late registration) to two years ahead. */
export const PUBLISH_DAYS_BEHIND = 90;
export const PUBLISH_DAYS_AHEAD = 730;

/** Null when `availableFrom` may be published today; otherwise why not. */
export function publishableFrom(availableFrom: string, today: string): string | null {
  if (availableFrom < addDays(today, -PUBLISH_DAYS_BEHIND)) {
    return `a vacancy cannot be published as available from more than ${PUBLISH_DAYS_BEHIND} days ago`;
  }
  if (availableFrom > addDays(today, PUBLISH_DAYS_AHEAD)) {
    return `a vacancy cannot be published more than ${PUBLISH_DAYS_AHEAD} days ahead`;
  }
  return null;
}
