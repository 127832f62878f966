// The take-up funnel: of the households a municipality nominated in a period, how many consented, were offered a
// home, accepted, moved, and still lived in the new home at the 12-month follow-up. One statement for every
// municipality and period; a stage reached implies the stages before it (a case can skip a recorded day only if an
// event was lost, and then it still counts).
import type { DataSource } from 'typeorm';
import { badUserInput } from '@second-chance/service-kit';
import { type Cell, cell, share } from '../domain/disclosure';

export type FunnelPeriod = 'YEAR' | 'QUARTER';

export interface FunnelRow {
  municipalityCode: string;
  period: string;
  nominated: Cell;
  consented: Cell;
  offered: Cell;
  accepted: Cell;
  moved: Cell;
  stillHousedAt12Months: Cell;
  takeUpPct: number | null;
}

export interface FunnelFilter {
  municipalityCodes?: readonly string[] | null;
  period?: FunnelPeriod | null;
  from?: string | null;
  to?: string | null;
}

interface Counts {
  municipality: string;
  period: string;
  nominated: number;
  consented: number;
  offered: number;
  accepted: number;
  moved: number;
  still_housed: number;
}

export async function funnel(db: DataSource, filter: FunnelFilter): Promise<FunnelRow[]> {
  const codes = filter.municipalityCodes ? [...filter.municipalityCodes] : null;
  for (const code of codes ?? []) {
    if (!/^\d{3}$/.test(code)) {
      throw badUserInput(`${code.slice(0, 20)} is not a municipality code`, [
        { path: 'municipalityCodes', message: 'not a municipality code' },
      ]);
    }
  }
  const period = filter.period ?? 'YEAR';
  const label =
    period === 'YEAR'
      ? `extract(year FROM p.nominated_on)::int::text`
      : `extract(year FROM p.nominated_on)::int || '-Q' || extract(quarter FROM p.nominated_on)::int`;
  const rows: Counts[] = await db.query(
    `SELECT p.sending_municipality_code AS municipality, ${label} AS period,
            count(*)::int AS nominated,
            count(*) FILTER (WHERE COALESCE(p.consented_on, p.offered_on, p.accepted_on, p.moved_on) IS NOT NULL)::int
              AS consented,
            count(*) FILTER (WHERE COALESCE(p.offered_on, p.accepted_on, p.moved_on) IS NOT NULL)::int AS offered,
            count(*) FILTER (WHERE COALESCE(p.accepted_on, p.moved_on) IS NOT NULL)::int AS accepted,
            count(*) FILTER (WHERE p.moved_on IS NOT NULL)::int AS moved,
            count(*) FILTER (WHERE p.moved_on IS NOT NULL AND o.still_in_new_home)::int AS still_housed
       FROM participation p
       LEFT JOIN outcome o ON o.household_pseudonym = p.household_pseudonym AND o.point = 'MONTH_12'
      WHERE ($1::text[] IS NULL OR p.sending_municipality_code = ANY($1::text[]))
        AND ($2::date IS NULL OR p.nominated_on >= $2::date)
        AND ($3::date IS NULL OR p.nominated_on <= $3::date)
      GROUP BY 1, 2 ORDER BY 1, 2`,
    [codes, filter.from ?? null, filter.to ?? null],
  );
  return rows.map((row) => {
    const takeUp = share(row.moved, row.nominated);
    return {
      municipalityCode: row.municipality,
      period: row.period,
      nominated: cell(row.nominated),
      consented: cell(row.consented),
      offered: cell(row.offered),
      accepted: cell(row.accepted),
      moved: cell(row.moved),
      stillHousedAt12Months: cell(row.still_housed),
      takeUpPct: takeUp.percent,
    };
  });
}
