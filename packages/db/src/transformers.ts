import type { ValueTransformer } from 'typeorm';

/**
 * PostgreSQL `bigint` arrives as a string; amounts of money in øre and counts fit a JS number exactly up to
 * 2^53, which is far beyond any sum the platform handles, and we refuse anything larger rather than round.
 */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => {
    if (value === null) return null;
    const parsed = Number(value);
    if (!Number.isSafeInteger(parsed)) throw new RangeError(`bigint ${value} is outside the safe integer range`);
    return parsed;
  },
};
