// `pnpm schema:check`: compares the current schemas with the last released ones (gateway/released/), prints every
// change with its criticality, and exits 1 on a breaking change that accepted-breaking.json does not list.
// `pnpm schema:release`: writes the current schemas as the released ones (commit them with the release).
import { workspaceRoot } from '@second-chance/db';
import {
  ACCEPTED_FILE,
  RELEASED_DIRECTORY,
  acceptanceTemplate,
  checkSchemas,
  currentSchemas,
  formatCheck,
  readAccepted,
  releaseSchemas,
  releasedSchemas,
} from './schema-safety';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(command: string | undefined): Promise<number> {
  const root = workspaceRoot();
  if (command === 'release') {
    for (const file of releaseSchemas(root)) say(`wrote ${file}`);
    say(`the current schemas are now the released ones; commit ${RELEASED_DIRECTORY} with the release`);
    return 0;
  }
  if (command === 'check') {
    const check = await checkSchemas(releasedSchemas(root), currentSchemas(root), readAccepted(root));
    for (const line of formatCheck(check)) say(line);
    if (check.blocking.length === 0) return 0;
    say(`\nto accept them, add to ${RELEASED_DIRECTORY}/${ACCEPTED_FILE} (with a reason each):`);
    say(JSON.stringify(acceptanceTemplate(check), null, 2));
    return 1;
  }
  process.stderr.write('usage: pnpm schema:check | pnpm schema:release\n');
  return 2;
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
