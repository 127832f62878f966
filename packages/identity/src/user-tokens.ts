// Tokens that people present to the gateway: signed JWTs from an identity provider (or the development key).
import {
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
  SignJWT,
  createLocalJWKSet,
  createRemoteJWKSet,
  errors as joseErrors,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
} from 'jose';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { type Identity, identitySchema, organisationSchema, ROLES } from './identity';

export const USER_TOKEN_ALGORITHM = 'ES256';
export const DEFAULT_ISSUER = 'second-chance-dev';
export const DEFAULT_AUDIENCE = 'second-chance';

/** Why a token was refused; the gateway turns every one of these into UNAUTHENTICATED. */
export class TokenError extends Error {
  constructor(
    message: string,
    readonly reason: 'missing' | 'malformed' | 'expired' | 'signature' | 'claims',
  ) {
    super(message);
    this.name = 'TokenError';
  }
}

const claimsSchema = z.object({
  sub: z.string().min(1).max(256),
  org: organisationSchema,
  roles: z.array(z.enum(ROLES)).min(1),
});

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  /** Trusted public keys (a JWKS), for identity providers configured by key. */
  jwks?: JSONWebKeySet;
  /** Or a JWKS URL, fetched and cached (with rotation) by jose. */
  jwksUrl?: string;
  /**
   * Remembers tokens it has verified, so a person's next requests skip the signature check: at most
   * `maxTokens` of them, each until its own expiry or `maxAgeSeconds` after it was verified, whichever
   * comes first. The age bounds how long a token signed with a key since removed from the trusted set is
   * still accepted. Off unless given.
   */
  cache?: { maxTokens: number; maxAgeSeconds: number };
}

export type TokenVerifier = (token: string) => Promise<Identity>;

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const verify = verifyWithKeys(options);
  const { cache } = options;
  if (!cache) return async (token) => (await verify(token)).identity;
  const verified = new LRUCache<string, { identity: Identity; untilMs: number }>({ max: cache.maxTokens });
  return async (token) => {
    const known = verified.get(token);
    if (known && Date.now() < known.untilMs) return known.identity;
    const { identity, expiresAt } = await verify(token);
    verified.set(token, { identity, untilMs: Math.min(expiresAt * 1000, Date.now() + cache.maxAgeSeconds * 1000) });
    return identity;
  };
}

function verifyWithKeys(
  options: TokenVerifierOptions,
): (token: string) => Promise<{ identity: Identity; expiresAt: number }> {
  let keys: JWTVerifyGetKey;
  if (options.jwks) keys = createLocalJWKSet(options.jwks);
  else if (options.jwksUrl) keys = createRemoteJWKSet(new URL(options.jwksUrl));
  else throw new Error('a token verifier needs trusted keys (jwks) or a JWKS URL');

  return async (token: string) => {
    let payload: { exp?: number };
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: [USER_TOKEN_ALGORITHM],
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      throw toTokenError(error);
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw new TokenError('token claims are not a platform identity', 'claims');
    const identity = identitySchema.safeParse({
      subject: claims.data.sub,
      organisation: claims.data.org,
      roles: claims.data.roles,
    });
    if (!identity.success) {
      throw new TokenError(identity.error.issues[0]?.message ?? 'inconsistent identity', 'claims');
    }
    return { identity: identity.data, expiresAt: payload.exp ?? 0 };
  };
}

function toTokenError(error: unknown): TokenError {
  if (error instanceof joseErrors.JWTExpired) return new TokenError('token has expired', 'expired');
  if (error instanceof joseErrors.JWSSignatureVerificationFailed || error instanceof joseErrors.JWKSNoMatchingKey) {
    return new TokenError('token is not signed by a trusted key', 'signature');
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    return new TokenError(`token claim "${error.claim}" is not accepted`, 'claims');
  }
  return new TokenError('token is not a valid signed JWT', 'malformed');
}

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
}

export interface SignUserTokenOptions {
  issuer: string;
  audience: string;
  /** Lifetime, in jose's notation (`8h`, `15m`), or an absolute expiry in seconds since the epoch. */
  expiresIn: string | number;
}

export async function signUserToken(
  key: SigningKey,
  identity: Identity,
  options: SignUserTokenOptions,
): Promise<string> {
  const valid = identitySchema.parse(identity);
  return new SignJWT({ org: valid.organisation, roles: valid.roles })
    .setProtectedHeader({ alg: USER_TOKEN_ALGORITHM, kid: key.kid, typ: 'JWT' })
    .setSubject(valid.subject)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn)
    .sign(key.privateKey);
}

/** A key pair as stored on disk: the private JWK and the public JWKS that verifiers trust. */
export interface KeyPairDocuments {
  privateJwk: JWK;
  publicJwks: JSONWebKeySet;
}

export async function generateKeyPairDocuments(kid: string): Promise<KeyPairDocuments> {
  const { publicKey, privateKey } = await generateKeyPair(USER_TOKEN_ALGORITHM, { extractable: true });
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: USER_TOKEN_ALGORITHM, use: 'sig' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: USER_TOKEN_ALGORITHM, use: 'sig' };
  return { privateJwk, publicJwks: { keys: [publicJwk] } };
}

export async function signingKeyFromJwk(jwk: JWK): Promise<SigningKey> {
  if (!jwk.kid) throw new Error('a signing key needs a kid');
  const key = await importJWK(jwk, USER_TOKEN_ALGORITHM);
  if (key instanceof Uint8Array) throw new Error('a signing key must be an asymmetric private key');
  return { kid: jwk.kid, privateKey: key };
}
