// The households subgraph as the service kit runs it: owned by municipal social services, the only holder
// of personal data on the platform.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gql } from 'graphql-tag';
import type {
  BackgroundRuntime,
  GraphQLResolverMap,
  SubgraphContext,
  SubgraphModule,
} from '@second-chance/service-kit';
import { entities } from './entities';
import { outboxMetrics } from './jobs/outbox-metrics';
import { householdsBackground } from './jobs/worker';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import { PersonalDataCipher } from './privacy/cipher';
import { HOUSEHOLDS_DATABASE_ROLE } from './privacy/database-role';
import type { PersonalDataKeys } from './privacy/keys';
import { resolvers } from './resolvers';
import { type HouseholdsSettings, createServices } from './services';
import { seedDemo } from './seed/demo';
import { createAuditRecorder } from './store/audit';

export const typeDefs = gql(readFileSync(join(__dirname, 'schema.graphql'), 'utf8'));

export interface HouseholdsConfig extends HouseholdsSettings {
  keys: PersonalDataKeys;
}

export function createHouseholdsSubgraph(config: HouseholdsConfig): SubgraphModule {
  const cipher = new PersonalDataCipher(config.keys);
  return {
    name: 'households',
    defaultPort: 4002,
    typeDefs,
    resolvers: resolvers as GraphQLResolverMap<unknown>,
    entities,
    migrations,
    databaseRole: HOUSEHOLDS_DATABASE_ROLE,
    createLoaders,
    calls: ['housing', 'evaluation'],
    extendContext: (context: SubgraphContext<unknown>) => ({
      services: createServices(cipher, config, context.links),
      audit: createAuditRecorder(context.db, context.identity, context.caller),
    }),
    background: householdsBackground((runtime: BackgroundRuntime) => createServices(cipher, config, runtime.links)),
    seedDemo,
    metrics: outboxMetrics,
  };
}
