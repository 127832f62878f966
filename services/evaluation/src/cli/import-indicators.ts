// pnpm import:indicators <file.csv> [--source name] [--by who]
//
// Imports area indicators from a CSV file into the evaluation service's database (DATABASE_URL, or the embedded
// PostgreSQL of `pnpm start`): every row is checked first, every problem is printed with its line, and a file
// with a problem imports nothing. The rows are written in one transaction, with a progress bar.
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { Command } from 'commander';
import { openServiceDatabase } from '@second-chance/db';
import { createLogger, openSubgraphDatabase } from '@second-chance/service-kit';
import { parseIndicatorCsv } from '../domain/indicator-csv';
import { importIndicators } from '../store/indicators';
import { createEvaluationSubgraph } from '../subgraph';

async function main(): Promise<number> {
  const program = new Command()
    .name('import:indicators')
    .description('Import area indicators (one line per area and year) into the evaluation service')
    .argument('<file>', 'a CSV file with a header line (see docs/evaluation.md)')
    .option('--source <name>', 'a name for the import (default: the file name)')
    .option('--by <who>', 'who imports (recorded with the import)', process.env.USER ?? 'command-line')
    .parse();
  const [file] = program.args;
  const options = program.opts<{ source?: string; by: string }>();
  if (!file) return 2;

  // pnpm runs the script in the package's folder; a relative path means the folder the command was given in.
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
  const text = readFileSync(path, 'utf8');
  const parsed = parseIndicatorCsv(text);
  if (parsed.problems.length) {
    for (const p of parsed.problems.slice(0, 200)) {
      process.stderr.write(`${file}:${p.line}${p.column ? ` ${p.column}` : ''}: ${p.reason}\n`);
    }
    if (parsed.problems.length > 200) process.stderr.write(`… and ${parsed.problems.length - 200} more\n`);
    const count = parsed.problems.length;
    process.stderr.write(`${count} problem${count === 1 ? '' : 's'}: nothing was imported.\n`);
    return 1;
  }

  const log = createLogger('evaluation-import', 'warn');
  const database = await openServiceDatabase('evaluation');
  const { dataSource } = await openSubgraphDatabase(createEvaluationSubgraph({ eventSecrets: [] }), database.url, log);
  const bar = new SingleBar(
    { format: 'importing [{bar}] {percentage}% | {value}/{total} rows | {eta}s left' },
    Presets.shades_classic,
  );
  bar.start(parsed.rows.length, 0);
  try {
    const started = Date.now();
    const result = await importIndicators(dataSource, parsed.rows, {
      source: options.source ?? basename(file),
      importedBy: options.by,
      progress: (written) => bar.update(written),
    });
    bar.stop();
    process.stdout.write(
      `imported ${result.rows} rows (${result.replaced} replaced earlier figures) in ${Date.now() - started} ms; import ${result.id}\n`,
    );
    return 0;
  } finally {
    bar.stop();
    await dataSource.destroy();
    await database.embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
