// The in-movement balance of an area in a quarter: do the households moving in through the platform raise the
// area's share of residents outside work or education, or with an open municipal case? Compared exactly, in
// integers: in-movers' share a/b against the area's ppm p is a·1,000,000 against p·b.
import { MINIMUM_CELL } from './disclosure';
import type { Ppm } from './indicators';

export interface InMovementSums {
  households: number;
  members: number;
  adultsOfWorkingAge: number;
  adultsOutsideLabourMarket: number;
  membersWithOpenCase: number;
}

export interface AreaShares {
  year: number;
  outsideWorkOrEducationPpm: Ppm;
  openMunicipalCasePpm: Ppm | null;
}

export interface Balance {
  households: number | null;
  suppressed: boolean;
  inMoversOutsideWorkOrEducationPct: number | null;
  areaOutsideWorkOrEducationPct: number | null;
  inMoversWithOpenCasePct: number | null;
  areaOpenCasePct: number | null;
  areaFiguresYear: number | null;
  raisesOutsideWorkOrEducation: boolean | null;
  raisesOpenCase: boolean | null;
  flagged: boolean;
}

const pct = (numerator: number, denominator: number) => (denominator ? (numerator / denominator) * 100 : null);

/** Does a share `numerator/denominator` exceed the area's `ppm`? null when there is nothing to compare. */
export function raises(numerator: number, denominator: number, ppm: Ppm | null): boolean | null {
  if (ppm === null || denominator === 0) return null;
  return numerator * 1_000_000 > ppm * denominator;
}

/**
 * Fewer than 5 households is a small cell: nothing about them is shown, not even whether they raise a share.
 */
export function balance(sums: InMovementSums, area: AreaShares | null): Balance {
  if (sums.households < MINIMUM_CELL) {
    return {
      households: null,
      suppressed: true,
      inMoversOutsideWorkOrEducationPct: null,
      areaOutsideWorkOrEducationPct: area ? area.outsideWorkOrEducationPpm / 10_000 : null,
      inMoversWithOpenCasePct: null,
      areaOpenCasePct: area?.openMunicipalCasePpm != null ? area.openMunicipalCasePpm / 10_000 : null,
      areaFiguresYear: area?.year ?? null,
      raisesOutsideWorkOrEducation: null,
      raisesOpenCase: null,
      flagged: false,
    };
  }
  const raisesOutside = raises(
    sums.adultsOutsideLabourMarket,
    sums.adultsOfWorkingAge,
    area?.outsideWorkOrEducationPpm ?? null,
  );
  const raisesCase = raises(sums.membersWithOpenCase, sums.members, area?.openMunicipalCasePpm ?? null);
  return {
    households: sums.households,
    suppressed: false,
    inMoversOutsideWorkOrEducationPct: pct(sums.adultsOutsideLabourMarket, sums.adultsOfWorkingAge),
    areaOutsideWorkOrEducationPct: area ? area.outsideWorkOrEducationPpm / 10_000 : null,
    inMoversWithOpenCasePct: pct(sums.membersWithOpenCase, sums.members),
    areaOpenCasePct: area?.openMunicipalCasePpm != null ? area.openMunicipalCasePpm / 10_000 : null,
    areaFiguresYear: area?.year ?? null,
    raisesOutsideWorkOrEducation: raisesOutside,
    raisesOpenCase: raisesCase,
    flagged: raisesOutside === true || raisesCase === true,
  };
}
