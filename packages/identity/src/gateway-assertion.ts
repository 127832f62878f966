// Proof of where a request to a subgraph comes from: a short-lived JWT (HS256) carrying the caller's
// verified identity, signed with a secret that only the sender and that subgraph share.
//
// - The gateway signs one for each subgraph it calls, with that subgraph's own secret, so a leaked secret
//   lets nobody call the other subgraphs.
// - A service that calls another service's API (households reserving a housing vacancy for a caseworker)
//   signs a service assertion with a secret shared with that service only; the receiving service decides
//   which of its operations the calling service may use.
//
// A receiver accepts several secrets per sender at once (current first), so a secret rotates without
// downtime: add the new one to the receiver, switch the sender, then drop the old one from the receiver.
import { createHash } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import { type Identity, identitySchema } from './identity';
import { TokenError } from './user-tokens';

export const GATEWAY_ISSUER = 'second-chance-gateway';
export const GATEWAY_ASSERTION_HEADER = 'x-gateway-assertion';
export const SERVICE_ASSERTION_HEADER = 'x-service-assertion';
/** Seconds an assertion lives: long enough for one subgraph call, short enough that a replay soon fails. */
export const GATEWAY_ASSERTION_TTL_SECONDS = 60;
const CLOCK_TOLERANCE_SECONDS = 5;
export const MIN_SECRET_LENGTH = 32;

export const serviceIssuer = (service: string) => `service:${service}`;

interface AssertionSecret {
  kid: string;
  key: Uint8Array;
}

type Sender = 'gateway' | 'service';

function toSecret(secret: string, sender: Sender): AssertionSecret {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`a ${sender} secret must have at least ${MIN_SECRET_LENGTH} characters`);
  }
  // The key id names the secret without revealing it, so the receiver picks the right one during rotation.
  const kid = createHash('sha256').update(secret).digest('hex').slice(0, 16);
  return { kid, key: new TextEncoder().encode(secret) };
}

async function signAssertion(
  secret: string,
  issuer: string,
  audience: string,
  identity: Identity,
  nowSeconds: number,
): Promise<string> {
  const { kid, key } = toSecret(secret, issuer === GATEWAY_ISSUER ? 'gateway' : 'service');
  return new SignJWT({ org: identity.organisation, roles: identity.roles })
    .setProtectedHeader({ alg: 'HS256', kid })
    .setIssuer(issuer)
    .setAudience(audience)
    .setSubject(identity.subject)
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + GATEWAY_ASSERTION_TTL_SECONDS)
    .sign(key);
}

export function signGatewayAssertion(
  secret: string,
  subgraph: string,
  identity: Identity,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<string> {
  return signAssertion(secret, GATEWAY_ISSUER, subgraph, identity, nowSeconds);
}

/** The claims an assertion carries: the same person with the same organisation and roles. */
const claimsKey = (identity: Identity) =>
  `${identity.organisation.type}:${identity.organisation.id}|${identity.roles.join(',')}|${identity.subject}`;

/**
 * Signs gateway assertions for one subgraph, reusing each person's for `reuseSeconds` (default: half an
 * assertion's lifetime, so a reused one always has at least 30 s left when it is sent). Signing (HS256
 * through WebCrypto) was about a tenth of the gateway's CPU per request when every request signed anew.
 */
export function reusableGatewayAssertions(
  secret: string,
  subgraph: string,
  options: { reuseSeconds?: number; maxPeople?: number } = {},
): (identity: Identity) => Promise<string> {
  const reuseMs = (options.reuseSeconds ?? GATEWAY_ASSERTION_TTL_SECONDS / 2) * 1000;
  const recent = new LRUCache<string, { assertion: Promise<string>; signedAtMs: number }>({
    max: options.maxPeople ?? 10_000,
  });
  toSecret(secret, 'gateway'); // a short secret fails here, at start, not on the first request
  return (identity) => {
    const key = claimsKey(identity);
    const known = recent.get(key);
    if (known && Date.now() - known.signedAtMs < reuseMs) return known.assertion;
    const assertion = signGatewayAssertion(secret, subgraph, identity);
    recent.set(key, { assertion, signedAtMs: Date.now() });
    // A signature that failed is not kept for the next request.
    assertion.catch(() => recent.delete(key));
    return assertion;
  };
}

/** An assertion from service `from` to service `to`, acting for `identity`. */
export function signServiceAssertion(
  secret: string,
  from: string,
  to: string,
  identity: Identity,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<string> {
  return signAssertion(secret, serviceIssuer(from), to, identity, nowSeconds);
}

export interface VerifiedAssertion {
  identity: Identity;
  /** `gateway`, or the name of the calling service. */
  sender: string;
}

const senderOf = (issuer: string): Sender => (issuer === GATEWAY_ISSUER ? 'gateway' : 'service');

export type AssertionVerifier = (assertion: string | undefined) => Promise<VerifiedAssertion>;

/**
 * Builds the check a receiver runs: `senders` maps each issuer it trusts to its accepted secrets, current
 * first. The key id in the assertion names the secret, and with it the one issuer it may come from.
 */
function createAssertionVerifier(
  audience: string,
  senders: Readonly<Record<string, readonly string[]>>,
): AssertionVerifier {
  const byKid = new Map<string, { issuer: string; key: Uint8Array }>();
  for (const [issuer, secrets] of Object.entries(senders)) {
    for (const secret of secrets) {
      const { kid, key } = toSecret(secret, senderOf(issuer));
      byKid.set(kid, { issuer, key });
    }
  }
  if (byKid.size === 0) throw new Error(`subgraph ${audience} needs at least one secret to trust`);

  return async (assertion) => {
    if (!assertion) throw new TokenError('request did not come through the gateway', 'missing');
    let payload: Record<string, unknown>;
    let issuer = GATEWAY_ISSUER;
    try {
      ({ payload } = await jwtVerify(
        assertion,
        (header) => {
          const known = header.kid ? byKid.get(header.kid) : undefined;
          if (!known) throw new TokenError('gateway assertion signed with an unknown secret', 'signature');
          issuer = known.issuer;
          return known.key;
        },
        {
          audience,
          algorithms: ['HS256'],
          requiredClaims: ['exp', 'iat', 'sub', 'iss'],
          maxTokenAge: GATEWAY_ASSERTION_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
        },
      ));
    } catch (error) {
      if (error instanceof TokenError) throw error;
      const sender = senderOf(issuer);
      if (error instanceof joseErrors.JWTExpired) throw new TokenError(`${sender} assertion has expired`, 'expired');
      throw new TokenError(`${sender} assertion is not valid`, 'signature');
    }
    const sender = senderOf(issuer);
    // The secret decides the sender: a service cannot claim to be the gateway, or another service.
    if (payload.iss !== issuer) throw new TokenError(`${sender} assertion names another issuer`, 'signature');
    const identity = identitySchema.safeParse({
      subject: payload.sub,
      organisation: payload.org,
      roles: payload.roles,
    });
    if (!identity.success) throw new TokenError(`${sender} assertion carries no valid identity`, 'claims');
    return { identity: identity.data, sender: issuer === GATEWAY_ISSUER ? 'gateway' : issuer.replace(/^service:/, '') };
  };
}

export type GatewayAssertionVerifier = (assertion: string | undefined) => Promise<Identity>;

/** The check for assertions from the gateway only; `secrets` lists the accepted secrets, current first. */
export function createGatewayAssertionVerifier(subgraph: string, secrets: readonly string[]): GatewayAssertionVerifier {
  if (secrets.length === 0) throw new Error(`subgraph ${subgraph} needs at least one gateway secret`);
  const verify = createAssertionVerifier(subgraph, { [GATEWAY_ISSUER]: secrets });
  return async (assertion) => (await verify(assertion)).identity;
}

/**
 * The check a subgraph runs on every request: assertions from the gateway, and from the services named in
 * `services` (each with its accepted secrets, current first).
 */
export function createSubgraphAssertionVerifier(
  subgraph: string,
  gatewaySecrets: readonly string[],
  services: Readonly<Record<string, readonly string[]>> = {},
): AssertionVerifier {
  if (gatewaySecrets.length === 0) throw new Error(`subgraph ${subgraph} needs at least one gateway secret`);
  return createAssertionVerifier(subgraph, {
    [GATEWAY_ISSUER]: gatewaySecrets,
    ...Object.fromEntries(Object.entries(services).map(([name, secrets]) => [serviceIssuer(name), secrets])),
  });
}
