// Every script runs on the Node 24 LTS that the workspace installs (the npm package `node`), not on
// whatever Node the machine has: the tests are scripts too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

test('the tests run on the pinned Node 24', () => {
  const pinned = (
    JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    }
  ).devDependencies.node;
  expect(pinned).toMatch(/^24\./);
  expect(process.versions.node).toBe(pinned);
});
