// The in-movement balance: the platform's moves into each area summed per quarter in the database (one
// statement, however many moves), each quarter set against the area's latest figures of that year or before.
import type { DataSource } from 'typeorm';
import { badUserInput } from '@second-chance/service-kit';
import { type Balance, balance } from '../domain/balance';
import { type Quarter, firstDay, lastDay, parseQuarter, quarterLabel, quarterOf, addQuarters } from '../domain/periods';
import { todayInDenmark } from '@second-chance/service-kit';
import { checkIds } from './indicators';

export interface BalanceRow extends Balance {
  areaId: string;
  quarter: string;
}

export interface BalanceFilter {
  fromQuarter: string;
  toQuarter: string;
  areaIds?: readonly string[] | null;
  flaggedOnly?: boolean | null;
}

export function quarters(
  from: string | null | undefined,
  to: string | null | undefined,
): { from: Quarter; to: Quarter } {
  const current = quarterOf(todayInDenmark());
  const end = to ? parseQuarter(to) : current;
  const start = from ? parseQuarter(from) : end ? addQuarters(end, -3) : null;
  if (!start || !end) {
    throw badUserInput('quarters are written YYYY-Qn, e.g. 2026-Q3', [
      { path: !start ? 'fromQuarter' : 'toQuarter', message: 'not a quarter' },
    ]);
  }
  if (quarterLabel(start) > quarterLabel(end)) {
    throw badUserInput('fromQuarter is after toQuarter', [{ path: 'fromQuarter', message: 'after toQuarter' }]);
  }
  if ((end.year - start.year) * 4 + end.quarter - start.quarter > 80) {
    throw badUserInput('at most 20 years of quarters at a time', [{ path: 'toQuarter', message: 'too long' }]);
  }
  return { from: start, to: end };
}

interface Sums {
  area_id: string;
  quarter: string;
  households: number;
  members: number;
  working_age: number;
  outside: number;
  open_case: number;
  figures_year: number | null;
  outside_ppm: number | null;
  open_case_ppm: number | null;
}

export async function balances(db: DataSource, filter: BalanceFilter): Promise<BalanceRow[]> {
  const { from, to } = quarters(filter.fromQuarter, filter.toQuarter);
  const ids = checkIds(filter.areaIds, 'filter.areaIds');
  const rows: Sums[] = await db.query(
    `WITH sums AS (
       SELECT area_id, date_trunc('quarter', moved_on)::date AS starts,
              count(*)::int AS households, sum(members)::int AS members, sum(adults_of_working_age)::int AS working_age,
              sum(adults_outside_labour_market)::int AS outside, sum(members_with_open_case)::int AS open_case
         FROM in_move
        WHERE moved_on BETWEEN $1 AND $2 AND ($3::uuid[] IS NULL OR area_id = ANY($3::uuid[]))
        GROUP BY 1, 2)
     SELECT s.area_id, extract(year FROM s.starts)::int || '-Q' || extract(quarter FROM s.starts)::int AS quarter,
            s.households, s.members, s.working_age, s.outside, s.open_case,
            f.year AS figures_year, f.outside_work_or_education_ppm AS outside_ppm,
            f.open_municipal_case_ppm AS open_case_ppm
       FROM sums s
       LEFT JOIN LATERAL (
         SELECT year, outside_work_or_education_ppm, open_municipal_case_ppm FROM area_indicators i
          WHERE i.area_id = s.area_id AND i.year <= extract(year FROM s.starts)::int
          ORDER BY i.year DESC LIMIT 1) f ON true
      ORDER BY s.area_id, s.starts`,
    [firstDay(from), lastDay(to), ids],
  );
  const result = rows.map((row) => ({
    areaId: row.area_id,
    quarter: row.quarter,
    ...balance(
      {
        households: row.households,
        members: row.members,
        adultsOfWorkingAge: row.working_age,
        adultsOutsideLabourMarket: row.outside,
        membersWithOpenCase: row.open_case,
      },
      row.figures_year === null
        ? null
        : {
            year: row.figures_year,
            outsideWorkOrEducationPpm: row.outside_ppm ?? 0,
            openMunicipalCasePpm: row.open_case_ppm,
          },
    ),
  }));
  return filter.flaggedOnly ? result.filter((r) => r.flagged) : result;
}
