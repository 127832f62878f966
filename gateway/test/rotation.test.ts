// Rotating the secret the gateway signs its assertions to a subgraph with, without a moment in which requests
// fail: the subgraph first accepts the new secret beside the old, the gateways switch from old to new while
// requests keep coming, then the subgraph drops the old one, after which nothing signed with it is accepted.
import request from 'supertest';
import { housingSubgraph } from '@second-chance/housing';
import { GATEWAY_ASSERTION_HEADER, generateGatewaySecret, signGatewayAssertion } from '@second-chance/identity';
import {
  type GraphQLResult,
  type TestGateway,
  type TestPlatform,
  expectError,
  expectNoErrors,
  identity,
  startTestPlatform,
} from '@second-chance/testing';

const caseworker = identity('caseworker', 'MUNICIPALITY:101', 'caseworker-101');
const QUERY = '{ municipality(code: "101") { code } }';

let platform: TestPlatform;
let token: string;

beforeAll(async () => {
  platform = await startTestPlatform([housingSubgraph]);
  token = await platform.token(caseworker);
});
afterAll(() => platform.close());

/** Sends the operation straight to the housing subgraph with an assertion signed with `secret`. */
async function direct(secret: string): Promise<number> {
  const response = await request(platform.subgraph('housing').server.app)
    .post('/graphql')
    .set(GATEWAY_ASSERTION_HEADER, await signGatewayAssertion(secret, 'housing', caseworker))
    .send({ query: QUERY });
  return response.status;
}

const answered = (result: GraphQLResult) => {
  expect(expectNoErrors(result)).toEqual({ municipality: { code: '101' } });
  return true;
};

test('the gateway switches from the old secret to the new one with every request answered', async () => {
  const oldSecret = platform.subgraph('housing').secret;
  const newSecret = generateGatewaySecret();
  // The running gateway signs with the old secret.
  const oldGateway: Pick<TestGateway, 'query'> = { query: (...args) => platform.query(...args) };
  answered(await oldGateway.query(token, QUERY));
  expect(await direct(newSecret)).toBe(401);

  // 1. The subgraph is deployed accepting the new secret first and the old one beside it.
  await platform.restartSubgraph('housing', { gatewaySecrets: [newSecret, oldSecret] });
  expect([await direct(oldSecret), await direct(newSecret)]).toEqual([200, 200]);
  answered(await oldGateway.query(token, QUERY));

  // 2. The gateway switches: a new instance signs with the new secret and takes the traffic over from the old
  //    one, both answering for a while, as in a rolling deployment. Not one request fails.
  const newGateway = await platform.startGateway({ signingSecrets: { housing: newSecret } });
  const phases = [[oldGateway], [oldGateway, newGateway], [oldGateway, newGateway], [newGateway]];
  const results: GraphQLResult[] = [];
  for (const gateways of phases) {
    for (let round = 0; round < 3; round++) {
      results.push(...(await Promise.all(gateways.flatMap((g) => [g.query(token, QUERY), g.query(token, QUERY)]))));
    }
  }
  expect(results).toHaveLength(36);
  expect(results.every(answered)).toBe(true);

  // 3. The old secret is removed from the subgraph: the new gateway goes on, the old secret is refused.
  await platform.restartSubgraph('housing', { gatewaySecrets: [newSecret] });
  answered(await newGateway.query(token, QUERY));
  expect([await direct(oldSecret), await direct(newSecret)]).toEqual([401, 200]);
  // A gateway left signing with the old secret gets no data; its callers are not told to sign in again (their
  // token is fine), but that the service is unavailable.
  const stale = await oldGateway.query(token, QUERY);
  expect(stale.status).toBe(200);
  expect(stale.body.data).toEqual({ municipality: null });
  expectError(stale, 'SERVICE_UNAVAILABLE', /^the housing service is unavailable$/);
  expect(JSON.stringify(stale.body)).not.toMatch(/UNAUTHENTICATED|secret|assertion/);
});
