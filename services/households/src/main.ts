// The households service process: its settings and keys from the environment (development keys from the
// data folder), then the service kit.
// First: when traces are configured, their instrumentations must be in place before anything else loads.
import '@second-chance/service-kit/src/instrument';
import { z } from 'zod';
import { dataDirectory } from '@second-chance/db';
import { isProduction, readEnv, runSubgraph } from '@second-chance/service-kit';
import { DEFAULT_RESPONSE_DAYS, MAX_RESPONSE_DAYS } from './domain/offers';
import { DEFAULT_RETENTION, MAX_RETENTION_DAYS } from './domain/retention';
import { keysFromEnvironment, loadOrCreateDevKeys } from './privacy/keys';
import { createHouseholdsSubgraph } from './subgraph';

const envSchema = z.object({
  OFFER_RESPONSE_DAYS: z.coerce.number().int().min(1).max(MAX_RESPONSE_DAYS).default(DEFAULT_RESPONSE_DAYS),
  /** JSON: [{ "name": "finance", "url": "http://…/events", "secret": "…" }, …] */
  EVENT_SUBSCRIBERS: z
    .string()
    .default('[]')
    .transform((text) => JSON.parse(text) as unknown)
    .pipe(z.array(z.object({ name: z.string().min(1), url: z.url(), secret: z.string().min(32) }))),
  /** Days a household is kept after its last case ended, with no case in progress and no active application. */
  RETENTION_DAYS_AFTER_CLOSE: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_RETENTION_DAYS)
    .default(DEFAULT_RETENTION.daysAfterClose),
  /** Days a household that was never nominated is kept after its registration (and its last application). */
  RETENTION_DAYS_NO_CASE: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_RETENTION_DAYS)
    .default(DEFAULT_RETENTION.daysWithoutCase),
});

function main(): void {
  const env = readEnv(envSchema);
  const keys = keysFromEnvironment(process.env) ?? (isProduction() ? null : loadOrCreateDevKeys(dataDirectory()));
  if (!keys) throw new Error('PERSONAL_DATA_KEYS, CPR_HASH_KEY and PSEUDONYM_KEY are required in production');
  void runSubgraph(
    createHouseholdsSubgraph({
      keys,
      offerResponseDays: env.OFFER_RESPONSE_DAYS,
      subscribers: env.EVENT_SUBSCRIBERS,
      retention: { daysAfterClose: env.RETENTION_DAYS_AFTER_CLOSE, daysWithoutCase: env.RETENTION_DAYS_NO_CASE },
    }),
  );
}

main();
