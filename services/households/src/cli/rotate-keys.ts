// pnpm --filter @second-chance/households rotate-keys [--check] [--rehash-cpr] [--batch-size <n>]
//
// Finishes a rotation of the keys that protect personal data, with the service's keys from the environment
// (PERSONAL_DATA_KEYS current first, CPR_HASH_KEY, PSEUDONYM_KEY; development keys from the data folder) and its
// database (DATABASE_URL, or the embedded PostgreSQL of `pnpm start`):
//
// - re-encrypts every CPR number, address and criminal-record release date not under the current key, in
//   batches, each batch one transaction; afterwards the other keys can be removed from PERSONAL_DATA_KEYS;
// - with --rehash-cpr, computes every CPR search hash again with CPR_HASH_KEY (after CPR_HASH_KEY changed);
// - with --check, changes nothing and tells what is left to do.
//
// Running it again does only what is left. Exit code 0: nothing is left under another key (and, with
// --rehash-cpr or --check, every CPR hash matches CPR_HASH_KEY); 1: something is left or could not be read.
import { Command, InvalidArgumentError } from 'commander';
import { dataDirectory, openServiceDatabase } from '@second-chance/db';
import { createLogger, isProduction, openSubgraphDatabase } from '@second-chance/service-kit';
import { DEFAULT_RESPONSE_DAYS } from '../domain/offers';
import { PersonalDataCipher } from '../privacy/cipher';
import { keysFromEnvironment, loadOrCreateDevKeys } from '../privacy/keys';
import {
  type EncryptedColumn,
  type UnreadableValue,
  DEFAULT_BATCH_SIZE,
  reencryptPersonalData,
  rehashCprNumbers,
  valuesNotUnderCurrentKey,
} from '../privacy/rotation';
import { createHouseholdsSubgraph } from '../subgraph';

interface Options {
  check: boolean;
  rehashCpr: boolean;
  batchSize: number;
}

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const name = ({ table, column }: EncryptedColumn) => `${table}.${column}`;
const byKey = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([key, count]) => `${key}: ${count}`)
    .join(', ');
const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

function batchSize(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 10_000) {
    throw new InvalidArgumentError('a whole number from 1 to 10000');
  }
  return value;
}

/** Prints each value that could not be read once; returns how many were new. */
function reportUnreadable(values: readonly UnreadableValue[], reported: Set<string>): number {
  const fresh = values.filter((value) => !reported.has(`${value.table}:${value.id}`));
  for (const value of fresh) reported.add(`${value.table}:${value.id}`);
  for (const value of fresh.slice(0, 50)) out(`  cannot read ${value.table} ${value.id}: ${value.reason}`);
  if (fresh.length > 50) out(`  … and ${fresh.length - 50} more`);
  return fresh.length;
}

async function main(): Promise<number> {
  const program = new Command()
    .name('rotate-keys')
    .description('Re-encrypt personal data under the current key (and re-hash CPR numbers) after a key rotation')
    .option('--check', 'change nothing: count the values not under the current key and the stale CPR hashes', false)
    .option('--rehash-cpr', 'compute every CPR search hash again with CPR_HASH_KEY', false)
    .option('--batch-size <n>', 'rows per transaction', batchSize, DEFAULT_BATCH_SIZE)
    .parse();
  const options = program.opts<Options>();

  const keys = keysFromEnvironment(process.env) ?? (isProduction() ? null : loadOrCreateDevKeys(dataDirectory()));
  if (!keys) throw new Error('PERSONAL_DATA_KEYS, CPR_HASH_KEY and PSEUDONYM_KEY are required in production');
  const cipher = new PersonalDataCipher(keys);
  const log = createLogger('households-rotate-keys', process.env.LOG_LEVEL ?? 'warn');
  const database = await openServiceDatabase('households');
  const module = createHouseholdsSubgraph({ keys, offerResponseDays: DEFAULT_RESPONSE_DAYS, subscribers: [] });
  const { dataSource } = await openSubgraphDatabase(module, database.url, log);
  try {
    const others = Object.keys(keys.encryption).filter((id) => id !== keys.current);
    out(`current key ${keys.current}${others.length ? `; also readable: ${others.join(', ')}` : ''}`);
    let problems = 0;
    const reported = new Set<string>();

    if (!options.check) {
      const started = Date.now();
      const columns = await reencryptPersonalData(dataSource, cipher, {
        batchSize: options.batchSize,
        onBatch: (p) => out(`  ${name(p)}: ${p.written} re-encrypted in this batch, ${p.examined} rows looked at`),
      });
      for (const column of columns) {
        const meanwhile = column.changedMeanwhile
          ? `, ${column.changedMeanwhile} changed by the service meanwhile`
          : '';
        const count = sum(column.reencrypted);
        out(`${name(column)}: ${count} re-encrypted${count ? ` (${byKey(column.reencrypted)})` : ''}${meanwhile}`);
        problems += reportUnreadable(column.unreadable, reported);
      }
      out(`re-encryption took ${Date.now() - started} ms`);
    }

    if (options.check || options.rehashCpr) {
      const hashes = await rehashCprNumbers(dataSource, cipher, {
        batchSize: options.batchSize,
        dryRun: options.check,
        onBatch: (p) =>
          out(`  household_member.cpr_hash: ${p.written} re-hashed in this batch, ${p.examined} looked at`),
      });
      if (options.check) {
        out(`CPR hashes not made with CPR_HASH_KEY: ${hashes.stale}`);
        problems += hashes.stale;
      } else {
        out(`CPR hashes re-hashed: ${hashes.rehashed}; changed by the service meanwhile: ${hashes.changedMeanwhile}`);
        for (const id of hashes.conflicts)
          out(`  household_member ${id}: another current member has the same CPR number`);
        problems += hashes.conflicts.length;
      }
      problems += reportUnreadable(hashes.unreadable, reported);
    }

    const left = await valuesNotUnderCurrentKey(dataSource, cipher);
    const leftCount = left.reduce((total, column) => total + sum(column.byKey), 0);
    for (const column of left.filter((c) => sum(c.byKey) > 0)) {
      out(`left under other keys: ${name(column)} ${byKey(column.byKey)}`);
    }
    if (leftCount === 0) {
      out(`every value is under key ${keys.current}: the other keys may be removed from PERSONAL_DATA_KEYS`);
    }
    return leftCount === 0 && problems === 0 ? 0 : 1;
  } finally {
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
