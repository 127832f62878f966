// The finance subgraph as the service kit runs it: run by the municipalities, holding agreements, grants,
// compensation and the settlement ledger. No personal data: cases appear by id, households by pseudonym.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gql } from 'graphql-tag';
import type { GraphQLResolverMap, SubgraphModule } from '@second-chance/service-kit';
import { entities } from './entities';
import { eventInbox } from './events/inbox';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { seedDemo } from './seed/demo';

export const typeDefs = gql(readFileSync(join(__dirname, 'schema.graphql'), 'utf8'));

export interface FinanceConfig {
  /** Secrets the households service signs its events with, current first (two during a rotation). */
  eventSecrets: readonly string[];
}

export function createFinanceSubgraph(config: FinanceConfig): SubgraphModule {
  return {
    name: 'finance',
    defaultPort: 4003,
    typeDefs,
    resolvers: resolvers as GraphQLResolverMap<unknown>,
    entities,
    migrations,
    createLoaders,
    routes: (app, { db, log }) => eventInbox(app, db, log, config.eventSecrets),
    seedDemo,
  };
}
