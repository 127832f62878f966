// Reading area indicators from CSV: exact percentages, every problem with its line, nothing half-read.
import fc from 'fast-check';
import { parseIndicatorCsv, percentToPpm } from '../../src/domain/indicator-csv';

const AREA = '7d0c3f4e-2b1a-4c5d-8e9f-0a1b2c3d4e5f';
const HEADER =
  'area_id;year;residents;outside_work_or_education_pct;conviction_pct;national_conviction_pct;' +
  'basic_schooling_only_pct;income_of_region_pct;non_western_pct;open_municipal_case_pct';

describe('percentToPpm', () => {
  test('exact to four decimals, with a point or (semicolon files) a comma', () => {
    expect(percentToPpm('40.0001', 100, true)).toBe(400_001);
    expect(percentToPpm('40,0001', 100, true)).toBe(400_001);
    expect(percentToPpm('40', 100, false)).toBe(400_000);
    expect(percentToPpm('0.5', 100, false)).toBe(5_000);
    expect(percentToPpm('100', 100, false)).toBe(1_000_000);
  });

  test('refuses what it cannot read exactly, or what is out of range', () => {
    expect(percentToPpm('40,0001', 100, false)).toMatch(/not a percentage/);
    expect(percentToPpm('40.00001', 100, true)).toMatch(/not a percentage/);
    expect(percentToPpm('-1', 100, true)).toMatch(/not a percentage/);
    expect(percentToPpm('1e2', 100, true)).toMatch(/not a percentage/);
    expect(percentToPpm('100.0001', 100, true)).toMatch(/more than 100 %/);
  });

  test('every percentage with four decimals comes back as the same number of ppm', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (ppm) => {
        const text = `${Math.floor(ppm / 10_000)}.${String(ppm % 10_000).padStart(4, '0')}`;
        return percentToPpm(text, 100, false) === ppm;
      }),
    );
  });
});

describe('parseIndicatorCsv', () => {
  test('a good file: one row per line, shares in ppm, an empty open-case share is null', () => {
    const parsed = parseIndicatorCsv(
      `\uFEFF${HEADER}\r\n${AREA.toUpperCase()};2025;1000;40,0001;2,1;0,7;60;55;50;\r\n`,
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toEqual([
      {
        areaId: AREA,
        year: 2025,
        residents: 1000,
        outsideWorkOrEducationPpm: 400_001,
        convictionPpm: 21_000,
        nationalConvictionPpm: 7_000,
        basicSchoolingOnlyPpm: 600_000,
        incomeOfRegionPpm: 550_000,
        nonWesternPpm: 500_000,
        openMunicipalCasePpm: null,
      },
    ]);
  });

  test('columns may come in any order, comma-separated with decimal points', () => {
    const header = HEADER.split(';').reverse().join(',');
    const values = [AREA, '2025', '1000', '40.5', '2', '0.7', '60', '55', '50', '12'].reverse().join(',');
    const parsed = parseIndicatorCsv(`${header}\n${values}\n`);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows[0]?.outsideWorkOrEducationPpm).toBe(405_000);
    expect(parsed.rows[0]?.openMunicipalCasePpm).toBe(120_000);
  });

  test('every problem is reported with its line and column, and then no rows are returned', () => {
    const parsed = parseIndicatorCsv(
      [
        HEADER,
        `${AREA};2025;1000;40;2;0,7;60;55;50;10`,
        `not-an-id;1999;-1;140;x;0;60;55;50;10`,
        `${AREA};2025;1000;40;2;0,7;60;55;50;10`,
        `${AREA};2024;1000;40;2`,
      ].join('\n'),
    );
    expect(parsed.rows.length).toBeLessThan(2);
    expect(parsed.problems).toEqual([
      { line: 3, column: 'area_id', reason: '"not-an-id" is not an area id' },
      { line: 3, column: 'year', reason: '1999 is outside 2010-2100' },
      { line: 3, column: 'residents', reason: '"-1" is not a whole number' },
      { line: 3, column: 'outside_work_or_education_pct', reason: '140 is more than 100 %' },
      { line: 3, column: 'conviction_pct', reason: '"x" is not a percentage with at most four decimals' },
      { line: 3, column: 'national_conviction_pct', reason: 'the national average cannot be 0' },
      { line: 4, column: 'year', reason: `area ${AREA} and 2025 are on line 2 already` },
      { line: 5, reason: '5 fields; the header has 10' },
    ]);
  });

  test('a header that lacks a column or names an unknown one is refused as a whole', () => {
    expect(parseIndicatorCsv('area_id;year;residents\n').problems[0]).toEqual(
      expect.objectContaining({
        line: 1,
        reason: expect.stringMatching(/^the header lacks outside_work_or_education_pct/),
      }),
    );
    expect(parseIndicatorCsv(`${HEADER};cpr\n`).problems).toEqual([{ line: 1, reason: 'unknown columns: cpr' }]);
    expect(parseIndicatorCsv('').problems).toEqual([{ line: 1, reason: 'the file is empty' }]);
    expect(parseIndicatorCsv(`${HEADER}\n`).problems).toEqual([
      { line: 2, reason: 'the file has a header but no rows' },
    ]);
  });

  test('a file that is not CSV, or has more rows than allowed, is refused with a reason', () => {
    expect(parseIndicatorCsv(`${HEADER}\n"${AREA};2025`).problems[0]?.reason).toMatch(/^not readable as CSV/);
    const rows = Array.from({ length: 3 }, (_, i) => `${AREA};${2020 + i};1000;40;2;0,7;60;55;50;10`);
    expect(parseIndicatorCsv([HEADER, ...rows].join('\n'), 2).problems).toEqual([
      { line: 1, reason: '3 rows; at most 2 here' },
    ]);
  });
});
