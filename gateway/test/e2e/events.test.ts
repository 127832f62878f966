// Domain events reach their subscribers signed, at least once, in order per case, and wait while a
// subscriber is down.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EVENT_SIGNATURE_HEADER, signEvent } from '@second-chance/households';
import { type TestPlatform } from '@second-chance/testing';
import { as, movedCase, people, startGraph } from './platform';

interface Delivery {
  id: string;
  type: string;
  body: string;
  signature: string;
}

const SECRET = 'finance-subscriber-secret-of-32-characters';
const deliveries: Delivery[] = [];
let failing = false;
let server: Server;
let platform: TestPlatform;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (failing) {
        res.writeHead(503).end();
        return;
      }
      const body = Buffer.concat(chunks).toString();
      const event = JSON.parse(body) as { id: string; type: string };
      deliveries.push({ id: event.id, type: event.type, body, signature: String(req.headers[EVENT_SIGNATURE_HEADER]) });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
  platform = await startGraph({ subscribers: [{ name: 'finance', url, secret: SECRET }] });
});
afterAll(async () => {
  await platform.close();
  await new Promise((resolve) => server.close(resolve));
});

const households = () => platform.subgraph('households');

async function makeRetriesDue() {
  await households().owner.query('UPDATE graphile_worker._private_jobs SET run_at = now() WHERE locked_at IS NULL');
}

test('every step of a case is announced to the subscriber, signed, with no personal data', async () => {
  const { caseId, householdId } = await movedCase(platform);
  await households().runJobs();
  const forCase = deliveries.filter((d) => JSON.parse(d.body).aggregate.id === caseId);
  expect(forCase.map((d) => d.type)).toEqual([
    'relocation-case.nominated',
    'relocation-case.consented',
    'relocation-case.searching',
    'relocation-case.offered',
    'relocation-case.accepted',
    'relocation-case.moved',
  ]);
  expect(JSON.parse(forCase[0]!.body).payload).toMatchObject({ fromState: null, toState: 'NOMINATED' });
  const moved = forCase.filter((d) => d.type === 'relocation-case.moved');
  const delivery = moved[0]!;
  expect(delivery.signature).toBe(signEvent(delivery.body, SECRET));
  const event = JSON.parse(delivery.body) as { version: number; payload: Record<string, unknown> };
  expect(event.version).toBe(1);
  expect(event.payload).toMatchObject({
    caseId,
    fromState: 'ACCEPTED',
    toState: 'MOVED',
    sendingMunicipalityCode: '101',
  });
  expect(delivery.body).not.toContain(householdId);
  expect(delivery.body).not.toMatch(/Test Voksen|Test Barn|1980-05-05/);
});

test('while the subscriber is down, events wait in the outbox; all arrive when it returns', async () => {
  failing = true;
  const { caseId } = await movedCase(platform);
  await as(platform, people.caseworker101).ok(`mutation ($id: ID!) { startFollowUp(caseId: $id) { state } }`, {
    id: caseId,
  });
  await households().runJobs();
  const forCase = () =>
    deliveries.filter((d) => JSON.parse(d.body).aggregate.id === caseId && /moved|follow-up/.test(d.type));
  expect(forCase()).toEqual([]);
  const [waiting] = await households().owner.query<{ count: number; attempts: number }[]>(
    `SELECT count(*)::int AS count, min(attempts)::int AS attempts FROM graphile_worker._private_jobs j
       JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE t.identifier = 'deliver_event'`,
  );
  // From the nomination to the follow-up: seven events wait.
  expect(waiting).toEqual({ count: 7, attempts: 1 });

  failing = false;
  await makeRetriesDue();
  await households().runJobs();
  expect(
    forCase()
      .map((d) => d.type)
      .sort(),
  ).toEqual(['relocation-case.follow-up', 'relocation-case.moved']);
  // Each event carries its sequence, so a consumer can tell the order, and its id, to apply it once.
  const sequences = forCase().map((d) => (JSON.parse(d.body) as { sequence: number }).sequence);
  expect(new Set(sequences).size).toBe(2);
});
