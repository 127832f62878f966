// Proof that a request came through the gateway: a short-lived JWT the gateway signs for one subgraph
// with that subgraph's own secret (HS256), carrying the caller's verified identity.
//
// Each subgraph has its own secret, so a leaked secret lets nobody call the other subgraphs. A subgraph
// accepts several secrets at once (current first), so a secret can rotate without downtime: add the new
// one to the subgraph, switch the gateway, then drop the old one from the subgraph.
import { createHash } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { type Identity, identitySchema } from './identity';
import { TokenError } from './user-tokens';

export const GATEWAY_ISSUER = 'second-chance-gateway';
export const GATEWAY_ASSERTION_HEADER = 'x-gateway-assertion';
/** Seconds an assertion lives: long enough for one subgraph call, short enough that a replay soon fails. */
export const GATEWAY_ASSERTION_TTL_SECONDS = 60;
const CLOCK_TOLERANCE_SECONDS = 5;
export const MIN_SECRET_LENGTH = 32;

interface GatewaySecret {
  kid: string;
  key: Uint8Array;
}

function toSecret(secret: string): GatewaySecret {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`a gateway secret must have at least ${MIN_SECRET_LENGTH} characters`);
  }
  // The key id names the secret without revealing it, so the subgraph picks the right one during rotation.
  const kid = createHash('sha256').update(secret).digest('hex').slice(0, 16);
  return { kid, key: new TextEncoder().encode(secret) };
}

export async function signGatewayAssertion(
  secret: string,
  subgraph: string,
  identity: Identity,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<string> {
  const { kid, key } = toSecret(secret);
  return new SignJWT({ org: identity.organisation, roles: identity.roles })
    .setProtectedHeader({ alg: 'HS256', kid })
    .setIssuer(GATEWAY_ISSUER)
    .setAudience(subgraph)
    .setSubject(identity.subject)
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + GATEWAY_ASSERTION_TTL_SECONDS)
    .sign(key);
}

export type GatewayAssertionVerifier = (assertion: string | undefined) => Promise<Identity>;

/** Builds the check a subgraph runs on every request; `secrets` lists the accepted secrets, current first. */
export function createGatewayAssertionVerifier(subgraph: string, secrets: readonly string[]): GatewayAssertionVerifier {
  if (secrets.length === 0) throw new Error(`subgraph ${subgraph} needs at least one gateway secret`);
  const byKid = new Map(secrets.map(toSecret).map((s) => [s.kid, s.key]));

  return async (assertion) => {
    if (!assertion) throw new TokenError('request did not come through the gateway', 'missing');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(
        assertion,
        (header) => {
          const key = header.kid ? byKid.get(header.kid) : undefined;
          if (!key) throw new TokenError('gateway assertion signed with an unknown secret', 'signature');
          return key;
        },
        {
          issuer: GATEWAY_ISSUER,
          audience: subgraph,
          algorithms: ['HS256'],
          requiredClaims: ['exp', 'iat', 'sub'],
          maxTokenAge: GATEWAY_ASSERTION_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
        },
      ));
    } catch (error) {
      if (error instanceof TokenError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new TokenError('gateway assertion has expired', 'expired');
      throw new TokenError('gateway assertion is not valid', 'signature');
    }
    const identity = identitySchema.safeParse({
      subject: payload.sub,
      organisation: payload.org,
      roles: payload.roles,
    });
    if (!identity.success) throw new TokenError('gateway assertion carries no valid identity', 'claims');
    return identity.data;
  };
}
