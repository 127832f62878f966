// Calendar dates and quarterly periods for the finance rules.
//
// A date is a calendar day written 'YYYY-MM-DD' (years 0000–9999, the proleptic Gregorian calendar). There are
// no times and no time zones: day arithmetic is done on UTC days, so every day is exactly one day long.
// A period is a calendar quarter written '2025Q1'; it covers its first day up to, but not including, the first
// day of the next quarter.

const MS_PER_DAY = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const PERIOD_PATTERN = /^(\d{4})Q([1-4])$/;

/** Year, month (1–12) and day of a valid date, or null when the text is not a real date in YYYY-MM-DD form. */
function partsOf(text: string): [number, number, number] | null {
  const match = DATE_PATTERN.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return [year, month, day];
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function requireParts(date: string): [number, number, number] {
  const parts = partsOf(date);
  if (!parts) throw new Error(`'${date}' is not a calendar date in the form YYYY-MM-DD`);
  return parts;
}

/** The number of days since 1970-01-01 (negative before it). */
function dayNumber(date: string): number {
  const [year, month, day] = requireParts(date);
  // setUTCFullYear, not Date.UTC: Date.UTC reads the years 0–99 as 1900–1999.
  return new Date(0).setUTCFullYear(year, month - 1, day) / MS_PER_DAY;
}

function fromDayNumber(days: number): string {
  const date = new Date(days * MS_PER_DAY);
  const year = date.getUTCFullYear();
  if (!Number.isFinite(year) || year < 0 || year > 9999) {
    throw new Error('the date falls outside the years 0000–9999');
  }
  return formatDate(year, date.getUTCMonth() + 1, date.getUTCDate());
}

function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** True when `text` is a real calendar date written exactly 'YYYY-MM-DD' (so '2025-02-29' and '2025-2-1' are not). */
export function isDate(text: string): boolean {
  return partsOf(text) !== null;
}

/** The number of days from `from` to `to`: positive when `to` is later, negative when it is earlier. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The date `n` days after `date` (before it when `n` is negative). */
export function addDays(date: string, n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`a number of days must be a whole number, not ${n}`);
  return fromDayNumber(dayNumber(date) + n);
}

/**
 * The same month and day `n` years after `date` (before it when `n` is negative): its anniversary.
 * The anniversary of 29 February in a year that is not a leap year is 1 March.
 */
export function addYears(date: string, n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`a number of years must be a whole number, not ${n}`);
  const [year, month, day] = requireParts(date);
  const target = year + n;
  if (target < 0 || target > 9999) throw new Error('the date falls outside the years 0000–9999');
  if (month === 2 && day === 29 && !isLeapYear(target)) return formatDate(target, 3, 1);
  return formatDate(target, month, day);
}

/** The earliest of the given dates. */
export function minDate(first: string, ...rest: string[]): string {
  // Dates in YYYY-MM-DD form order as text in the same way as in time.
  return [first, ...rest].map(checked).reduce((earliest, date) => (date < earliest ? date : earliest));
}

/** The latest of the given dates. */
export function maxDate(first: string, ...rest: string[]): string {
  return [first, ...rest].map(checked).reduce((latest, date) => (date > latest ? date : latest));
}

function checked(date: string): string {
  requireParts(date);
  return date;
}

/** A quarter: its key ('2025Q1'), its first day, and the first day after it (the end is exclusive). */
export interface Period {
  key: string;
  /** The first day of the quarter. */
  start: string;
  /** The first day of the next quarter: the period covers the days before it. */
  end: string;
}

function periodParts(text: string): [number, number] {
  const match = PERIOD_PATTERN.exec(text);
  if (!match) throw new Error(`'${text}' is not a period: a period is a year and a quarter, such as '2025Q1'`);
  const year = Number(match[1]);
  const quarter = Number(match[2]);
  if (year === 9999 && quarter === 4) throw new Error(`'${text}' is not a period: its end lies after 9999-12-31`);
  return [year, quarter];
}

function periodKey(year: number, quarter: number): string {
  if (year < 0 || year > 9999 || (year === 9999 && quarter === 4)) {
    throw new Error('the period falls outside the years 0000–9999');
  }
  return `${String(year).padStart(4, '0')}Q${quarter}`;
}

/** The quarter `text` names, with its first day and its exclusive end: '2025Q1' runs from 2025-01-01 to 2025-04-01. */
export function parsePeriod(text: string): Period {
  const [year, quarter] = periodParts(text);
  const start = formatDate(year, quarter * 3 - 2, 1);
  const end = quarter === 4 ? formatDate(year + 1, 1, 1) : formatDate(year, quarter * 3 + 1, 1);
  return { key: text, start, end };
}

/** The key of the quarter that contains `date`. */
export function periodOf(date: string): string {
  const [year, month] = requireParts(date);
  return periodKey(year, Math.floor((month - 1) / 3) + 1);
}

/** The quarter after `key`: '2025Q4' → '2026Q1'. */
export function nextPeriod(key: string): string {
  const [year, quarter] = periodParts(key);
  return quarter === 4 ? periodKey(year + 1, 1) : periodKey(year, quarter + 1);
}

/** The quarter before `key`: '2025Q1' → '2024Q4'. */
export function previousPeriod(key: string): string {
  const [year, quarter] = periodParts(key);
  return quarter === 1 ? periodKey(year - 1, 4) : periodKey(year, quarter - 1);
}

/** Every quarter from `fromKey` to `toKey`, both included, in order; empty when `toKey` comes before `fromKey`. */
export function periodsBetween(fromKey: string, toKey: string): string[] {
  const [fromYear, fromQuarter] = periodParts(fromKey);
  const [toYear, toQuarter] = periodParts(toKey);
  const periods: string[] = [];
  for (let index = fromYear * 4 + fromQuarter - 1; index <= toYear * 4 + toQuarter - 1; index++) {
    periods.push(periodKey(Math.floor(index / 4), (index % 4) + 1));
  }
  return periods;
}
