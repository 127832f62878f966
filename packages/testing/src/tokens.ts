// Tokens for tests: a key pair per test platform, people of every role, and tokens that must be refused.
import type { JSONWebKeySet } from 'jose';
import {
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  type Identity,
  type OrganisationType,
  type Role,
  type SigningKey,
  generateKeyPairDocuments,
  signUserToken,
  signingKeyFromJwk,
} from '@second-chance/identity';

export interface TestKeys {
  signingKey: SigningKey;
  publicJwks: JSONWebKeySet;
}

export async function createTestKeys(kid = 'test-key'): Promise<TestKeys> {
  const documents = await generateKeyPairDocuments(kid);
  return { signingKey: await signingKeyFromJwk(documents.privateJwk), publicJwks: documents.publicJwks };
}

export function identity(
  role: Role,
  organisation: `${OrganisationType}:${string}`,
  subject = `${role}@test`,
): Identity {
  const separator = organisation.indexOf(':');
  return {
    subject,
    organisation: { type: organisation.slice(0, separator) as OrganisationType, id: organisation.slice(separator + 1) },
    roles: [role],
  };
}

export function mintToken(keys: TestKeys, who: Identity, expiresIn: string | number = '15m'): Promise<string> {
  return signUserToken(keys.signingKey, who, { issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE, expiresIn });
}
