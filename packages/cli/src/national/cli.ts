// `pnpm national`: the synthetic national data set, generated from a seed and written into fresh databases
// `second_chance_<service>` on the embedded PostgreSQL of `pnpm start` (or the server --database-url names), each
// migrated by its service. `pnpm start --no-demo` then serves it. See ./index.ts for what the data set holds.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import pg from 'pg';
import {
  databaseName,
  dropDatabase,
  ensureDatabase,
  localServer,
  redactUrl,
  serviceDatabaseName,
  withDatabase,
} from '@second-chance/db';
import { seconds, thousands } from '../bench-common';
import { type NationalDataSetSummary, loadNationalDataSet } from './index';
import { SERVICES, type ServiceName } from './load';

const number = (what: string, check: (n: number) => boolean) => (text: string) => {
  const n = Number(text);
  if (!Number.isFinite(n) || !check(n)) throw new InvalidArgumentError(`not ${what}`);
  return n;
};

const program = new Command('pnpm national')
  .description(
    'Generates the synthetic national data set (98 municipalities, ~1,000 areas, ~550,000 units, 20,000 households ' +
      'with relocation cases, agreements, settlements, ten years of indicators at scale 1) and writes it in bulk ' +
      'into fresh databases second_chance_<service>, migrated by each service.',
  )
  .option(
    '--seed <n>',
    'the generator’s seed: the same seed, scale and day give the same data',
    number('a whole number', Number.isInteger),
    1,
  )
  .option(
    '--scale <x>',
    '1 = national; 0.01 for a quick look',
    number('a scale above 0 and at most 10', (n) => n > 0 && n <= 10),
    1,
  )
  .option('--as-of <date>', 'the day the data describes (default: today in Denmark)')
  .option(
    '--database-url <url>',
    'a PostgreSQL server to write to (its databases second_chance_<service>); default DATABASE_URL, else the embedded PostgreSQL of pnpm start',
  )
  .option('--replace', 'drop the databases second_chance_<service> first if they exist', false)
  .option('--no-analyze', 'leave out VACUUM (ANALYZE) after the load')
  .option('--summary <file>', 'also write the summary (ids and identities for a benchmark, rows, times) as JSON')
  .parse();

const options = program.opts<{
  seed: number;
  scale: number;
  asOf?: string;
  databaseUrl?: string;
  replace: boolean;
  analyze: boolean;
  summary?: string;
}>();

const say = (text: string) => process.stdout.write(`${text}\n`);

async function existing(urls: Record<ServiceName, string>): Promise<string[]> {
  const any = Object.values(urls)[0] as string;
  const client = new pg.Client({ connectionString: withDatabase(any, 'postgres') });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname = ANY($1)',
      [Object.values(urls).map(databaseName)],
    );
    return rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}

function report(summary: NationalDataSetSummary): void {
  say(`\nnational data set: seed ${summary.seed}, scale ${summary.scale}, as of ${summary.asOf}`);
  say(`generated in ${seconds(summary.generateMs)}; loaded in ${seconds(summary.loadMs)}`);
  say(
    `  steps: ${Object.entries(summary.stepsMs)
      .map(([step, ms]) => `${step} ${seconds(ms)}`)
      .join(', ')}`,
  );
  say('\nrows                                      count');
  let total = 0;
  for (const [table, count] of Object.entries(summary.rows)) {
    total += count;
    say(`  ${table.padEnd(38)} ${thousands(count).padStart(9)}`);
  }
  say(`  ${'total'.padEnd(38)} ${thousands(total).padStart(9)}`);
  say('\ndatabase sizes');
  for (const service of SERVICES) {
    say(
      `  ${serviceDatabaseName(service).padEnd(38)} ${(summary.bytes[service] / 1_048_576).toFixed(1).padStart(7)} MB`,
    );
  }
  const c = summary.caseworker;
  say(
    `\ncaseworker: ${c.identity.subject} of ${c.municipalityCode}, ${thousands(c.cases)} cases sent ` +
      `(${thousands(c.openCases)} in progress)`,
  );
  say(
    `letting officer: ${summary.lettingOfficer.identity.subject} of ${summary.lettingOfficer.organisationId}, ` +
      `${thousands(summary.lettingOfficer.openVacancies)} open or reserved vacancies`,
  );
  say(
    `indicators ${summary.indicatorYears.from}–${summary.indicatorYears.to}; latest list ${summary.latestListYear}; ` +
      `settled ${summary.settlementPeriods.join(', ')}`,
  );
}

async function main(): Promise<number> {
  const serverUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  const server = serverUrl ? { url: serverUrl, description: redactUrl(serverUrl) } : await localServer();
  try {
    const urls = Object.fromEntries(
      SERVICES.map((service) => [service, withDatabase(server.url, serviceDatabaseName(service))]),
    ) as Record<ServiceName, string>;
    const found = await existing(urls);
    if (found.length && !options.replace) {
      process.stderr.write(
        `${found.join(', ')} already exist${found.length === 1 ? 's' : ''} on ${server.description}: ` +
          'pass --replace to drop and write them anew (stop pnpm start first)\n',
      );
      return 1;
    }
    for (const url of Object.values(urls)) {
      if (found.includes(databaseName(url))) await dropDatabase(url);
      await ensureDatabase(url);
    }
    say(`writing to ${server.description}: ${Object.values(urls).map(databaseName).join(', ')}`);
    say(`generating (seed ${options.seed}, scale ${options.scale}) …`);

    const bar = new SingleBar(
      { format: 'loading [{bar}] {percentage}% | {value}/{total} rows | {step}', hideCursor: true },
      Presets.shades_classic,
    );
    let started = false;
    const summary = await loadNationalDataSet({
      databases: urls,
      seed: options.seed,
      scale: options.scale,
      ...(options.asOf ? { asOf: options.asOf } : {}),
      analyze: options.analyze,
      onProgress: ({ done, total, step }) => {
        if (!started) {
          bar.start(total, done, { step });
          started = true;
        }
        bar.update(done, { step });
      },
    });
    bar.stop();
    report(summary);
    if (options.summary) {
      const file = resolve(process.env.INIT_CWD ?? process.cwd(), options.summary);
      writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
      say(`\nsummary written to ${file}`);
    }
    return 0;
  } finally {
    if ('embedded' in server && server.embedded) await server.embedded.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
