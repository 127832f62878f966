import { GraphQLError, parseValue as parseGraphQLValue } from 'graphql';
import {
  DateScalar,
  DateTimeScalar,
  MAX_YEAR,
  MIN_YEAR,
  addDays,
  isCalendarDate,
  scalarResolvers,
  todayInDenmark,
} from '../src';

function badUserInput(run: () => unknown): GraphQLError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    return error as GraphQLError;
  }
  throw new Error('expected a BAD_USER_INPUT error');
}

describe('Date', () => {
  test('the range is 1900 to 2199', () => {
    expect([MIN_YEAR, MAX_YEAR]).toEqual([1900, 2199]);
  });

  test.each(['2026-12-01', '2026-01-31', '2024-02-29', '2000-02-29', '1900-01-01', '2199-12-31', '2026-04-30'])(
    'accepts %s as it is',
    (text) => {
      expect(DateScalar.parseValue(text)).toBe(text);
      expect(isCalendarDate(text)).toBe(true);
    },
  );

  test.each([
    '2026-02-30',
    '2026-02-29',
    '1900-02-29',
    '2100-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-12-00',
    '2026-12-32',
    '0000-01-01',
    '1899-12-31',
    '2200-01-01',
    '9999-12-31',
    '2026-1-1',
    '2026-01-1',
    '26-12-01',
    '+02026-12-01',
    '2026/12/01',
    '01-12-2026',
    ' 2026-12-01',
    '2026-12-01 ',
    '2026-12-01T00:00:00Z',
    '2026-12-01\n',
    '',
  ])('refuses %j', (text) => {
    const error = badUserInput(() => DateScalar.parseValue(text));
    expect(error.message).toBe('Date must be a calendar date YYYY-MM-DD between 1900 and 2199');
    expect(isCalendarDate(text)).toBe(false);
  });

  test.each([[20261201], [1764547200000], [null], [undefined], [true], [new Date('2026-12-01T00:00:00Z')], [{}]])(
    'refuses the non-string %p',
    (value) => {
      badUserInput(() => DateScalar.parseValue(value));
    },
  );

  test('parses a string literal and refuses other literals', () => {
    expect(DateScalar.parseLiteral(parseGraphQLValue('"2026-12-01"'), undefined)).toBe('2026-12-01');
    badUserInput(() => DateScalar.parseLiteral(parseGraphQLValue('"2026-02-30"'), undefined));
    badUserInput(() => DateScalar.parseLiteral(parseGraphQLValue('20261201'), undefined));
    badUserInput(() => DateScalar.parseLiteral(parseGraphQLValue('null'), undefined));
  });

  test('serializes a calendar date string as it is', () => {
    expect(DateScalar.serialize('2026-12-01')).toBe('2026-12-01');
  });

  test('serializes a JS Date as the day it is in Denmark', () => {
    expect(DateScalar.serialize(new Date('2026-12-01T00:00:00Z'))).toBe('2026-12-01');
    expect(DateScalar.serialize(new Date('2026-11-30T23:30:00Z'))).toBe('2026-12-01');
    expect(DateScalar.serialize(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(DateScalar.serialize(new Date('2028-02-29T12:00:00Z'))).toBe('2028-02-29');
  });

  test('refuses to serialize something that is not a calendar date', () => {
    badUserInput(() => DateScalar.serialize('2026-02-30'));
    badUserInput(() => DateScalar.serialize(20261201));
    badUserInput(() => DateScalar.serialize(null));
  });
});

describe('DateTime', () => {
  test.each([
    ['2026-12-01T09:00:00Z', '2026-12-01T09:00:00.000Z'],
    ['2026-12-01T09:00Z', '2026-12-01T09:00:00.000Z'],
    ['2026-12-01T09:00:00+01:00', '2026-12-01T08:00:00.000Z'],
    ['2026-06-01T09:00:00+02:00', '2026-06-01T07:00:00.000Z'],
    ['2026-12-01T09:00:00-05:30', '2026-12-01T14:30:00.000Z'],
    ['2026-12-01T09:00:00.123Z', '2026-12-01T09:00:00.123Z'],
    ['2026-12-01T09:00:00.123456789Z', '2026-12-01T09:00:00.123Z'],
    ['1900-01-01T00:00:00Z', '1900-01-01T00:00:00.000Z'],
    ['2199-12-31T23:59:59Z', '2199-12-31T23:59:59.000Z'],
  ])('parses %s as the instant %s', (text, instant) => {
    const parsed = DateTimeScalar.parseValue(text);
    expect(parsed).toBeInstanceOf(Date);
    expect(parsed.toISOString()).toBe(instant);
  });

  test.each([
    '2026-12-01T09:00:00',
    '2026-12-01T09:00',
    '2026-12-01',
    '2026-12-01 09:00:00Z',
    '2026-12-01T09:00:00+0100',
    '2026-12-01T09:00:00+01',
    '2026-12-01T09:00:00 Z',
    '2026-12-01T25:00:00Z',
    '2026-12-01T09:60:00Z',
    '2026-13-01T09:00:00Z',
    '2026-12-32T09:00:00Z',
    '0000-01-01T00:00:00Z',
    '1899-12-31T23:59:59Z',
    '2200-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    'Tue, 01 Dec 2026 09:00:00 GMT',
    'yesterday',
    '',
  ])('refuses %j', (text) => {
    const error = badUserInput(() => DateTimeScalar.parseValue(text));
    expect(error.message).toBe('DateTime must be an ISO 8601 instant with a time zone, e.g. 2026-12-01T09:00:00Z');
  });

  // `new Date` alone would roll an impossible day over into the next month ('2026-02-30' becomes 2 March).
  test.each(['2026-02-30T09:00:00Z', '2026-02-29T09:00:00Z', '2026-04-31T09:00:00+02:00'])(
    'refuses the impossible calendar day in %j',
    (text) => {
      badUserInput(() => DateTimeScalar.parseValue(text));
    },
  );

  test.each([[1764579600000], [null], [undefined], [new Date('2026-12-01T09:00:00Z')], [{}]])(
    'refuses the non-string %p',
    (value) => {
      badUserInput(() => DateTimeScalar.parseValue(value));
    },
  );

  test('parses a string literal and refuses other literals', () => {
    const parsed = DateTimeScalar.parseLiteral(parseGraphQLValue('"2026-12-01T09:00:00+01:00"'), undefined);
    expect(parsed.toISOString()).toBe('2026-12-01T08:00:00.000Z');
    badUserInput(() => DateTimeScalar.parseLiteral(parseGraphQLValue('1764579600000'), undefined));
    badUserInput(() => DateTimeScalar.parseLiteral(parseGraphQLValue('"2026-12-01T09:00:00"'), undefined));
  });

  test('serializes a Date and a valid instant string as UTC ISO 8601', () => {
    expect(DateTimeScalar.serialize(new Date('2026-12-01T09:00:00+01:00'))).toBe('2026-12-01T08:00:00.000Z');
    expect(DateTimeScalar.serialize('2026-12-01T09:00:00+01:00')).toBe('2026-12-01T08:00:00.000Z');
  });

  test('refuses to serialize something that is not an instant', () => {
    badUserInput(() => DateTimeScalar.serialize('2026-12-01'));
    badUserInput(() => DateTimeScalar.serialize(1764579600000));
  });

  test('both scalars are in the resolver map under their SDL names', () => {
    expect(scalarResolvers).toEqual({ Date: DateScalar, DateTime: DateTimeScalar });
    expect(DateScalar.name).toBe('Date');
    expect(DateTimeScalar.name).toBe('DateTime');
  });
});

describe('addDays', () => {
  test.each([
    ['2026-12-01', 0, '2026-12-01'],
    ['2026-12-01', 1, '2026-12-02'],
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-04-30', 1, '2026-05-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2028-02-29', 1, '2028-03-01'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['2026-03-28', 1, '2026-03-29'],
    ['2026-03-29', 1, '2026-03-30'],
    ['2026-10-25', 1, '2026-10-26'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2028-01-01', 365, '2028-12-31'],
    ['2026-01-01', 90, '2026-04-01'],
  ])('%s plus %d days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  test.each([
    ['2026-03-01', -1, '2026-02-28'],
    ['2028-03-01', -1, '2028-02-29'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2026-12-01', -30, '2026-11-01'],
  ])('%s minus %d days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  test('adding and subtracting the same number of days comes back', () => {
    for (const days of [1, 28, 29, 31, 59, 366, 1000]) {
      expect(addDays(addDays('2026-12-01', days), -days)).toBe('2026-12-01');
    }
  });
});

describe('todayInDenmark', () => {
  test.each([
    // Winter: Copenhagen is UTC+1.
    ['2026-12-31T23:30:00Z', '2027-01-01'],
    ['2026-12-31T23:00:00Z', '2027-01-01'],
    ['2026-12-31T22:59:59Z', '2026-12-31'],
    ['2026-12-01T00:00:00Z', '2026-12-01'],
    // Summer: UTC+2.
    ['2026-06-30T22:30:00Z', '2026-07-01'],
    ['2026-06-30T21:59:59Z', '2026-06-30'],
    ['2026-06-30T22:00:00Z', '2026-07-01'],
    // Leap day.
    ['2028-02-28T23:00:00Z', '2028-02-29'],
  ])('at %s it is %s in Denmark', (instant, expected) => {
    expect(todayInDenmark(new Date(instant))).toBe(expected);
  });

  test('gives a calendar date the Date scalar accepts, for now by default', () => {
    const today = todayInDenmark();
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(DateScalar.parseValue(today)).toBe(today);
    const utcToday = new Date().toISOString().slice(0, 10);
    expect([utcToday, addDays(utcToday, 1)]).toContain(today);
  });
});
