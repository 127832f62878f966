// The official yearly status of a housing area, as the ministry publishes it on 1 December.

/**
 * NONE: on no list; PREVENTION_AREA: forebyggelsesområde (§ 61 b); VULNERABLE_AREA: udsat boligområde
 * (§ 61 a stk. 1); PARALLEL_SOCIETY: parallelsamfund (§ 61 a stk. 2); TRANSFORMATION_AREA:
 * omdannelsesområde (§ 61 a stk. 4).
 */
export const AREA_STATUSES = [
  'NONE',
  'PREVENTION_AREA',
  'VULNERABLE_AREA',
  'PARALLEL_SOCIETY',
  'TRANSFORMATION_AREA',
] as const;
export type AreaStatus = (typeof AREA_STATUSES)[number];

/** The lists were first published in this form for 2010; the platform accepts years from then on. */
export const FIRST_LIST_YEAR = 2010;

export function publicationDate(year: number): string {
  return `${year}-12-01`;
}

/** The latest list a date can know: the list of a year applies from its publication on 1 December. */
export function latestListYear(date: string): number {
  const year = Number(date.slice(0, 4));
  return date >= publicationDate(year) ? year : year - 1;
}
