// The floor of the case-dashboard benchmark (`pnpm bench --only dashboard`): a minimal server, in a process of its
// own, that answers the benchmark's three queries by making by hand the subgraph requests their query plans make
// (in the same order: what one plan step needs waits for the step before, the rest goes out together) and merging
// the answers. No parsing, no validation, no planning: what is left is what the subgraphs themselves cost, plus
// what every gateway must do anyway (verify the person's token, sign an assertion per subgraph, move JSON).
// Each entity representation is sent once, however often it occurs in the page. Subgraph calls go over node:http
// with kept-alive connections (our gateway and Hive use fetch).
//
// Environment: PORT, HOST, AUTH_JWKS_FILE, AUTH_ISSUER, AUTH_AUDIENCE, and `<NAME>_SUBGRAPH_URL` and
// `<NAME>_SUBGRAPH_SECRET` for housing, households, finance and evaluation, as for the gateway.
import { readFileSync } from 'node:fs';
import { Agent, type IncomingMessage, type ServerResponse, createServer, request } from 'node:http';
import type { JSONWebKeySet } from 'jose';
import {
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  GATEWAY_ASSERTION_HEADER,
  type Identity,
  TokenError,
  createTokenVerifier,
  reusableGatewayAssertions,
} from '@second-chance/identity';

const SUBGRAPHS = ['housing', 'households', 'finance', 'evaluation'] as const;
type SubgraphName = (typeof SUBGRAPHS)[number];

type Json = Record<string, unknown>;

interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: Json;
}

interface Answer {
  data?: Json | null;
  errors?: GraphQLError[];
}

/** As the gateway names them: `HOUSING_SUBGRAPH_URL`, `HOUSING_SUBGRAPH_SECRET`. */
const subgraphVariable = (name: string, what: 'URL' | 'SECRET') => `${name.toUpperCase()}_SUBGRAPH_${what}`;

/** Kept-alive connections to the subgraphs, as many as the load needs. */
const agent = new Agent({ keepAlive: true });

/**
 * A POST of JSON over node:http (lighter than fetch: the floor should cost as little as it can). A kept-alive
 * connection the subgraph closed just as it was reused is tried once more on a fresh one, as Node advises.
 */
function postJson(url: URL, headers: Record<string, string>, body: string, retried = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const call = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Answer);
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
        response.on('error', reject);
      },
    );
    call.on('error', (error: NodeJS.ErrnoException) => {
      if (!retried && call.reusedSocket && error.code === 'ECONNRESET') {
        postJson(url, headers, body, true).then(resolve, reject);
      } else reject(error);
    });
    call.end(body);
  });
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

/** One request's calls to the subgraphs: each signed for its subgraph, once per request. */
class Calls {
  readonly errors: GraphQLError[] = [];
  private readonly assertions = new Map<SubgraphName, Promise<string>>();

  constructor(
    private readonly targets: Readonly<
      Record<SubgraphName, { url: URL; sign: (identity: Identity) => Promise<string> }>
    >,
    private readonly identity: Identity,
  ) {}

  async call(name: SubgraphName, query: string, variables: Json): Promise<Json | null> {
    const target = this.targets[name];
    let assertion = this.assertions.get(name);
    if (!assertion) {
      assertion = target.sign(this.identity);
      this.assertions.set(name, assertion);
    }
    const answer = await postJson(
      target.url,
      { [GATEWAY_ASSERTION_HEADER]: await assertion },
      JSON.stringify({ query, variables }),
    );
    if (answer.errors)
      this.errors.push(
        ...answer.errors.map((error) => ({ ...error, extensions: { ...error.extensions, service: name } })),
      );
    return answer.data ?? null;
  }

  /** `_entities` for each distinct object of `objects` (by its `id`), merged into every object with that id. */
  async entities(name: SubgraphName, typename: string, selection: string, objects: Json[], variables: Json = {}) {
    const byId = new Map<string, Json[]>();
    for (const object of objects) {
      const id = object.id as string;
      const same = byId.get(id);
      if (same) same.push(object);
      else byId.set(id, [object]);
    }
    if (byId.size === 0) return;
    const declared = Object.keys(variables)
      .map((key) => `, $${key}: ${typeof variables[key] === 'number' ? 'Int!' : 'ID!'}`)
      .join('');
    const data = await this.call(
      name,
      `query ($representations: [_Any!]!${declared}) { _entities(representations: $representations) { ... on ${typename} ${selection} } }`,
      { representations: [...byId.keys()].map((id) => ({ __typename: typename, id })), ...variables },
    );
    const found = (data?._entities ?? []) as (Json | null)[];
    [...byId.values()].forEach((same, i) => {
      const entity = found[i];
      if (entity) for (const object of same) Object.assign(object, entity);
    });
  }
}

const objects = (values: unknown[]): Json[] => values.filter((v): v is Json => typeof v === 'object' && v !== null);

/** The case dashboard: households, then finance, housing (homes, then their areas' figures) and housing (offers). */
async function caseDashboard(calls: Calls, variables: Json): Promise<Json | null> {
  const data = await calls.call(
    'households',
    `query ($first: Int!) { relocationCases(first: $first, filter: { role: SENDING }) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { id state sendingMunicipalityCode receivingMunicipalityCode moveDate createdAt
        household { id size adults children needs { minRooms stepFreeAccess maxMonthlyRentOre } home { id } }
        offers { id status responseDeadline vacancy { id } } } } }`,
    { first: variables.first },
  );
  const cases = objects(((data?.relocationCases as Json | undefined)?.nodes as unknown[]) ?? []);
  const homes = objects(cases.map((c) => (c.household as Json | null)?.home));
  const vacancies = objects(cases.flatMap((c) => ((c.offers as Json[] | null) ?? []).map((o) => o.vacancy)));
  await Promise.all([
    calls.entities(
      'finance',
      'RelocationCase',
      '{ grant { id status requestedOre approvedOre paidOre } compensation { id status yearlyOre } }',
      cases,
    ),
    (async () => {
      await calls.entities(
        'housing',
        'Unit',
        '{ rooms monthlyRentOre address { text } department { area { id name officialStatus { year status } } } }',
        homes,
      );
      const areas = objects(homes.map((home) => (home.department as Json | undefined)?.area));
      await calls.entities(
        'evaluation',
        'HousingArea',
        '{ indicators(fromYear: $year, toYear: $year) { year residents outsideWorkOrEducationPct incomeOfRegionPct } }',
        areas,
        { year: variables.year },
      );
    })(),
    calls.entities(
      'housing',
      'Vacancy',
      '{ status availableFrom unit { id rooms monthlyRentOre address { text } department { area { id name officialStatus { status } } } } }',
      vacancies,
    ),
  ]);
  return data;
}

/** The vacancy board: housing, then households (offers) and evaluation (area figures) together. */
async function vacancyBoard(calls: Calls, variables: Json): Promise<Json | null> {
  const data = await calls.call(
    'housing',
    `query ($organisationId: ID!, $first: Int!) {
      vacancies(filter: { organisationId: $organisationId, statuses: [OPEN, RESERVED] }, first: $first) {
        totalCount pageInfo { hasNextPage endCursor }
        nodes { id status availableFrom channel publishedAt
          unit { id rooms floorAreaM2 monthlyRentOre kind stepFreeAccess elevator address { text }
            department { number name area { id name officialStatus { year status } } } } } } }`,
    { organisationId: variables.organisationId, first: variables.first },
  );
  const vacancies = objects(((data?.vacancies as Json | undefined)?.nodes as unknown[]) ?? []);
  const areas = objects(vacancies.map((v) => ((v.unit as Json | undefined)?.department as Json | undefined)?.area));
  await Promise.all([
    calls.entities(
      'households',
      'Vacancy',
      '{ offers { id status responseDeadline household { size adults children needs { minRooms stepFreeAccess maxMonthlyRentOre } } } }',
      vacancies,
    ),
    calls.entities(
      'evaluation',
      'HousingArea',
      '{ indicators(fromYear: $year, toYear: $year) { year outsideWorkOrEducationPct nonWesternPct } }',
      areas,
      { year: variables.year },
    ),
  ]);
  return data;
}

/** The area trend: housing, then evaluation (ten years of figures). */
async function areaTrend(calls: Calls, variables: Json): Promise<Json | null> {
  const data = await calls.call(
    'housing',
    `query ($first: Int!) { housingAreas(first: $first) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { id name residentCount municipality { code name region } officialStatuses { year status } } } }`,
    { first: variables.first },
  );
  const areas = objects(((data?.housingAreas as Json | undefined)?.nodes as unknown[]) ?? []);
  await calls.entities(
    'evaluation',
    'HousingArea',
    `{ indicators(fromYear: $fromYear, toYear: $toYear) { year residents outsideWorkOrEducationPct convictionPct
      nationalConvictionPct basicSchoolingOnlyPct incomeOfRegionPct nonWesternPct } }`,
    areas,
    { fromYear: variables.fromYear, toYear: variables.toYear },
  );
  return data;
}

const OPERATIONS: Readonly<Record<string, (calls: Calls, variables: Json) => Promise<Json | null>>> = {
  CaseDashboard: caseDashboard,
  VacancyBoard: vacancyBoard,
  AreaTrend: areaTrend,
};

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function main(): void {
  const targets = Object.fromEntries(
    SUBGRAPHS.map((name) => [
      name,
      {
        url: new URL(required(subgraphVariable(name, 'URL'))),
        // Each person's assertion reused for half its lifetime, as our gateway does.
        sign: reusableGatewayAssertions(required(subgraphVariable(name, 'SECRET')), name),
      },
    ]),
  ) as Record<SubgraphName, { url: URL; sign: (identity: Identity) => Promise<string> }>;
  const verifyToken = createTokenVerifier({
    issuer: process.env.AUTH_ISSUER ?? DEFAULT_ISSUER,
    audience: process.env.AUTH_AUDIENCE ?? DEFAULT_AUDIENCE,
    jwks: JSON.parse(readFileSync(required('AUTH_JWKS_FILE'), 'utf8')) as JSONWebKeySet,
    // As our gateway does (TOKEN_CACHE_SECONDS): a verified token is remembered for up to 60 s.
    cache: { maxTokens: 10_000, maxAgeSeconds: 60 },
  });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' && req.url === '/health/ready') return send(res, 200, { status: 'ready' });
    if (req.method !== 'POST' || req.url !== '/graphql') return send(res, 404, { errors: [{ message: 'not found' }] });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { operationName?: string; variables?: Json };
    const operation = OPERATIONS[body.operationName ?? ''];
    if (!operation) {
      return send(res, 400, {
        errors: [{ message: 'the floor answers CaseDashboard, VacancyBoard and AreaTrend only' }],
      });
    }
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    let identity: Identity;
    try {
      if (!token) throw new TokenError('no token', 'missing');
      identity = await verifyToken(token);
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      return send(res, 401, { errors: [{ message: error.message, extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    const calls = new Calls(targets, identity);
    const data = await operation(calls, body.variables ?? {});
    send(res, 200, calls.errors.length ? { data, errors: calls.errors } : { data });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`floor: ${message}\n`);
      send(res, 500, { errors: [{ message }] });
    });
  });
  const port = Number(process.env.PORT ?? 4200);
  server.listen(port, process.env.HOST ?? '127.0.0.1', () => {
    process.stdout.write(`floor server ready on http://127.0.0.1:${port}/graphql\n`);
  });
  const stop = () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
}

main();
