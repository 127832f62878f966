// The evaluation subgraph as the service kit runs it: owned by the evaluators, holding area figures, the law's
// classification, and the pseudonymised follow-up of families. No direct identifiers: households appear only by
// a pseudonym evaluation cannot reverse, cases only by a hash of their id.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import DataLoader from 'dataloader';
import { gql } from 'graphql-tag';
import type { GraphQLResolverMap, SubgraphContext, SubgraphModule } from '@second-chance/service-kit';
import { entities } from './entities';
import { eventInbox } from './events/inbox';
import { officialStatuses } from './housing-client';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { seedDemo } from './seed/demo';

export const typeDefs = gql(readFileSync(join(__dirname, 'schema.graphql'), 'utf8'));

export interface EvaluationConfig {
  /** Secrets the households service signs its events with, current first (two during a rotation). */
  eventSecrets: readonly string[];
}

export function createEvaluationSubgraph(config: EvaluationConfig): SubgraphModule {
  return {
    name: 'evaluation',
    defaultPort: 4004,
    typeDefs,
    resolvers: resolvers as GraphQLResolverMap<unknown>,
    entities,
    migrations,
    createLoaders,
    calls: ['housing'],
    /** The households service reads area figures for its allocation rounds' objective. */
    serviceGrants: { households: { query: ['areaIndicators'] } },
    extendContext: (context: SubgraphContext<unknown>) => ({
      official: new DataLoader(
        async (areaIds: readonly string[]) => {
          const found = await officialStatuses(context.links.housing, context.identity, areaIds, context.log);
          return areaIds.map((id) => (found.size ? (found.get(id) ?? []) : undefined));
        },
        { maxBatchSize: 100 },
      ),
    }),
    routes: (app, { db, log }) => eventInbox(app, db, log, config.eventSecrets),
    seedDemo,
  };
}
