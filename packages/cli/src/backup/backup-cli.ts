// `pnpm backup --service <name> --out <file> [--database-url <url>]`: a logical backup of one service's database
// (see backup.ts), which any PostgreSQL version can take and `pnpm restore` puts back.
import { stat } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { thousands } from '../bench-common';
import { BackupError, backupDatabase } from './backup';
import { SERVICES, type ServiceName } from './services';
import { fromWhereRun, serviceDatabaseTarget } from './target';

const program = new Command('pnpm backup')
  .description("Writes a logical backup of one service's database: its migrations, every table's rows, checksums.")
  .addOption(new Option('--service <name>', 'the service').choices(SERVICES).makeOptionMandatory())
  .requiredOption('--out <file>', 'the file to write (gzip; readable by you only: it may hold personal data)')
  .option(
    '--database-url <url>',
    "the service's database; default <SERVICE>_DATABASE_URL, else second_chance_<service> on the server DATABASE_URL names, else on the embedded PostgreSQL of pnpm start",
  )
  .parse();
const options = program.opts<{ service: ServiceName; out: string; databaseUrl?: string }>();

const say = (text: string) => process.stdout.write(`${text}\n`);

async function main(): Promise<number> {
  const target = await serviceDatabaseTarget(options.service, options.databaseUrl);
  try {
    const file = fromWhereRun(options.out);
    say(`backing up the ${options.service} service's database: ${target.description}`);
    const started = Date.now();
    const manifest = await backupDatabase({
      service: options.service,
      databaseUrl: target.url,
      file,
      onTable: (t) => say(`  ${`${t.schema}.${t.name}`.padEnd(44)} ${thousands(t.rows).padStart(10)} rows`),
    });
    const { size } = await stat(file);
    const rows = manifest.summaries.reduce((sum, t) => sum + t.rows, 0);
    say(
      `wrote ${file}: ${manifest.tables.length} tables, ${thousands(rows)} rows, ${manifest.sequences.length} sequences, ` +
        `${manifest.migrations.length} migrations, ${(size / 1024).toFixed(0)} kB in ${Date.now() - started} ms`,
    );
    say(`sha256 ${manifest.sha256}`);
    return 0;
  } finally {
    await target.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof BackupError ? error.message : error);
    process.exit(1);
  },
);
