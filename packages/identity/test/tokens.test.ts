import { type JSONWebKeySet, SignJWT, generateKeyPair } from 'jose';
import {
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  type Identity,
  type SigningKey,
  TokenError,
  type TokenVerifier,
  createTokenVerifier,
  generateKeyPairDocuments,
  signUserToken,
  signingKeyFromJwk,
} from '../src';

const caseworker: Identity = {
  subject: 'anna@aarhus.dk',
  organisation: { type: 'MUNICIPALITY', id: '751' },
  roles: ['caseworker'],
};

const nowSeconds = () => Math.floor(Date.now() / 1000);

async function createKeys(kid: string): Promise<{ signingKey: SigningKey; publicJwks: JSONWebKeySet }> {
  const documents = await generateKeyPairDocuments(kid);
  return { signingKey: await signingKeyFromJwk(documents.privateJwk), publicJwks: documents.publicJwks };
}

let trusted: { signingKey: SigningKey; publicJwks: JSONWebKeySet };
let verify: TokenVerifier;

beforeAll(async () => {
  trusted = await createKeys('trusted-key');
  verify = createTokenVerifier({ issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE, jwks: trusted.publicJwks });
});

function sign(
  who: Identity,
  options: Partial<{ issuer: string; audience: string; expiresIn: string | number; key: SigningKey }> = {},
) {
  return signUserToken(options.key ?? trusted.signingKey, who, {
    issuer: options.issuer ?? DEFAULT_ISSUER,
    audience: options.audience ?? DEFAULT_AUDIENCE,
    expiresIn: options.expiresIn ?? '15m',
  });
}

/** Signs arbitrary claims with the trusted key, bypassing signUserToken's own check of the identity. */
function signRaw(claims: Record<string, unknown>, configure: (jwt: SignJWT) => SignJWT = (jwt) => jwt) {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: trusted.signingKey.kid, typ: 'JWT' })
    .setIssuer(DEFAULT_ISSUER)
    .setAudience(DEFAULT_AUDIENCE)
    .setIssuedAt();
  return configure(jwt).sign(trusted.signingKey.privateKey);
}

async function refusal(token: string, verifier: TokenVerifier = verify): Promise<TokenError> {
  const error: unknown = await verifier(token).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TokenError);
  return error as TokenError;
}

describe('createTokenVerifier', () => {
  test('turns a valid token into the identity it was signed for', async () => {
    await expect(verify(await sign(caseworker))).resolves.toEqual(caseworker);
  });

  test('keeps several roles and a non-municipal organisation', async () => {
    const letting: Identity = {
      subject: 'lars@kab.dk',
      organisation: { type: 'HOUSING_ORGANISATION', id: 'kab' },
      roles: ['letting-officer'],
    };
    const finance: Identity = { ...caseworker, roles: ['caseworker', 'finance-officer'] };
    await expect(verify(await sign(letting))).resolves.toEqual(letting);
    await expect(verify(await sign(finance))).resolves.toEqual(finance);
  });

  test('accepts a token whose absolute expiry is in the future', async () => {
    await expect(verify(await sign(caseworker, { expiresIn: nowSeconds() + 600 }))).resolves.toEqual(caseworker);
  });

  test('refuses an expired token with reason "expired"', async () => {
    const token = await sign(caseworker, { expiresIn: nowSeconds() - 3600 });
    const error = await refusal(token);
    expect(error.reason).toBe('expired');
    expect(error.name).toBe('TokenError');
  });

  test('refuses a token that expired a few seconds ago (no clock tolerance)', async () => {
    const error = await refusal(await sign(caseworker, { expiresIn: nowSeconds() - 5 }));
    expect(error.reason).toBe('expired');
  });

  test('refuses a token signed by another key with the same kid, with reason "signature"', async () => {
    const impostor = await createKeys('trusted-key');
    const error = await refusal(await sign(caseworker, { key: impostor.signingKey }));
    expect(error.reason).toBe('signature');
  });

  test('refuses a token signed by an unknown key id, with reason "signature"', async () => {
    const stranger = await createKeys('stranger-key');
    const error = await refusal(await sign(caseworker, { key: stranger.signingKey }));
    expect(error.reason).toBe('signature');
  });

  test('a verifier that trusts the other key accepts that key and refuses the first one', async () => {
    const other = await createKeys('other-key');
    const otherVerifier = createTokenVerifier({
      issuer: DEFAULT_ISSUER,
      audience: DEFAULT_AUDIENCE,
      jwks: other.publicJwks,
    });
    await expect(otherVerifier(await sign(caseworker, { key: other.signingKey }))).resolves.toEqual(caseworker);
    expect((await refusal(await sign(caseworker), otherVerifier)).reason).toBe('signature');
  });

  test('refuses a token from another issuer with reason "claims"', async () => {
    const error = await refusal(await sign(caseworker, { issuer: 'someone-else' }));
    expect(error.reason).toBe('claims');
    expect(error.message).toContain('"iss"');
  });

  test('refuses a token for another audience with reason "claims"', async () => {
    const error = await refusal(await sign(caseworker, { audience: 'another-platform' }));
    expect(error.reason).toBe('claims');
    expect(error.message).toContain('"aud"');
  });

  test.each(['', 'garbage', 'a.b.c', 'eyJhbGciOiJFUzI1NiJ9.e30', 'e30.e30.c2ln', 'not.a.jwt.at.all'])(
    'refuses %j with reason "malformed"',
    async (token) => {
      expect((await refusal(token)).reason).toBe('malformed');
    },
  );

  test('refuses a well-formed token whose signature is not a signature, with reason "signature"', async () => {
    const token = await sign(caseworker);
    const unsigned = token.slice(0, token.lastIndexOf('.') + 1);
    expect((await refusal(unsigned)).reason).toBe('signature');
    expect((await refusal(`${unsigned}c2ln`)).reason).toBe('signature');
  });

  test('refuses a token whose payload was altered after signing', async () => {
    const [header, payload, signature] = (await sign(caseworker)).split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['caseworker', 'finance-officer'] })).toString(
      'base64url',
    );
    expect((await refusal(`${header}.${forged}.${signature}`)).reason).toBe('signature');
  });

  test('refuses a token whose roles do not fit its organisation type, with reason "claims"', async () => {
    const token = await signRaw({ org: { type: 'HOUSING_ORGANISATION', id: 'kab' }, roles: ['caseworker'] }, (jwt) =>
      jwt.setSubject('mallory').setExpirationTime('5m'),
    );
    const error = await refusal(token);
    expect(error.reason).toBe('claims');
    expect(error.message).toBe('role caseworker belongs to a MUNICIPALITY, not a HOUSING_ORGANISATION');
  });

  test('refuses a token naming a municipality by something other than its 3-digit code', async () => {
    const token = await signRaw({ org: { type: 'MUNICIPALITY', id: 'aarhus' }, roles: ['caseworker'] }, (jwt) =>
      jwt.setSubject('anna').setExpirationTime('5m'),
    );
    expect((await refusal(token)).reason).toBe('claims');
  });

  test.each([
    ['no organisation', { roles: ['caseworker'] }],
    ['no roles', { org: { type: 'MUNICIPALITY', id: '751' } }],
    ['empty roles', { org: { type: 'MUNICIPALITY', id: '751' }, roles: [] }],
    ['an unknown role', { org: { type: 'MUNICIPALITY', id: '751' }, roles: ['mayor'] }],
    ['an organisation as a string', { org: 'MUNICIPALITY:751', roles: ['caseworker'] }],
  ])('refuses a token with %s, with reason "claims"', async (_what, claims) => {
    const token = await signRaw(claims, (jwt) => jwt.setSubject('anna').setExpirationTime('5m'));
    expect((await refusal(token)).reason).toBe('claims');
  });

  test('refuses a token without an expiry, with reason "claims"', async () => {
    const token = await signRaw({ org: caseworker.organisation, roles: ['caseworker'] }, (jwt) =>
      jwt.setSubject('anna'),
    );
    const error = await refusal(token);
    expect(error.reason).toBe('claims');
    expect(error.message).toContain('"exp"');
  });

  test('refuses a token without a subject, with reason "claims"', async () => {
    const token = await signRaw({ org: caseworker.organisation, roles: ['caseworker'] }, (jwt) =>
      jwt.setExpirationTime('5m'),
    );
    expect((await refusal(token)).reason).toBe('claims');
  });

  test('refuses a token that is not valid yet', async () => {
    const token = await signRaw({ org: caseworker.organisation, roles: ['caseworker'] }, (jwt) =>
      jwt
        .setSubject('anna')
        .setNotBefore(nowSeconds() + 3600)
        .setExpirationTime(nowSeconds() + 7200),
    );
    expect((await refusal(token)).reason).toBe('claims');
  });

  test('refuses a token signed with a symmetric algorithm, even with a key the verifier would accept', async () => {
    const token = await new SignJWT({ org: caseworker.organisation, roles: ['caseworker'] })
      .setProtectedHeader({ alg: 'HS256', kid: trusted.signingKey.kid })
      .setIssuer(DEFAULT_ISSUER)
      .setAudience(DEFAULT_AUDIENCE)
      .setSubject('anna')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('a shared secret that nobody should trust here'));
    await refusal(token);
  });

  test('refuses a token signed with ES384 by an otherwise valid key pair', async () => {
    const { privateKey } = await generateKeyPair('ES384');
    const token = await new SignJWT({ org: caseworker.organisation, roles: ['caseworker'] })
      .setProtectedHeader({ alg: 'ES384', kid: trusted.signingKey.kid })
      .setIssuer(DEFAULT_ISSUER)
      .setAudience(DEFAULT_AUDIENCE)
      .setSubject('anna')
      .setExpirationTime('5m')
      .sign(privateKey);
    await refusal(token);
  });

  test('needs trusted keys or a JWKS URL', () => {
    expect(() => createTokenVerifier({ issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE })).toThrow(
      'a token verifier needs trusted keys (jwks) or a JWKS URL',
    );
  });
});

describe('signUserToken and keys', () => {
  test('refuses to sign an identity whose roles do not fit its organisation', async () => {
    const inconsistent: Identity = { ...caseworker, organisation: { type: 'EVALUATOR', id: 'vive' } };
    await expect(sign(inconsistent)).rejects.toThrow('role caseworker belongs to a MUNICIPALITY, not a EVALUATOR');
  });

  test('writes the key id and algorithm into the token header', async () => {
    const [header] = (await sign(caseworker)).split('.') as [string];
    expect(JSON.parse(Buffer.from(header, 'base64url').toString('utf8'))).toEqual({
      alg: 'ES256',
      kid: 'trusted-key',
      typ: 'JWT',
    });
  });

  test('generateKeyPairDocuments publishes only the public half', async () => {
    const documents = await generateKeyPairDocuments('k-1');
    expect(documents.privateJwk).toMatchObject({ kid: 'k-1', alg: 'ES256', use: 'sig', kty: 'EC', crv: 'P-256' });
    expect(documents.privateJwk.d).toEqual(expect.any(String));
    expect(documents.publicJwks.keys).toHaveLength(1);
    expect(documents.publicJwks.keys[0]).toMatchObject({ kid: 'k-1', alg: 'ES256', use: 'sig' });
    expect(documents.publicJwks.keys[0]).not.toHaveProperty('d');
  });

  test('signingKeyFromJwk needs a kid and a private key', async () => {
    const { privateJwk, publicJwks } = await generateKeyPairDocuments('k-2');
    const { kid: _kid, ...withoutKid } = privateJwk;
    await expect(signingKeyFromJwk(withoutKid)).rejects.toThrow('a signing key needs a kid');
    await expect(signingKeyFromJwk({ kty: 'oct', k: 'c2VjcmV0', kid: 'hmac' })).rejects.toThrow();
    const key = await signingKeyFromJwk(privateJwk);
    expect(key.kid).toBe('k-2');
    expect(publicJwks.keys[0]?.kid).toBe('k-2');
  });
});

describe('createTokenVerifier with a cache', () => {
  const cached = () =>
    createTokenVerifier({
      issuer: DEFAULT_ISSUER,
      audience: DEFAULT_AUDIENCE,
      jwks: trusted.publicJwks,
      cache: { maxTokens: 100, maxAgeSeconds: 60 },
    });

  afterEach(() => jest.useRealTimers());

  it('accepts a token it verified again, with the same identity', async () => {
    const verifier = cached();
    const token = await sign(caseworker);
    await expect(verifier(token)).resolves.toEqual(caseworker);
    await expect(verifier(token)).resolves.toEqual(caseworker);
  });

  it('refuses a remembered token once it has expired', async () => {
    const verifier = cached();
    const start = Date.now();
    jest.useFakeTimers({ now: start, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const token = await sign(caseworker, { expiresIn: nowSeconds() + 30 });
    await expect(verifier(token)).resolves.toEqual(caseworker);
    jest.setSystemTime(start + 31_000);
    expect((await refusal(token, verifier)).reason).toBe('expired');
  });

  it('does not let a token with a changed signature through because the original is remembered', async () => {
    const verifier = cached();
    const token = await sign(caseworker);
    await verifier(token);
    const [header, payload, signature = ''] = token.split('.');
    const tampered = `${header}.${payload}.${signature.slice(0, -4)}${signature.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    expect((await refusal(tampered, verifier)).reason).toMatch(/signature|malformed/);
  });
});
