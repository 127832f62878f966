// CPR numbers (the Danish civil registration number, DDMMYY-SSSS): the format, the birth date it holds, and
// how it is shown when it is not asked for.

export interface ParsedCpr {
  /** The ten digits, without the dash. */
  digits: string;
  /** The birth date the number holds, YYYY-MM-DD. */
  birthDate: string;
}

/**
 * The century comes from the 7th digit and the two-digit year, as the CPR office defines it:
 * 0–3: 1900s; 4 and 9: 2000s for years 00–36, else 1900s; 5–8: 2000s for 00–57, else 1800s.
 */
export function centuryOf(seventhDigit: number, year: number): number {
  if (seventhDigit <= 3) return 1900;
  if (seventhDigit === 4 || seventhDigit === 9) return year <= 36 ? 2000 : 1900;
  return year <= 57 ? 2000 : 1800;
}

/** The parsed number, or why it is not a CPR number. Modulus 11 is not checked: numbers since 2007 need not pass it. */
export function parseCpr(text: string): ParsedCpr | string {
  const match = /^(\d{2})(\d{2})(\d{2})-?(\d)(\d{3})$/.exec(text.trim());
  if (!match) return 'a CPR number is ten digits, DDMMYY-SSSS';
  const [day, month, year, seventh] = match.slice(1, 5).map(Number) as [number, number, number, number];
  const fullYear = centuryOf(seventh, year) + year;
  const date = new Date(Date.UTC(fullYear, month - 1, day));
  if (date.getUTCFullYear() !== fullYear || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return 'the CPR number does not hold a real birth date';
  }
  return {
    digits: `${match[1]}${match[2]}${match[3]}${match[4]}${match[5]}`,
    birthDate: date.toISOString().slice(0, 10),
  };
}

/** Shown when not revealed: the birth date part, never the serial digits (`010190-****`). */
export function maskCpr(digits: string): string {
  return `${digits.slice(0, 6)}-****`;
}

export function formatCpr(digits: string): string {
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

/** Age in whole years on `date`. */
export function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

export const ADULT_AGE = 18;

export function isAdultOn(birthDate: string, date: string): boolean {
  return ageOn(birthDate, date) >= ADULT_AGE;
}
