// CPR numbers: the century rules, real dates, formats, masking, and age on a given day.
import { ADULT_AGE, ageOn, centuryOf, formatCpr, isAdultOn, maskCpr, parseCpr } from '../../src/domain/cpr';

const FORMAT_ERROR = 'a CPR number is ten digits, DDMMYY-SSSS';
const DATE_ERROR = 'the CPR number does not hold a real birth date';

describe('parseCpr: the century from the 7th digit', () => {
  test.each([
    // 0–3: always the 1900s.
    ['010100-0123', '1900-01-01'],
    ['010136-1123', '1936-01-01'],
    ['010137-2123', '1937-01-01'],
    ['311299-3123', '1999-12-31'],
    ['010157-3123', '1957-01-01'],
    ['010158-0123', '1958-01-01'],
    // 4 and 9: the 2000s for 00–36, else the 1900s.
    ['010100-4123', '2000-01-01'],
    ['010136-4123', '2036-01-01'],
    ['010137-4123', '1937-01-01'],
    ['311299-4123', '1999-12-31'],
    ['010100-9123', '2000-01-01'],
    ['010136-9123', '2036-01-01'],
    ['010137-9123', '1937-01-01'],
    ['311299-9123', '1999-12-31'],
    // 5–8: the 2000s for 00–57, else the 1800s.
    ['010100-5123', '2000-01-01'],
    ['010157-5123', '2057-01-01'],
    ['010158-5123', '1858-01-01'],
    ['010136-6123', '2036-01-01'],
    ['010137-6123', '2037-01-01'],
    ['010157-7123', '2057-01-01'],
    ['010158-7123', '1858-01-01'],
    ['010157-8123', '2057-01-01'],
    ['010158-8123', '1858-01-01'],
    ['311299-8123', '1899-12-31'],
  ])('%s is born %s', (cpr, birthDate) => {
    expect(parseCpr(cpr)).toEqual({ digits: cpr.replace('-', ''), birthDate });
  });

  test('centuryOf agrees with the table for every 7th digit and the boundary years', () => {
    for (const year of [0, 36, 37, 57, 58, 99]) {
      for (const digit of [0, 1, 2, 3]) expect(centuryOf(digit, year)).toBe(1900);
      for (const digit of [4, 9]) expect(centuryOf(digit, year)).toBe(year <= 36 ? 2000 : 1900);
      for (const digit of [5, 6, 7, 8]) expect(centuryOf(digit, year)).toBe(year <= 57 ? 2000 : 1800);
    }
  });
});

describe('parseCpr: format', () => {
  test('accepts the number with and without the dash, giving the same result', () => {
    const expected = { digits: '0101901234', birthDate: '1990-01-01' };
    expect(parseCpr('010190-1234')).toEqual(expected);
    expect(parseCpr('0101901234')).toEqual(expected);
  });

  test('ignores surrounding whitespace', () => {
    expect(parseCpr('  010190-1234\n')).toEqual({ digits: '0101901234', birthDate: '1990-01-01' });
  });

  test('keeps the serial digits as given (no modulus 11 check)', () => {
    expect(parseCpr('010190-0000')).toEqual({ digits: '0101900000', birthDate: '1990-01-01' });
  });

  test.each([
    [''],
    ['   '],
    ['010190123'],
    ['01019012345'],
    ['010190-123'],
    ['010190-12345'],
    ['0101-901234'],
    ['010190 1234'],
    ['010190--1234'],
    ['01019a-1234'],
    ['010190-123a'],
    ['ABCDEF-GHIJ'],
    ['+010190-1234'],
    ['010190/1234'],
    ['０１０１９０-１２３４'],
  ])('refuses %j as not a CPR number', (text) => {
    expect(parseCpr(text)).toBe(FORMAT_ERROR);
  });
});

describe('parseCpr: the date must exist', () => {
  test.each([
    ['300290-1234', '30 February 1990'],
    ['310490-1234', '31 April 1990'],
    ['320190-1234', '32 January 1990'],
    ['000190-1234', 'day 0'],
    ['010090-1234', 'month 0'],
    ['011390-1234', 'month 13'],
    ['290200-1234', '29 February 1900 (1900 is not a leap year)'],
    ['290201-4123', '29 February 2001'],
    ['290258-5123', '29 February 1858'],
    ['290299-8123', '29 February 1899'],
  ])('refuses %s (%s)', (text) => {
    expect(parseCpr(text)).toBe(DATE_ERROR);
  });

  test.each([
    ['290200-4123', '2000-02-29'],
    ['290296-1234', '1996-02-29'],
    ['290204-5123', '2004-02-29'],
    ['290256-8123', '2056-02-29'],
    ['290260-5123', '1860-02-29'],
    ['310190-1234', '1990-01-31'],
    ['311290-1234', '1990-12-31'],
    ['280290-1234', '1990-02-28'],
  ])('accepts %s, born %s', (text, birthDate) => {
    expect(parseCpr(text)).toEqual({ digits: text.replace('-', ''), birthDate });
  });
});

describe('maskCpr and formatCpr', () => {
  test('maskCpr shows the birth date part and never the serial digits', () => {
    expect(maskCpr('0101901234')).toBe('010190-****');
    expect(maskCpr('0101901234')).not.toContain('1234');
  });

  test('formatCpr puts the dash after the sixth digit', () => {
    expect(formatCpr('0101901234')).toBe('010190-1234');
  });

  test('formatCpr of a parsed number gives back the dashed form', () => {
    const parsed = parseCpr('2902004123');
    if (typeof parsed === 'string') throw new Error(parsed);
    expect(formatCpr(parsed.digits)).toBe('290200-4123');
    expect(maskCpr(parsed.digits)).toBe('290200-****');
  });
});

describe('ageOn and isAdultOn', () => {
  test('the adult age is 18', () => {
    expect(ADULT_AGE).toBe(18);
  });

  test('ageOn counts whole years, turning on the birthday', () => {
    expect(ageOn('1990-06-15', '1990-06-15')).toBe(0);
    expect(ageOn('1990-06-15', '1991-06-14')).toBe(0);
    expect(ageOn('1990-06-15', '1991-06-15')).toBe(1);
    expect(ageOn('1990-06-15', '2026-06-14')).toBe(35);
    expect(ageOn('1990-06-15', '2026-06-15')).toBe(36);
    expect(ageOn('1990-06-15', '2026-12-31')).toBe(36);
    expect(ageOn('1990-12-31', '2026-01-01')).toBe(35);
    expect(ageOn('1990-01-01', '2025-12-31')).toBe(35);
  });

  test('the day before the 18th birthday is a child; the birthday itself is an adult', () => {
    expect(isAdultOn('2008-06-15', '2026-06-14')).toBe(false);
    expect(ageOn('2008-06-15', '2026-06-14')).toBe(17);
    expect(isAdultOn('2008-06-15', '2026-06-15')).toBe(true);
    expect(ageOn('2008-06-15', '2026-06-15')).toBe(18);
    expect(isAdultOn('2008-06-15', '2026-06-16')).toBe(true);
  });

  test('across a year end', () => {
    expect(isAdultOn('2008-01-01', '2025-12-31')).toBe(false);
    expect(isAdultOn('2008-01-01', '2026-01-01')).toBe(true);
    expect(isAdultOn('2007-12-31', '2025-12-30')).toBe(false);
    expect(isAdultOn('2007-12-31', '2025-12-31')).toBe(true);
  });

  test('a 29 February birthday: in a non-leap year the year is complete on 1 March', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(isAdultOn('2008-02-29', '2026-02-28')).toBe(false);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(isAdultOn('2008-02-29', '2026-03-01')).toBe(true);
  });

  test('a 29 February birthday: in a leap year the birthday itself counts', () => {
    expect(ageOn('2000-02-29', '2018-02-28')).toBe(17);
    expect(ageOn('2000-02-29', '2018-03-01')).toBe(18);
    expect(ageOn('2000-02-29', '2020-02-28')).toBe(19);
    expect(ageOn('2000-02-29', '2020-02-29')).toBe(20);
    expect(ageOn('2002-02-28', '2020-02-28')).toBe(18);
    expect(isAdultOn('2002-02-28', '2020-02-27')).toBe(false);
  });

  test('works on a birth date taken from a parsed CPR number', () => {
    const parsed = parseCpr('290200-4123');
    if (typeof parsed === 'string') throw new Error(parsed);
    expect(isAdultOn(parsed.birthDate, '2018-02-28')).toBe(false);
    expect(isAdultOn(parsed.birthDate, '2018-03-01')).toBe(true);
  });
});
