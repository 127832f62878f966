// A proxy in front of the subgraphs that counts what a gateway sends them: requests, entity representations
// (every variable that is a list of objects with a __typename, which is how `_entities` is fed, batched or not),
// the distinct ones among them, and bytes each way. Used by the case-dashboard benchmark in an untimed pass only:
// it sits in no measured path.
import { type IncomingMessage, type Server, createServer } from 'node:http';
import { freePort } from '@second-chance/db';

export interface SubgraphTraffic {
  requests: number;
  representations: number;
  /** Representations that differ from every other one in the same request. */
  distinctRepresentations: number;
  requestBytes: number;
  responseBytes: number;
}

export interface CountingProxy {
  /** Where to reach each subgraph through the proxy. */
  urls: Record<string, string>;
  /** What was sent to each subgraph since the last reset. */
  traffic(): Record<string, SubgraphTraffic>;
  reset(): void;
  close(): Promise<void>;
}

const empty = (): SubgraphTraffic => ({
  requests: 0,
  representations: 0,
  distinctRepresentations: 0,
  requestBytes: 0,
  responseBytes: 0,
});

/** The representations a request's variables carry. */
export function representationsOf(variables: unknown): unknown[] {
  if (typeof variables !== 'object' || variables === null) return [];
  return Object.values(variables).flatMap((value) =>
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((item) => typeof item === 'object' && item !== null && '__typename' in item)
      ? (value as unknown[])
      : [],
  );
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Starts one listener per subgraph, each forwarding to the subgraph's own URL. */
export async function startCountingProxy(targets: Readonly<Record<string, string>>): Promise<CountingProxy> {
  const counts = new Map<string, SubgraphTraffic>();
  const servers: Server[] = [];
  const urls: Record<string, string> = {};
  for (const [name, target] of Object.entries(targets)) {
    counts.set(name, empty());
    const server = createServer((req, res) => {
      void (async () => {
        const body = await readBody(req);
        const traffic = counts.get(name) ?? empty();
        traffic.requests += 1;
        traffic.requestBytes += body.length;
        try {
          const parsed = JSON.parse(body.toString('utf8')) as { variables?: unknown } | { variables?: unknown }[];
          for (const operation of Array.isArray(parsed) ? parsed : [parsed]) {
            const representations = representationsOf(operation.variables);
            traffic.representations += representations.length;
            traffic.distinctRepresentations += new Set(representations.map((r) => JSON.stringify(r))).size;
          }
        } catch {
          // not JSON: forwarded as it is
        }
        const headers: Record<string, string> = {};
        for (const [key, value] of Object.entries(req.headers)) {
          if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(key))
            headers[key] = value;
        }
        const response = await fetch(target, { method: req.method ?? 'POST', headers, body: new Uint8Array(body) });
        const answer = Buffer.from(await response.arrayBuffer());
        traffic.responseBytes += answer.length;
        res.writeHead(response.status, {
          'content-type': response.headers.get('content-type') ?? 'application/json',
          'content-length': answer.length,
        });
        res.end(answer);
      })().catch((error: unknown) => {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ errors: [{ message: `proxy: ${error instanceof Error ? error.message : String(error)}` }] }),
        );
      });
    });
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    servers.push(server);
    urls[name] = `http://127.0.0.1:${port}${new URL(target).pathname}`;
  }
  return {
    urls,
    traffic: () => Object.fromEntries([...counts].map(([name, traffic]) => [name, { ...traffic }])),
    reset: () => {
      for (const name of counts.keys()) counts.set(name, empty());
    },
    close: async () => {
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}
