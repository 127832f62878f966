// Splitting an amount between the payers of an agreement, by basis points.
//
// Each payer holds a share in basis points (1/100 of a per cent); the shares add up to exactly 10,000, the whole.
// Amounts are whole øre, so a split rarely divides exactly. The rule is the largest-remainder rule:
//
//   1. Each payer first gets its exact quota rounded down: floor(total × basis points / 10,000).
//   2. The øre left over (always fewer than the number of payers) are handed out one each.
//   3. The odd øre goes to the payer whose quota lost the most in the rounding down: the largest remainder,
//      (total × basis points) mod 10,000, compared exactly as whole numbers. Between payers with equal
//      remainders, the odd øre goes to the payer listed first in the agreement.
//
// So every payer's part is within one øre of its exact quota, and the parts always add up to the total.
// A negative total (an adjustment that pays money back) is split as the mirror image of the positive one:
// split(−x) = −split(x) for every payer.

/** The whole amount, in basis points. */
export const FULL_SHARE = 10_000;

const FULL_SHARE_BIG = BigInt(FULL_SHARE);

/** One payer's share of an agreement. */
export interface PayerShare {
  payer: string;
  /** The payer's share in basis points (1–10,000). */
  basisPoints: number;
}

/** One payer's part of a split amount. */
export interface PayerAmount {
  payer: string;
  basisPoints: number;
  amountOre: number;
}

/**
 * Why the shares are not a valid agreement; empty when they are. The shares must name at least one payer,
 * each payer once, each with a whole number of basis points from 1 to 10,000, adding up to exactly 10,000.
 */
export function validateShares(shares: readonly PayerShare[]): string[] {
  const problems: string[] = [];
  if (shares.length === 0) problems.push('an agreement needs at least one payer');
  const seen = new Set<string>();
  let sum = 0;
  for (const { payer, basisPoints } of shares) {
    if (seen.has(payer)) problems.push(`the payer '${payer}' is listed more than once`);
    seen.add(payer);
    if (!Number.isInteger(basisPoints) || basisPoints < 1 || basisPoints > FULL_SHARE) {
      problems.push(`the share of '${payer}' must be a whole number of basis points from 1 to ${FULL_SHARE}`);
    } else {
      sum += basisPoints;
    }
  }
  if (shares.length > 0 && problems.length === 0 && sum !== FULL_SHARE) {
    problems.push(`the shares add up to ${sum} basis points, not ${FULL_SHARE}`);
  }
  return problems;
}

function requireValidShares(shares: readonly PayerShare[]): void {
  const problems = validateShares(shares);
  if (problems.length > 0) throw new Error(`invalid shares: ${problems.join('; ')}`);
}

function requireAmount(amountOre: number, what: string): void {
  if (!Number.isSafeInteger(amountOre)) throw new Error(`${what} must be a whole number of øre, not ${amountOre}`);
}

/** The parts of a non-negative total, by the largest-remainder rule. */
function splitNonNegative(total: bigint, shares: readonly PayerShare[]): number[] {
  const floors: bigint[] = [];
  const remainders: bigint[] = [];
  let leftOver = total;
  for (const { basisPoints } of shares) {
    const product = total * BigInt(basisPoints);
    const floor = product / FULL_SHARE_BIG;
    floors.push(floor);
    remainders.push(product % FULL_SHARE_BIG);
    leftOver -= floor;
  }
  // Largest remainder first; equal remainders in the order of the agreement.
  const order = shares.map((_, index) => index);
  order.sort((a, b) => {
    const ra = remainders[a]!;
    const rb = remainders[b]!;
    if (ra !== rb) return ra > rb ? -1 : 1;
    return a - b;
  });
  for (let k = 0; k < Number(leftOver); k++) {
    const index = order[k]!;
    floors[index] = floors[index]! + 1n;
  }
  return floors.map(Number);
}

/**
 * `totalOre` split between the payers by the largest-remainder rule above, in the order of `shares`.
 * The total must be a whole number of øre (negative totals split as the mirror image of positive ones) and the
 * shares must be valid (see `validateShares`); otherwise this throws.
 */
export function splitAmount(totalOre: number, shares: readonly PayerShare[]): PayerAmount[] {
  requireAmount(totalOre, 'the total');
  requireValidShares(shares);
  const negative = totalOre < 0;
  const parts = splitNonNegative(BigInt(Math.abs(totalOre)), shares);
  return shares.map(({ payer, basisPoints }, index) => {
    const part = parts[index]!;
    // 0 − part, not −part, so that a zero part stays 0 and never becomes −0.
    return { payer, basisPoints, amountOre: negative ? 0 - part : part };
  });
}

/**
 * What each payer owes when the total paid so far moves from `previousTotal` to `newTotal`: the split of the new
 * total minus the split of the previous one. Settling payments by these differences keeps each payer's running
 * total equal to the split of the running total, so the rounding never drifts; the parts add up to the change.
 */
export function splitDelta(previousTotal: number, newTotal: number, shares: readonly PayerShare[]): PayerAmount[] {
  requireAmount(previousTotal, 'the previous total');
  requireAmount(newTotal, 'the new total');
  if (!Number.isSafeInteger(newTotal - previousTotal)) {
    throw new Error('the change between the totals is too large to count in whole øre');
  }
  const before = splitAmount(previousTotal, shares);
  const after = splitAmount(newTotal, shares);
  return after.map((part, index) => ({ ...part, amountOre: part.amountOre - before[index]!.amountOre }));
}
