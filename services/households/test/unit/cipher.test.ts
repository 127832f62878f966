// Personal data at rest: AES-256-GCM with key rotation, keyed hashes, pseudonyms, and keys from the environment.
import { randomBytes } from 'node:crypto';
import { PersonalDataCipher } from '../../src/privacy/cipher';
import { generateKeys, keysFromEnvironment } from '../../src/privacy/keys';

const b64 = (bytes: Buffer) => bytes.toString('base64');

/** Replace one colon-separated part of a stored value. */
function withPart(stored: string, index: number, replace: (part: string) => string): string {
  const parts = stored.split(':');
  parts[index] = replace(parts[index]!);
  return parts.join(':');
}

/** Flip one bit of a base64url part. */
function flipBit(part: string, byte = 0): string {
  const bytes = Buffer.from(part, 'base64url');
  bytes[byte] = bytes[byte]! ^ 0x01;
  return bytes.toString('base64url');
}

describe('PersonalDataCipher: encryption', () => {
  const cipher = new PersonalDataCipher(generateKeys('a'));

  test.each([
    ['a CPR number', '0101901234'],
    ['an empty string', ''],
    ['Danish letters', 'Søren Åberg-Ærø'],
    ['other scripts and emoji', 'محمد · 张伟 · Ωμέγα · 👨‍👩‍👧‍👦'],
    ['colons and newlines', 'a:b:c\nd:e'],
    ['a long text', 'løsladt '.repeat(2000)],
  ])('round trip of %s', (_what, plaintext) => {
    const stored = cipher.encrypt(plaintext);
    expect(cipher.decrypt(stored)).toBe(plaintext);
  });

  test('the stored form is v1:<key id>:<nonce>:<tag>:<ciphertext>, base64url, without the plaintext', () => {
    const stored = cipher.encrypt('0101901234');
    const [format, keyId, nonce, tag, ciphertext, ...rest] = stored.split(':');
    expect(format).toBe('v1');
    expect(keyId).toBe('a');
    expect(Buffer.from(nonce!, 'base64url')).toHaveLength(12);
    expect(Buffer.from(tag!, 'base64url')).toHaveLength(16);
    expect(Buffer.from(ciphertext!, 'base64url')).toHaveLength(10);
    expect(rest).toEqual([]);
    for (const part of [nonce, tag, ciphertext]) expect(part).toMatch(/^[A-Za-z0-9_-]*$/);
    expect(stored).not.toContain('0101901234');
  });

  test('two encryptions of the same value differ (a fresh nonce each time), and both decrypt', () => {
    const first = cipher.encrypt('0101901234');
    const second = cipher.encrypt('0101901234');
    expect(first).not.toBe(second);
    expect(first.split(':')[2]).not.toBe(second.split(':')[2]);
    expect(cipher.decrypt(first)).toBe('0101901234');
    expect(cipher.decrypt(second)).toBe('0101901234');
  });

  test('nonces do not repeat over many encryptions', () => {
    const nonces = new Set(Array.from({ length: 1000 }, () => cipher.encrypt('x').split(':')[2]));
    expect(nonces.size).toBe(1000);
  });

  test('a tampered ciphertext fails to decrypt', () => {
    const stored = cipher.encrypt('0101901234');
    expect(() => cipher.decrypt(withPart(stored, 4, (part) => flipBit(part)))).toThrow();
    expect(() => cipher.decrypt(withPart(stored, 4, (part) => flipBit(part, 9)))).toThrow();
  });

  test('a tampered tag or nonce fails to decrypt', () => {
    const stored = cipher.encrypt('0101901234');
    expect(() => cipher.decrypt(withPart(stored, 3, (part) => flipBit(part, 15)))).toThrow();
    expect(() => cipher.decrypt(withPart(stored, 2, (part) => flipBit(part)))).toThrow();
  });

  test('a ciphertext cut short or lengthened fails to decrypt', () => {
    const stored = cipher.encrypt('0101901234');
    const cut = withPart(stored, 4, (part) => Buffer.from(part, 'base64url').subarray(0, 9).toString('base64url'));
    const longer = withPart(stored, 4, (part) =>
      Buffer.concat([Buffer.from(part, 'base64url'), Buffer.from([0])]).toString('base64url'),
    );
    expect(() => cipher.decrypt(cut)).toThrow();
    expect(() => cipher.decrypt(longer)).toThrow();
  });

  test('the parts of two values cannot be swapped', () => {
    const one = cipher.encrypt('0101901234').split(':');
    const two = cipher.encrypt('0202901234').split(':');
    expect(() => cipher.decrypt([...one.slice(0, 4), two[4]].join(':'))).toThrow();
    expect(() => cipher.decrypt([...two.slice(0, 3), one[3], two[4]].join(':'))).toThrow();
  });

  // Without a fixed tag length Node would accept a tag cut to 4 bytes (a prefix of the real one still verifies),
  // making a forged value a 1 in 2^32 guess instead of 1 in 2^128.
  test.each([4, 8, 12, 15])('a tag cut to %d bytes is refused', (length) => {
    const stored = cipher.encrypt('0101901234');
    const shortened = withPart(stored, 3, (part) =>
      Buffer.from(part, 'base64url').subarray(0, length).toString('base64url'),
    );
    expect(() => cipher.decrypt(shortened)).toThrow();
  });

  test.each([
    ['not the v1 format', (s: string) => s.replace(/^v1:/, 'v2:')],
    ['no format at all', (s: string) => s.split(':').slice(1).join(':')],
    ['missing the ciphertext part', (s: string) => s.split(':').slice(0, 4).join(':')],
    ['an empty nonce', (s: string) => withPart(s, 2, () => '')],
    ['an empty tag', (s: string) => withPart(s, 3, () => '')],
  ])('a stored value with %s is refused with a clear error', (_what, damage) => {
    expect(() => cipher.decrypt(damage(cipher.encrypt('0101901234')))).toThrow(
      /^cannot decrypt a value encrypted with key/,
    );
  });

  test('an empty or plain value is refused with a clear error', () => {
    expect(() => cipher.decrypt('')).toThrow('cannot decrypt a value encrypted with key ?');
    expect(() => cipher.decrypt('0101901234')).toThrow('cannot decrypt a value encrypted with key ?');
  });

  test('a cipher whose current key is missing cannot be made', () => {
    const keys = generateKeys('a');
    expect(() => new PersonalDataCipher({ ...keys, current: 'b' })).toThrow('no personal data key named b');
  });
});

describe('PersonalDataCipher: key rotation', () => {
  const a = generateKeys('A');
  const keyA = a.encryption.A!;
  const keyB = randomBytes(32);
  const before = new PersonalDataCipher(a);
  const rotated = new PersonalDataCipher({ ...a, encryption: { A: keyA, B: keyB }, current: 'B' });

  test('a value encrypted under key A still decrypts after rotating to B', () => {
    const old = before.encrypt('0101901234');
    expect(PersonalDataCipher.keyIdOf(old)).toBe('A');
    expect(rotated.decrypt(old)).toBe('0101901234');
  });

  test('new values use the current key B', () => {
    const fresh = rotated.encrypt('0202901234');
    expect(PersonalDataCipher.keyIdOf(fresh)).toBe('B');
    expect(rotated.decrypt(fresh)).toBe('0202901234');
  });

  test('a cipher without key B cannot read values under B', () => {
    const fresh = rotated.encrypt('0202901234');
    expect(() => before.decrypt(fresh)).toThrow('cannot decrypt a value encrypted with key B');
  });

  test('a value under an unknown key id fails with a clear error', () => {
    const stored = withPart(before.encrypt('0101901234'), 1, () => 'Z');
    expect(PersonalDataCipher.keyIdOf(stored)).toBe('Z');
    expect(() => rotated.decrypt(stored)).toThrow('cannot decrypt a value encrypted with key Z');
  });

  test('the error for a key the service does not hold says so', () => {
    const stored = withPart(before.encrypt('0101901234'), 1, () => 'Z');
    expect(() => rotated.decrypt(stored)).toThrow(
      'cannot decrypt a value encrypted with key Z: PERSONAL_DATA_KEYS does not hold that key',
    );
  });

  test('a value under a key id the service holds with other key bytes fails as not authentic, not as garbage', () => {
    const impostor = new PersonalDataCipher({ ...a, encryption: { A: randomBytes(32) }, current: 'A' });
    expect(() => rotated.decrypt(impostor.encrypt('0101901234'))).toThrow(
      'cannot decrypt a value encrypted with key A: it does not authenticate (another key under that id, or an altered value)',
    );
  });

  test('currentKeyId names the key new values are encrypted with', () => {
    expect(before.currentKeyId).toBe('A');
    expect(rotated.currentKeyId).toBe('B');
  });

  test('relabelling a value with the other key id fails (the key is used, not just the label)', () => {
    const underA = before.encrypt('0101901234');
    expect(() => rotated.decrypt(withPart(underA, 1, () => 'B'))).toThrow();
  });

  // A key id named after an inherited property of plain objects is no key either.
  test.each(['constructor', 'toString', 'hasOwnProperty'])(
    'an unknown key id %s named after an Object property fails with the same clear error',
    (keyId) => {
      const stored = withPart(before.encrypt('0101901234'), 1, () => keyId);
      expect(() => rotated.decrypt(stored)).toThrow(`cannot decrypt a value encrypted with key ${keyId}`);
    },
  );

  test('keyIdOf reads the id without decrypting', () => {
    expect(PersonalDataCipher.keyIdOf('v1:k20260101:n:t:c')).toBe('k20260101');
    expect(PersonalDataCipher.keyIdOf('plain')).toBeUndefined();
  });
});

describe('PersonalDataCipher: cprHash and pseudonym', () => {
  const keys = generateKeys('a');
  const cipher = new PersonalDataCipher(keys);
  const sameKeys = new PersonalDataCipher({ ...keys, encryption: { x: randomBytes(32) }, current: 'x' });
  const otherKeys = new PersonalDataCipher(generateKeys('a'));

  test('cprHash is a deterministic 64-character hex HMAC per hash key', () => {
    const hash = cipher.cprHash('0101901234');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(cipher.cprHash('0101901234')).toBe(hash);
    // Depends on the hash key only, not on the encryption keys.
    expect(sameKeys.cprHash('0101901234')).toBe(hash);
  });

  test('cprHash differs between numbers and between keys', () => {
    expect(cipher.cprHash('0101901234')).not.toBe(cipher.cprHash('0101901235'));
    expect(otherKeys.cprHash('0101901234')).not.toBe(cipher.cprHash('0101901234'));
    expect(cipher.cprHash('0101901234')).not.toContain('0101901234');
  });

  test('the pseudonym is stable, 32 hex characters, and not the household id', () => {
    const id = '7f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
    const pseudonym = cipher.pseudonym(id);
    expect(pseudonym).toMatch(/^[0-9a-f]{32}$/);
    expect(cipher.pseudonym(id)).toBe(pseudonym);
    expect(sameKeys.pseudonym(id)).toBe(pseudonym);
    expect(pseudonym).not.toBe(id);
    expect(pseudonym).not.toBe(id.replaceAll('-', ''));
    expect(pseudonym).not.toContain(id.replaceAll('-', '').slice(0, 8));
  });

  test('pseudonyms differ between households and between keys', () => {
    expect(cipher.pseudonym('household-1')).not.toBe(cipher.pseudonym('household-2'));
    expect(otherKeys.pseudonym('household-1')).not.toBe(cipher.pseudonym('household-1'));
  });

  test('a pseudonym is not the CPR hash of the same text', () => {
    expect(cipher.pseudonym('0101901234')).not.toBe(cipher.cprHash('0101901234').slice(0, 32));
  });
});

describe('generateKeys', () => {
  test('one fresh 32-byte key under the given id, and 32-byte hash and pseudonym keys', () => {
    const keys = generateKeys('mine');
    expect(Object.keys(keys.encryption)).toEqual(['mine']);
    expect(keys.current).toBe('mine');
    expect(keys.encryption.mine).toHaveLength(32);
    expect(keys.cprHash).toHaveLength(32);
    expect(keys.pseudonym).toHaveLength(32);
    expect(keys.cprHash.equals(keys.pseudonym)).toBe(false);
    expect(generateKeys('mine').encryption.mine!.equals(keys.encryption.mine!)).toBe(false);
  });

  test('the default id is k and the date', () => {
    expect(generateKeys().current).toMatch(/^k\d{8}$/);
  });
});

describe('keysFromEnvironment', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);
  const hash = randomBytes(32);
  const pseudonym = randomBytes(32);
  const env = (personalDataKeys: string | undefined, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    PERSONAL_DATA_KEYS: personalDataKeys,
    CPR_HASH_KEY: b64(hash),
    PSEUDONYM_KEY: b64(pseudonym),
    ...extra,
  });

  test('without PERSONAL_DATA_KEYS there are no keys', () => {
    expect(keysFromEnvironment({})).toBeNull();
    expect(keysFromEnvironment(env(undefined))).toBeNull();
    expect(keysFromEnvironment(env(''))).toBeNull();
  });

  test('parses id:base64 pairs; the first is current', () => {
    const keys = keysFromEnvironment(env(`new:${b64(k1)},old:${b64(k2)}`))!;
    expect(keys.current).toBe('new');
    expect(Object.keys(keys.encryption).sort()).toEqual(['new', 'old']);
    expect(keys.encryption.new!.equals(k1)).toBe(true);
    expect(keys.encryption.old!.equals(k2)).toBe(true);
    expect(keys.cprHash.equals(hash)).toBe(true);
    expect(keys.pseudonym.equals(pseudonym)).toBe(true);
  });

  test('a single key', () => {
    const keys = keysFromEnvironment(env(`k20260101:${b64(k1)}`))!;
    expect(keys.current).toBe('k20260101');
    expect(Object.keys(keys.encryption)).toEqual(['k20260101']);
  });

  test('spaces around pairs and an empty pair are ignored', () => {
    const keys = keysFromEnvironment(env(` a:${b64(k1)} , b:${b64(k2)} ,`))!;
    expect(keys.current).toBe('a');
    expect(Object.keys(keys.encryption).sort()).toEqual(['a', 'b']);
  });

  test('the keys work: a value encrypted under the old key reads with the environment keys', () => {
    const base = { cprHash: hash, pseudonym };
    const old = new PersonalDataCipher({ ...base, encryption: { old: k2 }, current: 'old' }).encrypt('0101901234');
    const cipher = new PersonalDataCipher(keysFromEnvironment(env(`new:${b64(k1)},old:${b64(k2)}`))!);
    expect(cipher.decrypt(old)).toBe('0101901234');
    expect(PersonalDataCipher.keyIdOf(cipher.encrypt('x'))).toBe('new');
    expect(cipher.cprHash('0101901234')).toBe(
      new PersonalDataCipher({ ...base, encryption: { o: k2 }, current: 'o' }).cprHash('0101901234'),
    );
  });

  test('CPR_HASH_KEY and PSEUDONYM_KEY are required', () => {
    const message = 'CPR_HASH_KEY and PSEUDONYM_KEY are required with PERSONAL_DATA_KEYS';
    expect(() => keysFromEnvironment({ PERSONAL_DATA_KEYS: `a:${b64(k1)}` })).toThrow(message);
    expect(() => keysFromEnvironment(env(`a:${b64(k1)}`, { CPR_HASH_KEY: undefined }))).toThrow(message);
    expect(() => keysFromEnvironment(env(`a:${b64(k1)}`, { PSEUDONYM_KEY: '' }))).toThrow(message);
  });

  test.each([0, 16, 31, 33, 64])('refuses a personal data key of %d bytes', (length) => {
    expect(() => keysFromEnvironment(env(`a:${b64(k1)},b:${b64(randomBytes(length))}`))).toThrow(
      length === 0
        ? 'PERSONAL_DATA_KEYS is a list of id:base64key'
        : 'personal data key b must be 32 bytes, base64-encoded',
    );
  });

  test.each([16, 31, 33])('refuses a CPR_HASH_KEY or PSEUDONYM_KEY of %d bytes', (length) => {
    const short = b64(randomBytes(length));
    expect(() => keysFromEnvironment(env(`a:${b64(k1)}`, { CPR_HASH_KEY: short }))).toThrow(
      'CPR_HASH_KEY must be 32 bytes, base64-encoded',
    );
    expect(() => keysFromEnvironment(env(`a:${b64(k1)}`, { PSEUDONYM_KEY: short }))).toThrow(
      'PSEUDONYM_KEY must be 32 bytes, base64-encoded',
    );
  });

  test('refuses a key given as hex or text rather than base64', () => {
    expect(() => keysFromEnvironment(env(`a:${k1.toString('hex')}`))).toThrow('must be 32 bytes');
    expect(() => keysFromEnvironment(env(`a:${b64(k1)}`, { CPR_HASH_KEY: 'secret' }))).toThrow('must be 32 bytes');
  });

  test.each([
    ['a pair without a key', 'a'],
    ['a pair without an id', `:${b64(k1)}`],
    ['an id with other characters', `a b:${b64(k1)}`],
    ['an id over 32 characters', `${'a'.repeat(33)}:${b64(k1)}`],
  ])('refuses %s', (_what, value) => {
    expect(() => keysFromEnvironment(env(value))).toThrow('PERSONAL_DATA_KEYS is a list of id:base64key');
  });

  test('accepts ids of letters, digits, _ and - up to 32 characters', () => {
    const id = `K_2026-01-${'x'.repeat(22)}`;
    expect(id).toHaveLength(32);
    expect(keysFromEnvironment(env(`${id}:${b64(k1)}`))!.current).toBe(id);
  });
});
