// Small-cell suppression: no output of the evaluation may let a reader single out a family.
//
// A count of 1 to 4 families is suppressed wherever it appears: in a table, in a group summary, in a sentence.
// Zero is shown: a count of no families points at no one, and hiding it would only make empty groups look
// secret. A share (e.g. 3 of 12 moved) is suppressed as a whole, numerator, denominator and percent together,
// when any of these holds:
//
//   1. the denominator is below 5 (the group itself is a small cell);
//   2. the numerator is from 1 to 4 (the families with the attribute are a small cell);
//   3. denominator − numerator is from 1 to 4 (the families without it are a small cell, and would be
//      recovered by subtracting the numerator from the denominator).
//
// So 0 of 12 and 12 of 12 are shown, 3 of 12 and 9 of 12 are not. The rule protects one output at a time;
// differencing between outputs (a total in one table, a part of it in another) is the caller's concern.

/** Every cell with fewer than 5 families is suppressed in every output. */
export const MINIMUM_CELL = 5;

/** A count of families as it may be published: the count, or nothing when it is a small cell. */
export type Cell = { suppressed: false; count: number } | { suppressed: true; count: null };

/** A share of families as it may be published: all three numbers, or none of them. */
export interface Share {
  suppressed: boolean;
  numerator: number | null;
  denominator: number | null;
  /** numerator / denominator × 100, unrounded. */
  percent: number | null;
}

function assertCount(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole, non-negative number of families, not ${value}`);
  }
}

/** Whether a count of families is a small cell (1 to 4). Zero is not: no families cannot identify anyone. */
export function isSmallCount(count: number): boolean {
  assertCount(count, 'the count');
  return count > 0 && count < MINIMUM_CELL;
}

/** A count of families as a cell: suppressed when it is from 1 to 4, shown when it is 0 or at least 5. */
export function cell(count: number): Cell {
  return isSmallCount(count) ? { suppressed: true, count: null } : { suppressed: false, count };
}

/** A cell in words: its count, or 'fewer than 5' when suppressed. */
export function describeCell(value: Cell): string {
  return value.suppressed ? `fewer than ${MINIMUM_CELL}` : String(value.count);
}

/**
 * A share with its numerator and denominator suppressed together: suppressed when the denominator is below 5,
 * or when the numerator or the complement (denominator − numerator) is from 1 to 4, since a small complement is
 * recovered by subtraction. A numerator or complement of 0 is shown (0 % and 100 % of at least 5 families).
 * Throws a RangeError unless 0 ≤ numerator ≤ denominator, both whole.
 */
export function share(numerator: number, denominator: number): Share {
  assertCount(numerator, 'the numerator');
  assertCount(denominator, 'the denominator');
  if (numerator > denominator) {
    throw new RangeError(`the numerator (${numerator}) exceeds the denominator (${denominator})`);
  }
  const suppressed = denominator < MINIMUM_CELL || isSmallCount(numerator) || isSmallCount(denominator - numerator);
  if (suppressed) return { suppressed: true, numerator: null, denominator: null, percent: null };
  return { suppressed: false, numerator, denominator, percent: (numerator / denominator) * 100 };
}
