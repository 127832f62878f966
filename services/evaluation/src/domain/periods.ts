// Quarters (YYYY-Qn) and the days they span.

export interface Quarter {
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

const QUARTER = /^(\d{4})-Q([1-4])$/;

export function parseQuarter(text: string): Quarter | null {
  const match = QUARTER.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 2000 || year > 2100) return null;
  return { year, quarter: Number(match[2]) as Quarter['quarter'] };
}

export function quarterLabel(q: Quarter): string {
  return `${q.year}-Q${q.quarter}`;
}

export function firstDay(q: Quarter): string {
  return `${q.year}-${String((q.quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
}

export function lastDay(q: Quarter): string {
  const end = { 1: '03-31', 2: '06-30', 3: '09-30', 4: '12-31' }[q.quarter];
  return `${q.year}-${end}`;
}

export function quarterOf(day: string): Quarter {
  return {
    year: Number(day.slice(0, 4)),
    quarter: (Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1) as Quarter['quarter'],
  };
}

/** The quarter `n` quarters after `q` (before, when negative). */
export function addQuarters(q: Quarter, n: number): Quarter {
  const index = q.year * 4 + (q.quarter - 1) + n;
  return { year: Math.floor(index / 4), quarter: ((index % 4) + 1) as Quarter['quarter'] };
}

/** The period a day falls in: `2026` or `2026-Q3`. */
export function periodOf(day: string, period: 'YEAR' | 'QUARTER'): string {
  return period === 'YEAR' ? day.slice(0, 4) : quarterLabel(quarterOf(day));
}
