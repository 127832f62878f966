// Calendar dates and quarters: strict parsing, day arithmetic, anniversaries and leap years, quarter keys.
import {
  addDays,
  addYears,
  daysBetween,
  isDate,
  maxDate,
  minDate,
  nextPeriod,
  parsePeriod,
  periodOf,
  periodsBetween,
  previousPeriod,
} from '../../src/domain/dates';

describe('isDate', () => {
  test.each(['2025-01-01', '2024-02-29', '2000-02-29', '2025-12-31', '0001-01-01', '9999-12-31'])(
    '%s is a date',
    (text) => expect(isDate(text)).toBe(true),
  );
  test.each([
    '2025-02-29', // not a leap year
    '1900-02-29', // divisible by 100, not by 400
    '2025-04-31',
    '2025-13-01',
    '2025-00-10',
    '2025-01-00',
    '2025-1-01',
    '25-01-01',
    '2025-01-01T00:00:00Z',
    ' 2025-01-01',
    '2025/01/01',
    '',
  ])('%j is not a date', (text) => expect(isDate(text)).toBe(false));
});

describe('daysBetween and addDays', () => {
  test('counts days, negative backwards', () => {
    expect(daysBetween('2025-01-01', '2025-01-01')).toBe(0);
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-03-01', '2025-02-01')).toBe(-28);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('1999-12-31', '2000-03-01')).toBe(61);
  });

  test('adds days across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2025-01-01', 0)).toBe('2025-01-01');
    expect(addDays('0050-06-15', 1)).toBe('0050-06-16');
  });

  test('addDays and daysBetween agree', () => {
    for (const n of [-1000, -366, -1, 0, 1, 59, 365, 366, 10_000]) {
      expect(daysBetween('2024-02-29', addDays('2024-02-29', n))).toBe(n);
    }
  });

  test('rejects what is not a date', () => {
    expect(() => daysBetween('2025-02-29', '2025-03-01')).toThrow(/not a calendar date/);
    expect(() => addDays('2025-01-01', 1.5)).toThrow(/whole number/);
    expect(() => addDays('9999-12-31', 1)).toThrow(/outside/);
  });
});

describe('addYears', () => {
  test('keeps month and day', () => {
    expect(addYears('2025-02-15', 1)).toBe('2026-02-15');
    expect(addYears('2025-02-15', -3)).toBe('2022-02-15');
  });

  test('29 February falls on 1 March in years that are not leap years', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-03-01');
    expect(addYears('2024-02-29', 2)).toBe('2026-03-01');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2024-02-29', 76)).toBe('2100-03-01'); // 2100 is not a leap year
    expect(addYears('2000-02-29', 400)).toBe('2400-02-29');
  });
});

describe('minDate and maxDate', () => {
  test('the earliest and the latest', () => {
    expect(minDate('2025-03-01', '2024-12-31', '2025-01-01')).toBe('2024-12-31');
    expect(maxDate('2025-03-01', '2024-12-31', '2025-01-01')).toBe('2025-03-01');
    expect(minDate('2025-03-01')).toBe('2025-03-01');
  });

  test('reject what is not a date', () => {
    expect(() => minDate('2025-03-01', '2025-02-30')).toThrow(/not a calendar date/);
    expect(() => maxDate('x')).toThrow(/not a calendar date/);
  });
});

describe('periods', () => {
  test('parsePeriod gives the first day and the exclusive end', () => {
    expect(parsePeriod('2025Q1')).toEqual({ key: '2025Q1', start: '2025-01-01', end: '2025-04-01' });
    expect(parsePeriod('2025Q2')).toEqual({ key: '2025Q2', start: '2025-04-01', end: '2025-07-01' });
    expect(parsePeriod('2025Q3')).toEqual({ key: '2025Q3', start: '2025-07-01', end: '2025-10-01' });
    expect(parsePeriod('2025Q4')).toEqual({ key: '2025Q4', start: '2025-10-01', end: '2026-01-01' });
  });

  test('a leap year’s first quarter has 91 days, other years’ 90', () => {
    const leap = parsePeriod('2024Q1');
    const common = parsePeriod('2025Q1');
    expect(daysBetween(leap.start, leap.end)).toBe(91);
    expect(daysBetween(common.start, common.end)).toBe(90);
  });

  test.each(['2025Q0', '2025Q5', '2025q1', '25Q1', '2025-Q1', '2025 Q1', 'Q1 2025', '', '9999Q4'])(
    'parsePeriod rejects %j',
    (text) => expect(() => parsePeriod(text)).toThrow(/is not a period/),
  );

  test('periodOf', () => {
    expect(periodOf('2025-01-01')).toBe('2025Q1');
    expect(periodOf('2025-03-31')).toBe('2025Q1');
    expect(periodOf('2025-04-01')).toBe('2025Q2');
    expect(periodOf('2024-02-29')).toBe('2024Q1');
    expect(periodOf('2025-12-31')).toBe('2025Q4');
    expect(() => periodOf('2025-02-29')).toThrow(/not a calendar date/);
  });

  test('every date lies in its period', () => {
    for (let date = '2023-11-01'; date < '2025-03-01'; date = addDays(date, 1)) {
      const period = parsePeriod(periodOf(date));
      expect(period.start <= date && date < period.end).toBe(true);
    }
  });

  test('nextPeriod and previousPeriod', () => {
    expect(nextPeriod('2025Q1')).toBe('2025Q2');
    expect(nextPeriod('2025Q4')).toBe('2026Q1');
    expect(previousPeriod('2025Q1')).toBe('2024Q4');
    expect(previousPeriod('2025Q3')).toBe('2025Q2');
    expect(parsePeriod(nextPeriod('2025Q4')).start).toBe(parsePeriod('2025Q4').end);
    expect(() => nextPeriod('2025Q5')).toThrow(/is not a period/);
    expect(() => previousPeriod('0000Q1')).toThrow(/outside/);
  });

  test('periodsBetween lists both ends and everything between', () => {
    expect(periodsBetween('2024Q3', '2025Q2')).toEqual(['2024Q3', '2024Q4', '2025Q1', '2025Q2']);
    expect(periodsBetween('2025Q1', '2025Q1')).toEqual(['2025Q1']);
    expect(periodsBetween('2025Q2', '2025Q1')).toEqual([]);
    expect(periodsBetween('2025Q1', '2029Q2')).toHaveLength(18);
  });

  test('consecutive periods meet without gap or overlap', () => {
    const periods = periodsBetween('2023Q1', '2026Q4').map(parsePeriod);
    for (let i = 1; i < periods.length; i++) expect(periods[i]!.start).toBe(periods[i - 1]!.end);
  });
});
