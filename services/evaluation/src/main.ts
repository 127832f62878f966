// The evaluation service process: the secrets its event senders sign with, then the service kit. The evaluators
// run it: its own database (DATABASE_URL), its own secrets, composed into the one graph by URL.
// First: when traces are configured, their instrumentations must be in place before anything else loads.
import '@second-chance/service-kit/src/instrument';
import { z } from 'zod';
import { dataDirectory } from '@second-chance/db';
import { loadOrCreateDevSecrets } from '@second-chance/identity';
import { isProduction, listOf, readEnv, runSubgraph } from '@second-chance/service-kit';
import { createEvaluationSubgraph } from './subgraph';

const envSchema = z.object({
  /** Secrets the households service signs events to this service with, comma-separated, current first. */
  EVENT_SECRETS: listOf.optional(),
});

function main(): void {
  const env = readEnv(envSchema);
  const secrets = env.EVENT_SECRETS?.length
    ? env.EVENT_SECRETS
    : isProduction()
      ? undefined
      : [
          loadOrCreateDevSecrets(dataDirectory(), ['event:households:evaluation'])[
            'event:households:evaluation'
          ] as string,
        ];
  if (!secrets) throw new Error('EVENT_SECRETS is required in production');
  void runSubgraph(createEvaluationSubgraph({ eventSecrets: secrets }));
}

main();
