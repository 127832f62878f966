// The keys that protect personal data: encryption keys for CPR numbers and criminal-record facts (the
// current one encrypts; all of them decrypt, so a key can rotate), a key for the searchable CPR hash, and a
// key for the household pseudonyms in domain events.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PersonalDataKeys {
  /** Key id → 32-byte key; `current` names the one that encrypts. */
  encryption: Readonly<Record<string, Buffer>>;
  current: string;
  /** HMAC key of the CPR search hash. Changing it means re-hashing every stored CPR number. */
  cprHash: Buffer;
  /** HMAC key of the household pseudonyms given to finance and evaluation. */
  pseudonym: Buffer;
}

function key32(text: string, what: string): Buffer {
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error(`${what} must be 32 bytes, base64-encoded`);
  return key;
}

/**
 * From the environment: PERSONAL_DATA_KEYS (`id:base64key` pairs, comma-separated, the current one first),
 * CPR_HASH_KEY and PSEUDONYM_KEY (base64, 32 bytes each).
 */
export function keysFromEnvironment(env: NodeJS.ProcessEnv): PersonalDataKeys | null {
  if (!env.PERSONAL_DATA_KEYS) return null;
  const pairs = env.PERSONAL_DATA_KEYS.split(',')
    .map((pair) => pair.trim())
    .filter(Boolean);
  const encryption: Record<string, Buffer> = {};
  if (pairs.length === 0) throw new Error('PERSONAL_DATA_KEYS names no key');
  for (const pair of pairs) {
    const [id, key] = pair.split(':');
    if (!id || !key || !/^[\w-]{1,32}$/.test(id)) throw new Error('PERSONAL_DATA_KEYS is a list of id:base64key');
    if (Object.hasOwn(encryption, id)) throw new Error(`PERSONAL_DATA_KEYS names key ${id} twice`);
    encryption[id] = key32(key, `personal data key ${id}`);
  }
  if (!env.CPR_HASH_KEY || !env.PSEUDONYM_KEY)
    throw new Error('CPR_HASH_KEY and PSEUDONYM_KEY are required with PERSONAL_DATA_KEYS');
  return {
    encryption,
    current: pairs[0]?.split(':')[0] ?? '',
    cprHash: key32(env.CPR_HASH_KEY, 'CPR_HASH_KEY'),
    pseudonym: key32(env.PSEUDONYM_KEY, 'PSEUDONYM_KEY'),
  };
}

export function generateKeys(id = `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`): PersonalDataKeys {
  return { encryption: { [id]: randomBytes(32) }, current: id, cprHash: randomBytes(32), pseudonym: randomBytes(32) };
}

/** Development keys, created on first run in the data folder's private keys folder. */
export function loadOrCreateDevKeys(directory: string): PersonalDataKeys {
  const file = join(directory, 'keys', 'personal-data.json');
  if (!existsSync(file)) {
    const keys = generateKeys('dev');
    mkdirSync(join(directory, 'keys'), { recursive: true, mode: 0o700 });
    writeFileSync(
      file,
      JSON.stringify({
        encryption: { dev: keys.encryption.dev?.toString('base64') },
        current: 'dev',
        cprHash: keys.cprHash.toString('base64'),
        pseudonym: keys.pseudonym.toString('base64'),
      }),
      { mode: 0o600 },
    );
  }
  const stored = JSON.parse(readFileSync(file, 'utf8')) as {
    encryption: Record<string, string>;
    current: string;
    cprHash: string;
    pseudonym: string;
  };
  return {
    encryption: Object.fromEntries(Object.entries(stored.encryption).map(([id, key]) => [id, key32(key, id)])),
    current: stored.current,
    cprHash: key32(stored.cprHash, 'cprHash'),
    pseudonym: key32(stored.pseudonym, 'pseudonym'),
  };
}
