// The platform's date scalars. `Date` is a calendar day ('2026-12-01'), kept as that string end to end;
// `DateTime` is an instant with a time zone. Both refuse impossible or absurd values (year 0, 9999).
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  if (year < MIN_YEAR || year > MAX_YEAR) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new GraphQLError(`Date must be a calendar date YYYY-MM-DD between ${MIN_YEAR} and ${MAX_YEAR}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

function parseDateTime(value: unknown): Date {
  // The calendar day is checked on its own: `new Date` would roll 30 February over into March.
  const date =
    typeof value === 'string' && DATE_TIME.test(value) && isCalendarDate(value.slice(0, 10))
      ? new Date(value)
      : undefined;
  const year = date?.getUTCFullYear();
  if (!date || Number.isNaN(date.getTime()) || !year || year < MIN_YEAR || year > MAX_YEAR) {
    throw new GraphQLError('DateTime must be an ISO 8601 instant with a time zone, e.g. 2026-12-01T09:00:00Z', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return date;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD.',
  serialize: (value) => {
    if (value instanceof Date) return todayInDenmark(value);
    return parseDate(value);
  },
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant, ISO 8601 with a time zone.',
  serialize: (value) => (value instanceof Date ? value : parseDateTime(value)).toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** The scalars for a resolver map (named as in the SDL, so the subgraph builder can copy them over). */
export const scalarResolvers = { Date: DateScalar, DateTime: DateTimeScalar };

/** Formats a moment as its Danish date, YYYY-MM-DD. Made once: making one costs some 50 µs, using it about 1 µs. */
const DANISH_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' });

/** Today's date in Denmark (where every date the platform records is a Danish date). */
export function todayInDenmark(now = new Date()): string {
  return DANISH_DATE.format(now);
}

/** A calendar date `days` later (or earlier, when negative). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}
