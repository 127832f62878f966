// The in-movement balance flag, compared exactly, and silent about fewer than 5 households.
import { balance, raises } from '../../src/domain/balance';
import { addQuarters, firstDay, lastDay, parseQuarter, periodOf, quarterOf } from '../../src/domain/periods';

const AREA = { year: 2025, outsideWorkOrEducationPpm: 400_000, openMunicipalCasePpm: 200_000 };
const sums = (households: number, workingAge: number, outside: number, members = 10, openCase = 2) => ({
  households,
  members,
  adultsOfWorkingAge: workingAge,
  adultsOutsideLabourMarket: outside,
  membersWithOpenCase: openCase,
});

test('in-movement raises a share only when the in-movers’ share is above the area’s, exactly', () => {
  // 2 of 5 = 40 %: the same as the area, not above it. 4 of 9 = 44.4 %: above. 0.400001 needs ppm exactness.
  expect(raises(2, 5, 400_000)).toBe(false);
  expect(raises(4, 9, 400_000)).toBe(true);
  expect(raises(400_001, 1_000_000, 400_000)).toBe(true);
  expect(raises(2, 5, 400_001)).toBe(false);
  expect(raises(1, 0, 400_000)).toBeNull();
  expect(raises(1, 2, null)).toBeNull();
});

test('five households are shown and flagged; four are suppressed, shares and flag included', () => {
  expect(balance(sums(5, 8, 4), AREA)).toEqual({
    households: 5,
    suppressed: false,
    inMoversOutsideWorkOrEducationPct: 50,
    areaOutsideWorkOrEducationPct: 40,
    inMoversWithOpenCasePct: 20,
    areaOpenCasePct: 20,
    areaFiguresYear: 2025,
    raisesOutsideWorkOrEducation: true,
    raisesOpenCase: false,
    flagged: true,
  });
  const small = balance(sums(4, 8, 8), AREA);
  expect(small).toEqual(
    expect.objectContaining({
      households: null,
      suppressed: true,
      inMoversOutsideWorkOrEducationPct: null,
      raisesOutsideWorkOrEducation: null,
      flagged: false,
    }),
  );
});

test('an area without figures: nothing to compare, nothing flagged', () => {
  expect(balance(sums(6, 8, 8), null)).toEqual(
    expect.objectContaining({ raisesOutsideWorkOrEducation: null, raisesOpenCase: null, flagged: false }),
  );
});

test('quarters', () => {
  expect(parseQuarter('2026-Q3')).toEqual({ year: 2026, quarter: 3 });
  expect(parseQuarter('2026-Q5')).toBeNull();
  expect(parseQuarter('26-Q1')).toBeNull();
  expect([firstDay({ year: 2026, quarter: 1 }), lastDay({ year: 2026, quarter: 1 })]).toEqual([
    '2026-01-01',
    '2026-03-31',
  ]);
  expect(lastDay({ year: 2026, quarter: 4 })).toBe('2026-12-31');
  expect(quarterOf('2026-09-30')).toEqual({ year: 2026, quarter: 3 });
  expect(addQuarters({ year: 2026, quarter: 1 }, -3)).toEqual({ year: 2025, quarter: 2 });
  expect(periodOf('2026-11-21', 'QUARTER')).toBe('2026-Q4');
  expect(periodOf('2026-11-21', 'YEAR')).toBe('2026');
});
