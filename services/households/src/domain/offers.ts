// Offers of a vacancy to a household: the answer's deadline, whether the home fits, why people say no.

/** Days a household has to answer an offer, unless the caseworker or configuration says otherwise. */
export const DEFAULT_RESPONSE_DAYS = 5;
export const MAX_RESPONSE_DAYS = 21;
/** The reservation outlives the answer's deadline by a day, so a late-evening answer still finds it held. */
export const RESERVATION_MARGIN_HOURS = 24;

/**
 * RESERVING: registered, the vacancy's reservation not yet confirmed; PENDING: reserved, awaiting the
 * answer; ACCEPTED; DECLINED; EXPIRED: no answer by the deadline; WITHDRAWN: the caseworker withdrew it (or
 * the case stopped); FAILED: the vacancy could not be reserved.
 */
export const OFFER_STATUSES = [
  'RESERVING',
  'PENDING',
  'ACCEPTED',
  'DECLINED',
  'EXPIRED',
  'WITHDRAWN',
  'FAILED',
] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/** An offer that holds its vacancy: at most one per vacancy, and one per case, at a time. */
export const ACTIVE_OFFER_STATUSES: readonly OfferStatus[] = ['RESERVING', 'PENDING', 'ACCEPTED'];

/** Why a household said no: counted by evaluation to understand take-up. */
export const DECLINE_REASONS = [
  'TOO_FAR_FROM_NETWORK',
  'TOO_FAR_FROM_WORK_OR_SCHOOL',
  'HOME_DOES_NOT_FIT',
  'RENT_TOO_HIGH',
  'AREA_NOT_WANTED',
  'WANTS_TO_STAY',
  'OTHER',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export function responseDeadline(now: Date, days: number): Date {
  return new Date(now.getTime() + days * 86_400_000);
}

export function reservationExpiry(deadline: Date): Date {
  return new Date(deadline.getTime() + RESERVATION_MARGIN_HOURS * 3_600_000);
}

export interface HouseholdNeeds {
  minRooms: number | null;
  stepFreeAccess: boolean;
  maxMonthlyRentOre: number | null;
  acceptableMunicipalityCodes: readonly string[];
}

export interface OfferedHome {
  rooms: number;
  stepFreeAccess: boolean;
  monthlyRentOre: number;
  municipalityCode: string;
}

/** What about the home does not fit the household's needs (empty when it fits). */
export function misfits(home: OfferedHome, needs: HouseholdNeeds): string[] {
  const problems: string[] = [];
  if (needs.minRooms !== null && home.rooms < needs.minRooms)
    problems.push(`${home.rooms} rooms, needs ${needs.minRooms}`);
  if (needs.stepFreeAccess && !home.stepFreeAccess) problems.push('no step-free access, which the household needs');
  if (needs.maxMonthlyRentOre !== null && home.monthlyRentOre > needs.maxMonthlyRentOre) {
    problems.push(`rent ${home.monthlyRentOre} øre a month, the household can pay ${needs.maxMonthlyRentOre}`);
  }
  if (
    needs.acceptableMunicipalityCodes.length > 0 &&
    !needs.acceptableMunicipalityCodes.includes(home.municipalityCode)
  ) {
    problems.push(`municipality ${home.municipalityCode} is not one the household accepts`);
  }
  return problems;
}
