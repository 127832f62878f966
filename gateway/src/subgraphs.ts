// The subgraphs that make up the platform's graph: who owns each, where its schema lives, its default port.
import { join } from 'node:path';

/** The composed supergraph, relative to the workspace root: committed, served by the gateway. */
export const SUPERGRAPH_FILE = 'gateway/supergraph.graphql';

export interface SubgraphEntry {
  /** The name in the supergraph (and in the subgraph's gateway secret and URL variables). */
  name: string;
  owner: string;
  defaultPort: number;
  /** The service folder, relative to the workspace root. */
  directory: string;
  /** Services whose API it calls directly (each link has its own secret). */
  calls?: readonly string[];
  /** Services it sends its domain events to (a signed POST to their `/events`, one secret per pair). */
  publishesTo?: readonly string[];
}

export const SUBGRAPHS: readonly SubgraphEntry[] = [
  { name: 'housing', owner: 'the housing sector', defaultPort: 4001, directory: 'services/housing' },
  {
    name: 'households',
    owner: 'municipal social services',
    defaultPort: 4002,
    directory: 'services/households',
    calls: ['housing', 'evaluation'],
    publishesTo: ['finance', 'evaluation'],
  },
  { name: 'finance', owner: 'the municipalities', defaultPort: 4003, directory: 'services/finance' },
  {
    name: 'evaluation',
    owner: 'the evaluators',
    defaultPort: 4004,
    directory: 'services/evaluation',
    calls: ['housing'],
  },
];

export function schemaFile(root: string, subgraph: SubgraphEntry): string {
  return join(root, subgraph.directory, 'src', 'schema.graphql');
}

export function mainFile(root: string, subgraph: SubgraphEntry): string {
  return join(root, subgraph.directory, 'src', 'main.ts');
}

export function defaultUrl(subgraph: SubgraphEntry): string {
  return `http://localhost:${subgraph.defaultPort}/graphql`;
}

/** Environment variables that configure a subgraph at the gateway: `HOUSING_SUBGRAPH_URL`, `…_SECRET`. */
export function subgraphVariable(subgraph: string, what: 'URL' | 'SECRET'): string {
  return `${subgraph.toUpperCase()}_SUBGRAPH_${what}`;
}

/** The subgraphs a supergraph names, with the URLs it was composed with. */
export function subgraphsOf(supergraphSdl: string): { name: string; url: string }[] {
  return [...supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]*)"\)/g)].map((m) => ({
    name: m[1] ?? '',
    url: m[2] ?? '',
  }));
}
