import { type TestPlatform, identity, startTestPlatform } from '@second-chance/testing';
import { housingSubgraph } from '../src';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform([housingSubgraph]);
});
afterAll(() => platform.close());

test('smoke', async () => {
  const token = await platform.token(identity('caseworker', 'MUNICIPALITY:101'));
  const result = await platform.query(token, '{ municipalities { code name region } }');
  expect(result.body.data?.municipalities).toHaveLength(98);
});
