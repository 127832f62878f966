import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import {
  GATEWAY_ASSERTION_TTL_SECONDS,
  GATEWAY_ISSUER,
  type GatewayAssertionVerifier,
  type Identity,
  MIN_SECRET_LENGTH,
  TokenError,
  createGatewayAssertionVerifier,
  generateGatewaySecret,
  signGatewayAssertion,
} from '../src';

const caseworker: Identity = {
  subject: 'anna@aarhus.dk',
  organisation: { type: 'MUNICIPALITY', id: '751' },
  roles: ['caseworker', 'finance-officer'],
};

const HOUSING_SECRET = 'housing-secret-0123456789-abcdefghij';
const STEERING_SECRET = 'steering-secret-0123456789-abcdefghi';

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The key id the gateway puts in the header: the first 16 hex digits of the secret's SHA-256. */
const kidOf = (secret: string) => createHash('sha256').update(secret).digest('hex').slice(0, 16);

function decodePart(token: string, index: 0 | 1): Record<string, unknown> {
  const part = token.split('.')[index] ?? '';
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

async function refusal(verify: GatewayAssertionVerifier, assertion: string | undefined): Promise<TokenError> {
  const error: unknown = await verify(assertion).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TokenError);
  return error as TokenError;
}

describe('gateway assertions', () => {
  const verifyHousing = createGatewayAssertionVerifier('housing', [HOUSING_SECRET]);

  test('a subgraph accepts an assertion the gateway signed for it, and reads the identity back', async () => {
    const assertion = await signGatewayAssertion(HOUSING_SECRET, 'housing', caseworker);
    await expect(verifyHousing(assertion)).resolves.toEqual(caseworker);
  });

  test('works with generated secrets', async () => {
    const secret = generateGatewaySecret();
    expect(secret.length).toBeGreaterThanOrEqual(MIN_SECRET_LENGTH);
    expect(generateGatewaySecret()).not.toBe(secret);
    const verify = createGatewayAssertionVerifier('steering', [secret]);
    await expect(verify(await signGatewayAssertion(secret, 'steering', caseworker))).resolves.toEqual(caseworker);
  });

  test('the assertion is an HS256 JWT for one subgraph that lives for the TTL', async () => {
    const now = nowSeconds();
    const assertion = await signGatewayAssertion(HOUSING_SECRET, 'housing', caseworker, now);
    expect(decodePart(assertion, 0)).toEqual({ alg: 'HS256', kid: kidOf(HOUSING_SECRET) });
    expect(decodePart(assertion, 1)).toEqual({
      iss: GATEWAY_ISSUER,
      aud: 'housing',
      sub: caseworker.subject,
      org: caseworker.organisation,
      roles: caseworker.roles,
      iat: now,
      exp: now + GATEWAY_ASSERTION_TTL_SECONDS,
    });
    expect(JSON.stringify(decodePart(assertion, 0))).not.toContain(HOUSING_SECRET.slice(0, 8));
  });

  test.each([undefined, ''])('refuses a request without an assertion (%j) with reason "missing"', async (header) => {
    const error = await refusal(verifyHousing, header);
    expect(error.reason).toBe('missing');
    expect(error.message).toBe('request did not come through the gateway');
  });

  test('refuses an assertion signed for another subgraph, even with the same secret', async () => {
    const forSteering = await signGatewayAssertion(HOUSING_SECRET, 'steering', caseworker);
    const error = await refusal(verifyHousing, forSteering);
    expect(error.reason).toBe('signature');
  });

  test("refuses another subgraph's assertion signed with that subgraph's own secret", async () => {
    const forSteering = await signGatewayAssertion(STEERING_SECRET, 'steering', caseworker);
    const error = await refusal(verifyHousing, forSteering);
    expect(error.reason).toBe('signature');
    expect(error.message).toBe('gateway assertion signed with an unknown secret');
  });

  test('refuses an assertion signed with an unknown secret', async () => {
    const assertion = await signGatewayAssertion(generateGatewaySecret(), 'housing', caseworker);
    const error = await refusal(verifyHousing, assertion);
    expect(error.reason).toBe('signature');
    expect(error.message).toBe('gateway assertion signed with an unknown secret');
  });

  test("refuses an assertion that borrows a known secret's key id but is signed with another secret", async () => {
    const forged = await new SignJWT({ org: caseworker.organisation, roles: caseworker.roles })
      .setProtectedHeader({ alg: 'HS256', kid: kidOf(HOUSING_SECRET) })
      .setIssuer(GATEWAY_ISSUER)
      .setAudience('housing')
      .setSubject(caseworker.subject)
      .setIssuedAt()
      .setExpirationTime('30s')
      .sign(new TextEncoder().encode(STEERING_SECRET));
    expect((await refusal(verifyHousing, forged)).reason).toBe('signature');
  });

  test('refuses an assertion without a key id', async () => {
    const assertion = await new SignJWT({ org: caseworker.organisation, roles: caseworker.roles })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(GATEWAY_ISSUER)
      .setAudience('housing')
      .setSubject(caseworker.subject)
      .setIssuedAt()
      .setExpirationTime('30s')
      .sign(new TextEncoder().encode(HOUSING_SECRET));
    expect((await refusal(verifyHousing, assertion)).reason).toBe('signature');
  });

  test('refuses an assertion from another issuer, even when signed with the right secret', async () => {
    const assertion = await new SignJWT({ org: caseworker.organisation, roles: caseworker.roles })
      .setProtectedHeader({ alg: 'HS256', kid: kidOf(HOUSING_SECRET) })
      .setIssuer('not-the-gateway')
      .setAudience('housing')
      .setSubject(caseworker.subject)
      .setIssuedAt()
      .setExpirationTime('30s')
      .sign(new TextEncoder().encode(HOUSING_SECRET));
    expect((await refusal(verifyHousing, assertion)).reason).toBe('signature');
  });

  test('refuses an unsigned assertion (alg none)', async () => {
    const valid = await signGatewayAssertion(HOUSING_SECRET, 'housing', caseworker);
    const header = Buffer.from(JSON.stringify({ alg: 'none', kid: kidOf(HOUSING_SECRET) })).toString('base64url');
    const payload = valid.split('.')[1] ?? '';
    await refusal(verifyHousing, `${header}.${payload}.`);
  });

  test('refuses an assertion whose payload was tampered with', async () => {
    const assertion = await signGatewayAssertion(HOUSING_SECRET, 'housing', caseworker);
    const [header, , signature] = assertion.split('.') as [string, string, string];
    const claims = decodePart(assertion, 1);
    const forged = Buffer.from(
      JSON.stringify({ ...claims, org: { type: 'PLATFORM', id: 'second-chance' }, roles: ['platform-admin'] }),
    ).toString('base64url');
    const error = await refusal(verifyHousing, `${header}.${forged}.${signature}`);
    expect(error.reason).toBe('signature');
    expect(error.message).toBe('gateway assertion is not valid');
  });

  test('refuses an assertion whose signature was tampered with', async () => {
    const assertion = await signGatewayAssertion(HOUSING_SECRET, 'housing', caseworker);
    const [header, payload, signature] = assertion.split('.') as [string, string, string];
    // The first character carries six whole bits of the MAC (the last one has unused padding bits).
    const altered = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    const error = await refusal(verifyHousing, `${header}.${payload}.${altered}`);
    expect(error.reason).toBe('signature');
  });

  test.each(['garbage', 'a.b.c'])('refuses %j', async (assertion) => {
    await refusal(verifyHousing, assertion);
  });

  test('refuses an expired assertion with reason "expired"', async () => {
    const assertion = await signGatewayAssertion(HOUSING_SECRET, 'housing', caseworker, nowSeconds() - 3600);
    const error = await refusal(verifyHousing, assertion);
    expect(error.reason).toBe('expired');
    expect(error.message).toBe('gateway assertion has expired');
  });

  test('refuses an assertion just past its lifetime and the clock tolerance', async () => {
    const signedAt = nowSeconds() - GATEWAY_ASSERTION_TTL_SECONDS - 30;
    const error = await refusal(
      verifyHousing,
      await signGatewayAssertion(HOUSING_SECRET, 'housing', caseworker, signedAt),
    );
    expect(error.reason).toBe('expired');
  });

  test('accepts an assertion signed a little while ago, within its lifetime', async () => {
    const assertion = await signGatewayAssertion(HOUSING_SECRET, 'housing', caseworker, nowSeconds() - 20);
    await expect(verifyHousing(assertion)).resolves.toEqual(caseworker);
  });

  test('refuses an assertion issued in the future', async () => {
    const assertion = await signGatewayAssertion(HOUSING_SECRET, 'housing', caseworker, nowSeconds() + 3600);
    await refusal(verifyHousing, assertion);
  });

  test('refuses a long-lived assertion whose issue time is older than the lifetime allows', async () => {
    // Signed with the right secret but with a far expiry: the verifier still bounds the age by `iat`.
    const assertion = await new SignJWT({ org: caseworker.organisation, roles: caseworker.roles })
      .setProtectedHeader({ alg: 'HS256', kid: kidOf(HOUSING_SECRET) })
      .setIssuer(GATEWAY_ISSUER)
      .setAudience('housing')
      .setSubject(caseworker.subject)
      .setIssuedAt(nowSeconds() - 600)
      .setExpirationTime(nowSeconds() + 3600)
      .sign(new TextEncoder().encode(HOUSING_SECRET));
    expect((await refusal(verifyHousing, assertion)).reason).toBe('expired');
  });

  test('refuses an assertion without an issue time', async () => {
    const assertion = await new SignJWT({ org: caseworker.organisation, roles: caseworker.roles })
      .setProtectedHeader({ alg: 'HS256', kid: kidOf(HOUSING_SECRET) })
      .setIssuer(GATEWAY_ISSUER)
      .setAudience('housing')
      .setSubject(caseworker.subject)
      .setExpirationTime('30s')
      .sign(new TextEncoder().encode(HOUSING_SECRET));
    await refusal(verifyHousing, assertion);
  });

  test('refuses an authentic assertion that carries an inconsistent identity, with reason "claims"', async () => {
    const inconsistent: Identity = { ...caseworker, organisation: { type: 'HOUSING_ORGANISATION', id: 'kab' } };
    const assertion = await signGatewayAssertion(HOUSING_SECRET, 'housing', inconsistent);
    const error = await refusal(verifyHousing, assertion);
    expect(error.reason).toBe('claims');
    expect(error.message).toBe('gateway assertion carries no valid identity');
  });
});

describe('secret rotation', () => {
  const OLD_SECRET = 'old-secret-0123456789-abcdefghijklmn';
  const NEW_SECRET = 'new-secret-0123456789-abcdefghijklmn';

  test('during rotation a subgraph accepts assertions signed with either secret', async () => {
    const verify = createGatewayAssertionVerifier('housing', [NEW_SECRET, OLD_SECRET]);
    const withOld = await signGatewayAssertion(OLD_SECRET, 'housing', caseworker);
    const withNew = await signGatewayAssertion(NEW_SECRET, 'housing', caseworker);
    await expect(verify(withOld)).resolves.toEqual(caseworker);
    await expect(verify(withNew)).resolves.toEqual(caseworker);
  });

  test('after rotation the old secret is refused and the new one accepted', async () => {
    const verify = createGatewayAssertionVerifier('housing', [NEW_SECRET]);
    const withOld = await signGatewayAssertion(OLD_SECRET, 'housing', caseworker);
    const error = await refusal(verify, withOld);
    expect(error.reason).toBe('signature');
    expect(error.message).toBe('gateway assertion signed with an unknown secret');
    await expect(verify(await signGatewayAssertion(NEW_SECRET, 'housing', caseworker))).resolves.toEqual(caseworker);
  });

  test('rotation does not let a secret of another subgraph in', async () => {
    const verify = createGatewayAssertionVerifier('housing', [NEW_SECRET, OLD_SECRET]);
    const assertion = await signGatewayAssertion(STEERING_SECRET, 'housing', caseworker);
    expect((await refusal(verify, assertion)).reason).toBe('signature');
  });
});

describe('secrets', () => {
  const short = 'x'.repeat(MIN_SECRET_LENGTH - 1);
  const message = `a gateway secret must have at least ${MIN_SECRET_LENGTH} characters`;

  test('MIN_SECRET_LENGTH is 32', () => {
    expect(MIN_SECRET_LENGTH).toBe(32);
  });

  test('a verifier refuses a secret shorter than 32 characters', () => {
    expect(() => createGatewayAssertionVerifier('housing', [short])).toThrow(message);
    expect(() => createGatewayAssertionVerifier('housing', [HOUSING_SECRET, short])).toThrow(message);
    expect(() => createGatewayAssertionVerifier('housing', [''])).toThrow(message);
  });

  test('signing refuses a secret shorter than 32 characters', async () => {
    await expect(signGatewayAssertion(short, 'housing', caseworker)).rejects.toThrow(message);
  });

  test('a secret of exactly 32 characters is enough', async () => {
    const secret = 'y'.repeat(MIN_SECRET_LENGTH);
    const verify = createGatewayAssertionVerifier('housing', [secret]);
    await expect(verify(await signGatewayAssertion(secret, 'housing', caseworker))).resolves.toEqual(caseworker);
  });

  test('a verifier needs at least one secret', () => {
    expect(() => createGatewayAssertionVerifier('housing', [])).toThrow(
      'subgraph housing needs at least one gateway secret',
    );
  });
});
