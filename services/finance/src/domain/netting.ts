// Multilateral netting: many claims between many parties settled by a few transfers.
//
// A party's net position is what it is owed minus what it owes: positive for a creditor, negative for a debtor.
// The positions of a closed settlement add up to zero. Netting replaces the individual claims by transfers from
// debtors to creditors that bring every position to zero, so each party pays or receives exactly its net
// position, with at most n − 1 transfers for n parties whose position is not zero.

export interface NetLine {
  party: string;
  /** Positive: the party is owed this much; negative: it owes this much. */
  amountOre: number;
}

export interface Transfer {
  /** The debtor who pays. */
  from: string;
  /** The creditor who receives. */
  to: string;
  /** Always more than 0. */
  amountOre: number;
}

function requireAmount(amountOre: number, party: string): void {
  if (!Number.isSafeInteger(amountOre)) {
    throw new Error(`the amount for '${party}' must be a whole number of øre, not ${amountOre}`);
  }
}

/** The net position of every party named in the lines (in the order first named), zero positions included. */
export function netPositions(lines: Iterable<NetLine>): Map<string, number> {
  const positions = new Map<string, number>();
  for (const { party, amountOre } of lines) {
    requireAmount(amountOre, party);
    const sum = (positions.get(party) ?? 0) + amountOre;
    if (!Number.isSafeInteger(sum)) throw new Error(`the position of '${party}' is too large to count in whole øre`);
    positions.set(party, sum);
  }
  return positions;
}

interface Balance {
  party: string;
  /** What is still to be paid or received, always more than 0. */
  amount: number;
}

/** Larger amounts first; equal amounts by party key, in ascending code-unit order. */
function compareBalances(a: Balance, b: Balance): number {
  if (a.amount !== b.amount) return b.amount - a.amount;
  if (a.party === b.party) return 0;
  return a.party < b.party ? -1 : 1;
}

/** Puts `balance` back in the list, which is kept in the order of `compareBalances`. */
function insertSorted(list: Balance[], balance: Balance): void {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareBalances(list[middle]!, balance) < 0) low = middle + 1;
    else high = middle;
  }
  list.splice(low, 0, balance);
}

/**
 * Transfers that settle the positions, which must add up to exactly zero (otherwise this throws). Parties with a
 * zero position take no part. The rule is greedy and deterministic: debtors and creditors are each ranked by
 * amount, largest first, equal amounts by party key in ascending order; then, again and again, the largest
 * remaining debtor pays the largest remaining creditor the smaller of the debt and the credit, and the ranks are
 * brought up to date. Each transfer settles at least one of the two parties (the last one settles both), so
 * there are at most n − 1 transfers for n parties with a non-zero position, and each is more than 0. The same
 * positions always give the same transfers in the same order, whatever the order of the map.
 */
export function netTransfers(positions: ReadonlyMap<string, number>): Transfer[] {
  let sum = 0n;
  const debtors: Balance[] = [];
  const creditors: Balance[] = [];
  for (const [party, position] of positions) {
    requireAmount(position, party);
    sum += BigInt(position);
    if (position < 0) debtors.push({ party, amount: 0 - position });
    else if (position > 0) creditors.push({ party, amount: position });
  }
  if (sum !== 0n) throw new Error(`the positions must add up to 0, not ${sum} øre`);
  debtors.sort(compareBalances);
  creditors.sort(compareBalances);

  const transfers: Transfer[] = [];
  for (;;) {
    const debtor = debtors.shift();
    const creditor = creditors.shift();
    if (!debtor || !creditor) break;
    const amount = Math.min(debtor.amount, creditor.amount);
    transfers.push({ from: debtor.party, to: creditor.party, amountOre: amount });
    if (debtor.amount > amount) insertSorted(debtors, { party: debtor.party, amount: debtor.amount - amount });
    if (creditor.amount > amount) insertSorted(creditors, { party: creditor.party, amount: creditor.amount - amount });
  }
  return transfers;
}

/**
 * The positions after the transfers: a payer's position rises by what it pays (a debt is paid off), a receiver's
 * falls by what it receives (a credit is collected). Parties not in `positions` start from 0.
 */
export function applyTransfers(
  positions: ReadonlyMap<string, number>,
  transfers: Iterable<Transfer>,
): Map<string, number> {
  const result = new Map(positions);
  for (const { from, to, amountOre } of transfers) {
    requireAmount(amountOre, from);
    const paid = (result.get(from) ?? 0) + amountOre;
    if (!Number.isSafeInteger(paid)) throw new Error(`the position of '${from}' is too large to count in whole øre`);
    result.set(from, paid);
    const received = (result.get(to) ?? 0) - amountOre;
    if (!Number.isSafeInteger(received)) throw new Error(`the position of '${to}' is too large to count in whole øre`);
    result.set(to, received);
  }
  return result;
}
