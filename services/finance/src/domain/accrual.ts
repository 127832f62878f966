// Accrual pro rata by day, exact to the øre and conserving the amount.
//
// An amount that covers a span of days is spread evenly over them. Rather than rounding each part on its own
// (which lets the parts drift away from the whole), the rule works on the cumulative amount: after e days of a
// span of s days, floor(amount × e / s) has accrued. The amount of an interval [a, b) of the span is the
// cumulative amount at b minus the cumulative amount at a. Summed over any partition of the span into
// intervals, these differences telescope to the cumulative amount at the end minus that at the start, which is
// exactly the amount: no øre is lost or created, whatever the windows. Each interval's amount is within one øre
// of its exact share, amount × (b − a) / s.
import { daysBetween } from './dates';

/** An amount spread evenly over the days from `from` up to, but not including, `to`. */
export interface AccrualSegment {
  from: string;
  /** The first day after the segment. */
  to: string;
  amountOre: number;
}

/** The days from `start` up to, but not including, `end`. */
export interface AccrualWindow {
  start: string;
  end: string;
}

/**
 * The cumulative amount accrued after `elapsedDays` of a span of `spanDays`: floor(amount × e / span) with e the
 * elapsed days clamped to 0..span, computed exactly. A negative amount accrues as the mirror image of the
 * positive one, −accruedBy(−amount), so refunds and charges behave alike.
 */
export function accruedBy(amountOre: number, spanDays: number, elapsedDays: number): number {
  if (!Number.isSafeInteger(amountOre)) throw new Error(`an amount must be a whole number of øre, not ${amountOre}`);
  if (!Number.isSafeInteger(spanDays) || spanDays < 1) {
    throw new Error(`a span must be a whole number of days, at least 1, not ${spanDays}`);
  }
  if (!Number.isSafeInteger(elapsedDays)) {
    throw new Error(`elapsed time must be a whole number of days, not ${elapsedDays}`);
  }
  // 0 − x, not −x, so that a zero result stays 0 and never becomes −0.
  if (amountOre < 0) return 0 - accruedBy(0 - amountOre, spanDays, elapsedDays);
  const elapsed = Math.min(Math.max(elapsedDays, 0), spanDays);
  return Number((BigInt(amountOre) * BigInt(elapsed)) / BigInt(spanDays));
}

function spanOf(segment: AccrualSegment): number {
  const span = daysBetween(segment.from, segment.to);
  if (span < 1) throw new Error(`a segment must cover at least one day: ${segment.from} to ${segment.to}`);
  return span;
}

/**
 * The part of the segment's amount that falls in the window: the cumulative amount at the window's end minus
 * that at its start, by the rule above. Days of the window outside the segment accrue nothing, so windows that
 * partition the segment (or cover it) share out exactly its amount.
 */
export function accrueInWindow(segment: AccrualSegment, window: AccrualWindow): number {
  const span = spanOf(segment);
  const length = daysBetween(window.start, window.end);
  if (length < 0) throw new Error(`a window cannot end before it starts: ${window.start} to ${window.end}`);
  const atStart = accruedBy(segment.amountOre, span, daysBetween(segment.from, window.start));
  const atEnd = accruedBy(segment.amountOre, span, daysBetween(segment.from, window.end));
  return atEnd - atStart;
}

/**
 * The cumulative amount accrued over all segments on the days before `date` (the day itself not included).
 * For consecutive windows, the window's accrual equals accruedUntil(its end) − accruedUntil(its start).
 */
export function accruedUntil(segments: Iterable<AccrualSegment>, date: string): number {
  let total = 0n;
  for (const segment of segments) {
    total += BigInt(accruedBy(segment.amountOre, spanOf(segment), daysBetween(segment.from, date)));
  }
  const result = Number(total);
  if (!Number.isSafeInteger(result)) throw new Error('the accrued total is too large to count in whole øre');
  return result;
}
