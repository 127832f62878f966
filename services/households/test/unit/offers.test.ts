// Offers: whether a home fits a household's needs, and the deadlines.
import {
  DEFAULT_RESPONSE_DAYS,
  type HouseholdNeeds,
  MAX_RESPONSE_DAYS,
  type OfferedHome,
  RESERVATION_MARGIN_HOURS,
  misfits,
  reservationExpiry,
  responseDeadline,
} from '../../src/domain/offers';

const NO_NEEDS: HouseholdNeeds = {
  minRooms: null,
  stepFreeAccess: false,
  maxMonthlyRentOre: null,
  acceptableMunicipalityCodes: [],
};

const HOME: OfferedHome = { rooms: 3, stepFreeAccess: false, monthlyRentOre: 650_000, municipalityCode: '751' };

describe('misfits', () => {
  test('a household without needs accepts any home', () => {
    expect(misfits(HOME, NO_NEEDS)).toEqual([]);
    expect(
      misfits({ rooms: 1, stepFreeAccess: false, monthlyRentOre: 9_999_999, municipalityCode: '999' }, NO_NEEDS),
    ).toEqual([]);
  });

  describe('rooms', () => {
    test('too few rooms', () => {
      expect(misfits(HOME, { ...NO_NEEDS, minRooms: 4 })).toEqual(['3 rooms, needs 4']);
    });

    test('exactly enough or more rooms fit', () => {
      expect(misfits(HOME, { ...NO_NEEDS, minRooms: 3 })).toEqual([]);
      expect(misfits(HOME, { ...NO_NEEDS, minRooms: 2 })).toEqual([]);
    });
  });

  describe('step-free access', () => {
    test('needed and missing', () => {
      expect(misfits(HOME, { ...NO_NEEDS, stepFreeAccess: true })).toEqual([
        'no step-free access, which the household needs',
      ]);
    });

    test('needed and present', () => {
      expect(misfits({ ...HOME, stepFreeAccess: true }, { ...NO_NEEDS, stepFreeAccess: true })).toEqual([]);
    });

    test('not needed: a home with or without it fits', () => {
      expect(misfits({ ...HOME, stepFreeAccess: true }, NO_NEEDS)).toEqual([]);
      expect(misfits({ ...HOME, stepFreeAccess: false }, NO_NEEDS)).toEqual([]);
    });
  });

  describe('rent', () => {
    test('above what the household can pay', () => {
      expect(misfits(HOME, { ...NO_NEEDS, maxMonthlyRentOre: 649_999 })).toEqual([
        'rent 650000 øre a month, the household can pay 649999',
      ]);
    });

    test('exactly what the household can pay, or less, fits', () => {
      expect(misfits(HOME, { ...NO_NEEDS, maxMonthlyRentOre: 650_000 })).toEqual([]);
      expect(misfits(HOME, { ...NO_NEEDS, maxMonthlyRentOre: 800_000 })).toEqual([]);
    });
  });

  describe('acceptable municipalities', () => {
    test('a municipality not in the list', () => {
      expect(misfits(HOME, { ...NO_NEEDS, acceptableMunicipalityCodes: ['101', '461'] })).toEqual([
        'municipality 751 is not one the household accepts',
      ]);
    });

    test('a municipality in the list', () => {
      expect(misfits(HOME, { ...NO_NEEDS, acceptableMunicipalityCodes: ['101', '751'] })).toEqual([]);
      expect(misfits(HOME, { ...NO_NEEDS, acceptableMunicipalityCodes: ['751'] })).toEqual([]);
    });

    test('an empty list accepts any municipality', () => {
      for (const municipalityCode of ['101', '751', '851']) {
        expect(misfits({ ...HOME, municipalityCode }, { ...NO_NEEDS, acceptableMunicipalityCodes: [] })).toEqual([]);
      }
    });
  });

  test('several problems at once, all reported in order', () => {
    const needs: HouseholdNeeds = {
      minRooms: 5,
      stepFreeAccess: true,
      maxMonthlyRentOre: 500_000,
      acceptableMunicipalityCodes: ['101'],
    };
    expect(misfits(HOME, needs)).toEqual([
      '3 rooms, needs 5',
      'no step-free access, which the household needs',
      'rent 650000 øre a month, the household can pay 500000',
      'municipality 751 is not one the household accepts',
    ]);
  });

  test('a home that meets every need', () => {
    const home: OfferedHome = { rooms: 4, stepFreeAccess: true, monthlyRentOre: 700_000, municipalityCode: '101' };
    const needs: HouseholdNeeds = {
      minRooms: 4,
      stepFreeAccess: true,
      maxMonthlyRentOre: 700_000,
      acceptableMunicipalityCodes: ['101', '147'],
    };
    expect(misfits(home, needs)).toEqual([]);
  });

  test('two problems, the others fitting', () => {
    const needs: HouseholdNeeds = {
      minRooms: 2,
      stepFreeAccess: true,
      maxMonthlyRentOre: 600_000,
      acceptableMunicipalityCodes: [],
    };
    expect(misfits(HOME, needs)).toEqual([
      'no step-free access, which the household needs',
      'rent 650000 øre a month, the household can pay 600000',
    ]);
  });
});

describe('responseDeadline and reservationExpiry', () => {
  const now = new Date('2026-03-10T14:30:00.000Z');

  test('the constants', () => {
    expect(DEFAULT_RESPONSE_DAYS).toBe(5);
    expect(MAX_RESPONSE_DAYS).toBe(21);
    expect(RESERVATION_MARGIN_HOURS).toBe(24);
  });

  test('the deadline is the given number of whole days (24 hours each) after now', () => {
    expect(responseDeadline(now, DEFAULT_RESPONSE_DAYS).toISOString()).toBe('2026-03-15T14:30:00.000Z');
    expect(responseDeadline(now, 1).toISOString()).toBe('2026-03-11T14:30:00.000Z');
    expect(responseDeadline(now, MAX_RESPONSE_DAYS).toISOString()).toBe('2026-03-31T14:30:00.000Z');
    expect(responseDeadline(now, 0).getTime()).toBe(now.getTime());
  });

  test('the deadline counts in UTC across a daylight-saving change and a month end', () => {
    // Denmark moves its clocks on 29 March 2026; the deadline is still exactly 5 × 24 hours later.
    const beforeChange = new Date('2026-03-27T10:00:00.000Z');
    expect(responseDeadline(beforeChange, 5).toISOString()).toBe('2026-04-01T10:00:00.000Z');
    expect(responseDeadline(beforeChange, 5).getTime() - beforeChange.getTime()).toBe(5 * 24 * 3_600_000);
  });

  test('a leap day is counted', () => {
    expect(responseDeadline(new Date('2028-02-27T00:00:00.000Z'), 3).toISOString()).toBe('2028-03-01T00:00:00.000Z');
  });

  test('does not change the date it was given', () => {
    const copy = new Date(now);
    responseDeadline(now, 5);
    reservationExpiry(now);
    expect(now.getTime()).toBe(copy.getTime());
  });

  test('the reservation outlives the deadline by 24 hours', () => {
    const deadline = responseDeadline(now, DEFAULT_RESPONSE_DAYS);
    expect(reservationExpiry(deadline).toISOString()).toBe('2026-03-16T14:30:00.000Z');
    expect(reservationExpiry(deadline).getTime() - deadline.getTime()).toBe(RESERVATION_MARGIN_HOURS * 3_600_000);
  });

  test('keeps milliseconds', () => {
    const precise = new Date('2026-01-01T00:00:00.123Z');
    expect(reservationExpiry(responseDeadline(precise, 2)).toISOString()).toBe('2026-01-04T00:00:00.123Z');
  });
});
