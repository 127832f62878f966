// `pnpm restore --service <name> --from <file> [--database-url <url>] [--replace]`: puts a backup written by
// `pnpm backup` back (see restore.ts). Stop the service first; start it again afterwards.
import { Command, Option } from 'commander';
import { thousands } from '../bench-common';
import { BackupFileError } from './format';
import { RestoreError, restoreDatabase } from './restore';
import { SERVICES, type ServiceName } from './services';
import { fromWhereRun, serviceDatabaseTarget } from './target';

const program = new Command('pnpm restore')
  .description(
    "Restores one service's database from a backup: checks the file, runs the service's migrations, loads and checks every table.",
  )
  .addOption(new Option('--service <name>', 'the service').choices(SERVICES).makeOptionMandatory())
  .requiredOption('--from <file>', 'the backup file')
  .option('--database-url <url>', 'the database to restore into (created if missing); default as pnpm backup finds it')
  .option('--replace', 'drop the database first if it holds anything (the service must be stopped)', false)
  .parse();
const options = program.opts<{ service: ServiceName; from: string; databaseUrl?: string; replace: boolean }>();

const say = (text: string) => process.stdout.write(`${text}\n`);

async function main(): Promise<number> {
  const target = await serviceDatabaseTarget(options.service, options.databaseUrl);
  try {
    say(`restoring the ${options.service} service's database: ${target.description}`);
    const report = await restoreDatabase({
      service: options.service,
      databaseUrl: target.url,
      file: fromWhereRun(options.from),
      replace: options.replace,
      onStep: (line) => say(`  ${line}`),
    });
    say(
      `restored ${report.tables} tables, ${thousands(report.rows)} rows in ${report.ms} ms; ` +
        `start the ${options.service} service again (it runs any later migrations itself)`,
    );
    return 0;
  } catch (error) {
    if (error instanceof RestoreError || error instanceof BackupFileError) {
      console.error(`refused: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await target.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
