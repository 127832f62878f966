// Encryption of personal data at rest (AES-256-GCM, a fresh 96-bit nonce per value, the key id stored with
// the value so that old values stay readable after a key rotation, until `rotate-keys` re-encrypts them), and
// keyed hashes for search and pseudonyms (HMAC-SHA-256).
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { PersonalDataKeys } from './keys';

const FORMAT = 'v1';

export class PersonalDataCipher {
  constructor(private readonly keys: PersonalDataKeys) {
    if (!keys.encryption[keys.current]) throw new Error(`no personal data key named ${keys.current}`);
  }

  /** `v1:<key id>:<nonce>:<tag>:<ciphertext>`, base64url parts. */
  encrypt(plaintext: string): string {
    const key = this.keys.encryption[this.keys.current] as Buffer;
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, this.keys.current, nonce, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join(':');
  }

  /** The id of the key new values are encrypted with. */
  get currentKeyId(): string {
    return this.keys.current;
  }

  decrypt(stored: string): string {
    const [format, keyId, nonce, tag, ciphertext] = stored.split(':');
    const known = keyId !== undefined && Object.hasOwn(this.keys.encryption, keyId);
    const key = known ? this.keys.encryption[keyId] : undefined;
    if (format !== FORMAT || !key || !nonce || !tag || ciphertext === undefined) {
      const missing = format === FORMAT && keyId && !known ? ': PERSONAL_DATA_KEYS does not hold that key' : '';
      throw new Error(`cannot decrypt a value encrypted with key ${keyId ?? '?'}${missing}`);
    }
    // The full 16-byte tag only: a shortened tag would make a forged value far easier to guess.
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'), { authTagLength: 16 });
    try {
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch (error) {
      throw new Error(
        `cannot decrypt a value encrypted with key ${keyId}: it does not authenticate (another key under that id, or an altered value)`,
        { cause: error },
      );
    }
  }

  /** The key id a stored value was encrypted with (to find values still under an old key). */
  static keyIdOf(stored: string): string | undefined {
    return stored.split(':')[1];
  }

  /** The searchable hash of a CPR number: finds a person without decrypting anything. */
  cprHash(digits: string): string {
    return createHmac('sha256', this.keys.cprHash).update(`cpr:${digits}`).digest('hex');
  }

  /** A household's pseudonym for other subgraphs: stable, and not reversible without the key. */
  pseudonym(householdId: string): string {
    return createHmac('sha256', this.keys.pseudonym).update(`household:${householdId}`).digest('hex').slice(0, 32);
  }
}
