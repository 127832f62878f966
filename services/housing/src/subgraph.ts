// The housing subgraph as the service kit runs it: owned by the housing sector.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gql } from 'graphql-tag';
import type { GraphQLResolverMap, SubgraphModule } from '@second-chance/service-kit';
import { entities } from './entities';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { seedDemo } from './seed/demo';

export const typeDefs = gql(readFileSync(join(__dirname, 'schema.graphql'), 'utf8'));

export const housingSubgraph: SubgraphModule = {
  name: 'housing',
  defaultPort: 4001,
  typeDefs,
  resolvers: resolvers as GraphQLResolverMap<unknown>,
  entities,
  migrations,
  createLoaders,
  // The households service makes and ends offers of vacancies for caseworkers: it may read a vacancy (and a
  // household's home unit) and reserve, release and let a vacancy, each on behalf of the caseworker (or
  // municipality) it acts for, under housing's own rules for that person.
  serviceGrants: {
    households: {
      query: ['vacancy', 'unit', 'vacancies'],
      mutation: ['reserveVacancy', 'releaseReservation', 'letVacancy'],
    },
    evaluation: { query: ['housingAreas'] },
  },
  seedDemo,
};
