// How many requests one caller may send: per verified identity (organisation and person), and per network
// address for requests that carry no valid token. Counted in this gateway process's memory: with several
// gateway instances behind a load balancer, each counts on its own, so a caller may send up to the limit
// to each instance.
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Identity } from '@second-chance/identity';

export interface RateLimitOptions {
  /**
   * Requests a caller may send in a minute, on average. Counted per second (a sixtieth of it, at least one),
   * so that nobody spends a minute's share in one burst.
   */
  perMinute: number;
  /** Requests beyond a second's share that a caller may send within a minute (a page asking several things at once). */
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { perMinute: 600, burst: 120 };

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Counts one request of `identity`, or, without one, of the network address `address`. */
  take(identity: Identity | undefined, address: string): Promise<RateDecision>;
}

/** The key a verified caller is counted under: one person in one organisation. */
export function identityKey(identity: Identity): string {
  return `${identity.organisation.type}:${identity.organisation.id}/${identity.subject}`;
}

function limiter(options: RateLimitOptions, prefix: string): BurstyRateLimiter {
  return new BurstyRateLimiter(
    new RateLimiterMemory({
      keyPrefix: `${prefix}-second`,
      points: Math.max(1, Math.floor(options.perMinute / 60)),
      duration: 1,
    }),
    new RateLimiterMemory({ keyPrefix: `${prefix}-burst`, points: options.burst, duration: 60 }),
  );
}

export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  if (!Number.isInteger(options.perMinute) || options.perMinute < 1)
    throw new Error('perMinute must be a whole number ≥ 1');
  if (!Number.isInteger(options.burst) || options.burst < 0) throw new Error('burst must be a whole number ≥ 0');
  const byIdentity = limiter(options, 'identity');
  const byAddress = limiter(options, 'address');
  return {
    take: async (identity, address) => {
      try {
        await (identity ? byIdentity.consume(identityKey(identity)) : byAddress.consume(address));
        return { allowed: true };
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
      }
    },
  };
}
