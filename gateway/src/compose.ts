// `pnpm compose` writes gateway/supergraph.graphql from the subgraphs' SDL; `pnpm compose --check` fails
// when the committed file is not what the schemas compose to (or when they do not compose at all).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@second-chance/db';
import { composeSupergraph } from './composition';
import { SUBGRAPHS, SUPERGRAPH_FILE, defaultUrl, schemaFile } from './subgraphs';

export function composeFromFiles(root = workspaceRoot()): string {
  return composeSupergraph(
    SUBGRAPHS.map((s) => ({ name: s.name, url: defaultUrl(s), sdl: readFileSync(schemaFile(root, s), 'utf8') })),
  );
}

function main(): void {
  const root = workspaceRoot();
  const file = join(root, SUPERGRAPH_FILE);
  const supergraph = composeFromFiles(root);
  if (process.argv.includes('--check')) {
    let committed: string;
    try {
      committed = readFileSync(file, 'utf8');
    } catch {
      committed = '';
    }
    if (committed !== supergraph) {
      console.error(`${SUPERGRAPH_FILE} is not what the subgraphs compose to: run pnpm compose and commit it`);
      process.exit(1);
    }
    console.log(`${SUPERGRAPH_FILE} is up to date (${SUBGRAPHS.length} subgraphs compose)`);
    return;
  }
  writeFileSync(file, supergraph);
  console.log(`wrote ${SUPERGRAPH_FILE} (${SUBGRAPHS.length} subgraphs)`);
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
