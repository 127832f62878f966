// Housing reserves the vacancy but its answer never reaches households: the offer stays RESERVING, and the
// queued job asks again with the same idempotency key, gets the same reservation, and completes the offer.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type TestPlatform } from '@second-chance/testing';
import { MAKE_OFFER, as, caseState, homesIn, people, searchingCase, startGraph, vacancyStatus } from './platform';

/** Forwards every call to housing; the answer to the next reservation is lost (the connection drops). */
function lossyProxy() {
  let target = '';
  let loseNextReservation = false;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const lose = loseNextReservation && body.toString().includes('reserveVacancy');
      if (lose) loseNextReservation = false;
      const forward = httpRequest(target, { method: req.method, headers: req.headers }, (answer) => {
        if (lose) {
          answer.resume();
          answer.on('end', () => res.destroy());
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.end(body);
    });
  });
  return {
    server,
    setTarget: (url: string) => (target = url),
    loseNextReservation: () => (loseNextReservation = true),
  };
}

let platform: TestPlatform;
const proxy = lossyProxy();

beforeAll(async () => {
  await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
  const port = (proxy.server.address() as AddressInfo).port;
  platform = await startGraph(
    {},
    {
      interceptLink: (_from, _to, url) => {
        proxy.setTarget(url);
        return `http://127.0.0.1:${port}/graphql`;
      },
    },
  );
});
afterAll(async () => {
  await platform.close();
  await new Promise((resolve) => proxy.server.close(resolve));
});

test('a reservation made but not confirmed is completed by the queue, never duplicated or left behind', async () => {
  const { caseId } = await searchingCase(platform);
  const home = await homesIn(platform, '461');
  const vacancyId = home.vacancies[0]!.id;
  proxy.loseNextReservation();
  const caseworker = as(platform, people.caseworker101);
  const { makeOffer } = await caseworker.ok<{ makeOffer: { id: string; status: string } }>(MAKE_OFFER, {
    input: { caseId, vacancyId },
  });
  // Housing holds the vacancy; households does not know it yet.
  expect(makeOffer.status).toBe('RESERVING');
  expect(await vacancyStatus(platform, vacancyId)).toBe('RESERVED');
  expect(await caseState(platform, caseId)).toBe('SEARCHING');

  // The confirmation job's time comes.
  const households = platform.subgraph('households');
  await households.owner.query(`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE task_id IN
    (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'confirm_reservation')`);
  await households.runJobs();

  const [offer] = await households.dataSource.query<{ status: string; reservation_id: string }[]>(
    'SELECT status, reservation_id FROM offer WHERE id = $1',
    [makeOffer.id],
  );
  const reservations = await platform
    .subgraph('housing')
    .dataSource.query<{ id: string }[]>('SELECT id FROM reservation WHERE vacancy_id = $1', [vacancyId]);
  expect(reservations).toHaveLength(1);
  expect(offer).toEqual({ status: 'PENDING', reservation_id: reservations[0]!.id });
  expect(await caseState(platform, caseId)).toBe('OFFERED');
});
