// Development credentials, created on first run under the git-ignored data folder and reused after:
// the key pair that signs and verifies people's tokens, and one gateway secret per subgraph.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { JSONWebKeySet, JWK } from 'jose';
import { generateKeyPairDocuments } from './user-tokens';

export interface DevKeyFiles {
  privateKeyFile: string;
  publicJwksFile: string;
}

export function devKeyFiles(directory: string): DevKeyFiles {
  return {
    privateKeyFile: join(directory, 'keys', 'dev-signing-key.jwk.json'),
    publicJwksFile: join(directory, 'keys', 'dev-public.jwks.json'),
  };
}

function writePrivate(file: string, content: unknown): void {
  const folder = dirname(file);
  // The data folder stays traversable (PostgreSQL runs as its own user there); the keys folder is private.
  mkdirSync(dirname(folder), { recursive: true });
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
}

/** Returns the development key pair, creating it on first use. */
export async function loadOrCreateDevKeys(
  directory: string,
): Promise<{ privateJwk: JWK; publicJwks: JSONWebKeySet } & DevKeyFiles> {
  const files = devKeyFiles(directory);
  if (!existsSync(files.privateKeyFile) || !existsSync(files.publicJwksFile)) {
    const kid = `dev-${new Date().toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`;
    const documents = await generateKeyPairDocuments(kid);
    writePrivate(files.privateKeyFile, documents.privateJwk);
    writePrivate(files.publicJwksFile, documents.publicJwks);
  }
  return {
    ...files,
    privateJwk: JSON.parse(readFileSync(files.privateKeyFile, 'utf8')) as JWK,
    publicJwks: JSON.parse(readFileSync(files.publicJwksFile, 'utf8')) as JSONWebKeySet,
  };
}

export function generateGatewaySecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Returns one gateway secret per subgraph name, creating the missing ones. */
export function loadOrCreateDevSecrets(directory: string, subgraphs: readonly string[]): Record<string, string> {
  const file = join(directory, 'keys', 'gateway-secrets.json');
  const secrets: Record<string, string> = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)
    : {};
  let changed = false;
  for (const name of subgraphs) {
    if (!secrets[name]) {
      secrets[name] = generateGatewaySecret();
      changed = true;
    }
  }
  if (changed) writePrivate(file, secrets);
  return secrets;
}
