// Secrets the server must read back (TOTP secrets) are stored encrypted with AES-256-GCM under
// ENCRYPTION_KEY, which lives in the server's environment and never in the database or a backup.
// A stored value is `v1:<key id>:<iv>:<ciphertext and tag>` (base64url); the key id says which key
// encrypted it, so ENCRYPTION_KEY_PREVIOUS still decrypts during a key rotation.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Used only when NODE_ENV is not production and ENCRYPTION_KEY is unset. */
const DEVELOPMENT_KEY = createHash('sha256').update('asuh development-only encryption key').digest();

type Key = { id: string; bytes: Buffer };

/** 32 bytes, written as 64 hex digits or as base64 / base64url. */
function parseKey(variable: string, value: string): Key {
  const text = value.trim();
  const hex = /^[0-9a-f]{64}$/i.test(text);
  if (!hex && !/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) {
    throw new Error(
      `${variable} must be 32 random bytes, as 64 hex digits or base64 (for example: openssl rand -base64 32).`,
    );
  }
  const bytes = Buffer.from(text, hex ? 'hex' : 'base64');
  return { id: createHash('sha256').update('asuh key id').update(bytes).digest('base64url').slice(0, 8), bytes };
}

/** The key new values are encrypted under. Throws in production when ENCRYPTION_KEY is unset or malformed. */
function currentKey(): Key {
  const value = process.env.ENCRYPTION_KEY;
  if (value) return parseKey('ENCRYPTION_KEY', value);
  if (process.env.NODE_ENV === 'production') {
    throw new Error(
      'ENCRYPTION_KEY is not set. Set it to 32 random bytes (openssl rand -base64 32) before starting Asuh in production.',
    );
  }
  return { id: 'dev', bytes: DEVELOPMENT_KEY };
}

function decryptionKeys(): Key[] {
  const previous = process.env.ENCRYPTION_KEY_PREVIOUS;
  return previous ? [currentKey(), parseKey('ENCRYPTION_KEY_PREVIOUS', previous)] : [currentKey()];
}

/** Throws the message to show when the configured keys are missing (production) or malformed. */
export function checkEncryptionKeys() {
  decryptionKeys();
}

/** What `asuh doctor` prints about the keys, without revealing them. */
export function describeEncryptionKeys() {
  try {
    const [current, previous] = decryptionKeys();
    const note = current.id === 'dev' ? 'unset (development key in use)' : `set (key id ${current.id})`;
    return { ok: true, text: previous ? `${note}; previous key id ${previous.id} still decrypts` : note };
  } catch (error) {
    return { ok: false, text: (error as Error).message };
  }
}

/**
 * `context` is authenticated with the value (AES-GCM additional data): a value copied to another
 * row or column (e.g. another user's secret) does not decrypt there.
 */
export function encryptSecret(plaintext: string, context: string): string {
  const key = currentKey();
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.bytes, iv);
  cipher.setAAD(Buffer.from(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, key.id, iv.toString('base64url'), ciphertext.toString('base64url')].join(':');
}

/** True for a value written before secrets were encrypted (a bare base32 TOTP secret has no ':'). */
export const isLegacyPlaintext = (stored: string) => !stored.startsWith(`${VERSION}:`);

/** The key id a stored value was encrypted under, or null for legacy plaintext. */
export const keyIdOf = (stored: string) => (isLegacyPlaintext(stored) ? null : stored.split(':')[1]);

/** True when the value is legacy plaintext or encrypted under a key other than the current one. */
export const needsReencryption = (stored: string) => keyIdOf(stored) !== currentKey().id;

/** Decrypts a stored value; legacy plaintext comes back as it is. Throws when no configured key fits. */
export function decryptSecret(stored: string, context: string): string {
  if (isLegacyPlaintext(stored)) return stored;
  const [, keyId, iv, data] = stored.split(':');
  const key = decryptionKeys().find((k) => k.id === keyId);
  if (!key)
    throw new Error(
      `A secret is encrypted under key id ${keyId}, which is neither ENCRYPTION_KEY nor ENCRYPTION_KEY_PREVIOUS.`,
    );
  const bytes = Buffer.from(data, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]).toString(
    'utf8',
  );
}
