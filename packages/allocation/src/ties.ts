// The round's tie rule, shared by both solvers (flow.ts, solve.ts). Several allocations can be optimal (two
// identical homes, say); the round then proposes one chosen by a reproducible lottery, not by the solver's path:
// among the allocations on the optimal face (costs equal to within TIE_TOLERANCE points per pair), the one placing
// most households, then the one whose pairs' draws sum least. The draw of a pair depends only on the two ids, so
// the same ids and facts give the same proposals whatever the input order.

/** Reduced costs within this many points of 0 are ties. */
export const TIE_TOLERANCE = 1e-6;

/**
 * A number in [0, 1) from the two ids: the tie lottery's draw for the pair (FNV-1a over the ids, then MurmurHash3's
 * finaliser, so that draws of pairs sharing an id are unrelated: without it, swapping two households between two
 * homes nearly keeps the sum of the draws, and the lottery could not tell the two allocations apart).
 */
export function tieHash(seekerId: string, vacancyId: string): number {
  let hash = 0x811c9dc5;
  const text = `${seekerId}\u0000${vacancyId}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 0x1_0000_0000;
}
