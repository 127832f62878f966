// The whole graph for end-to-end tests: housing and households behind the gateway, the housing stock
// written straight to housing's database, and the people who act.
import { createHouseholdsSubgraph, generateKeys, type HouseholdsConfig } from '@second-chance/households';
import { housingSubgraph } from '@second-chance/housing';
import {
  type GraphQLResult,
  type TestPlatform,
  expectNoErrors,
  identity,
  startTestPlatform,
} from '@second-chance/testing';
import { estate, people as housingPeople } from '../../../services/housing/test/fixtures';

export async function startGraph(config: Partial<HouseholdsConfig> = {}): Promise<TestPlatform> {
  return startTestPlatform([
    housingSubgraph,
    createHouseholdsSubgraph({ keys: generateKeys(), offerResponseDays: 5, subscribers: [], ...config }),
  ]);
}

export const people = {
  ...housingPeople,
  caseworker461: identity('caseworker', 'MUNICIPALITY:461', 'caseworker-461'),
};

/** A home in another municipality, offered to the platform: an area, a department, units, open vacancies. */
export function homesIn(platform: TestPlatform, municipalityCode: string, unitCount = 1) {
  return estate(platform.subgraph('housing').dataSource, { municipalityCode, unitCount, channel: 'PLATFORM' });
}

/** Sends a GraphQL operation as `who` through the gateway and returns its data, failing on any error. */
export function as(platform: TestPlatform, who: Parameters<TestPlatform['token']>[0]) {
  const call = async <D = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) =>
    platform.query<D>(await platform.token(who), query, variables);
  return {
    call,
    ok: async <D = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<D> =>
      expectNoErrors<D>(await call<D>(query, variables)),
  };
}

export type Result<D = Record<string, unknown>> = GraphQLResult<D>;

/** Valid CPR numbers with their birth dates (synthetic: the serial digits are made up). */
export const CPR = {
  mother: { cpr: '120388-1234', birthDate: '1988-03-12' },
  father: { cpr: '030785-4321', birthDate: '1985-07-03' },
  child: { cpr: '150915-4012', birthDate: '2015-09-15' },
};

export const REGISTER = `mutation ($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id size adults children } }`;
