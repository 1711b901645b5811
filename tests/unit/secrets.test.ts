import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  checkEncryptionKeys,
  decryptSecret,
  encryptSecret,
  keyIdOf,
  needsReencryption,
} from '~/modules/auth/secrets.server';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const hexKey = () => randomBytes(32).toString('hex');

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('secrets encrypted at rest', () => {
  it('stores a versioned AES-GCM value with its key id, never the plaintext', () => {
    vi.stubEnv('ENCRYPTION_KEY', hexKey());
    const stored = encryptSecret(SECRET, 'users.totp_secret:u1');
    expect(stored).toMatch(/^v1:[\w-]{8}:[\w-]{16}:[\w-]+$/);
    expect(stored).not.toContain(SECRET);
    expect(encryptSecret(SECRET, 'users.totp_secret:u1')).not.toBe(stored); // a fresh IV each time
    expect(decryptSecret(stored, 'users.totp_secret:u1')).toBe(SECRET);
  });

  it('does not decrypt under another context, a changed value or another key', () => {
    vi.stubEnv('ENCRYPTION_KEY', hexKey());
    const stored = encryptSecret(SECRET, 'users.totp_secret:u1');
    expect(() => decryptSecret(stored, 'users.totp_secret:u2')).toThrow(/unable to authenticate data/);
    const [v, id, iv, data] = stored.split(':');
    const flipped = Buffer.from(data, 'base64url');
    flipped[0] ^= 1;
    expect(() => decryptSecret([v, id, iv, flipped.toString('base64url')].join(':'), 'users.totp_secret:u1')).toThrow(
      /unable to authenticate data/,
    );
    vi.stubEnv('ENCRYPTION_KEY', hexKey());
    expect(() => decryptSecret(stored, 'users.totp_secret:u1')).toThrow(
      /neither ENCRYPTION_KEY nor ENCRYPTION_KEY_PREVIOUS/,
    );
  });

  it('decrypts with ENCRYPTION_KEY_PREVIOUS during a rotation, and says what needs re-encrypting', () => {
    const old = hexKey();
    vi.stubEnv('ENCRYPTION_KEY', old);
    const stored = encryptSecret(SECRET, 'ctx');
    expect(needsReencryption(stored)).toBe(false);
    vi.stubEnv('ENCRYPTION_KEY', randomBytes(32).toString('base64'));
    vi.stubEnv('ENCRYPTION_KEY_PREVIOUS', old);
    expect(decryptSecret(stored, 'ctx')).toBe(SECRET);
    expect(needsReencryption(stored)).toBe(true);
    const again = encryptSecret(decryptSecret(stored, 'ctx'), 'ctx');
    expect(keyIdOf(again)).not.toBe(keyIdOf(stored));
    expect(needsReencryption(again)).toBe(false);
  });

  it('reads legacy plaintext as it is, and marks it for re-encryption', () => {
    expect(decryptSecret(SECRET, 'ctx')).toBe(SECRET);
    expect(needsReencryption(SECRET)).toBe(true);
  });

  it('requires a well-formed key in production, and has a development key otherwise', () => {
    vi.stubEnv('ENCRYPTION_KEY', '');
    vi.stubEnv('NODE_ENV', 'production');
    expect(() => checkEncryptionKeys()).toThrow(/ENCRYPTION_KEY is not set/);
    expect(() => encryptSecret(SECRET, 'ctx')).toThrow(/ENCRYPTION_KEY is not set/);
    vi.stubEnv('ENCRYPTION_KEY', 'too-short');
    expect(() => checkEncryptionKeys()).toThrow(/32 random bytes/);
    vi.stubEnv('ENCRYPTION_KEY', randomBytes(32).toString('base64url'));
    expect(() => checkEncryptionKeys()).not.toThrow();
    vi.stubEnv('ENCRYPTION_KEY_PREVIOUS', 'nope');
    expect(() => checkEncryptionKeys()).toThrow(/ENCRYPTION_KEY_PREVIOUS must be/);
    vi.stubEnv('ENCRYPTION_KEY_PREVIOUS', '');
    vi.stubEnv('NODE_ENV', 'test');
    vi.stubEnv('ENCRYPTION_KEY', '');
    expect(decryptSecret(encryptSecret(SECRET, 'ctx'), 'ctx')).toBe(SECRET);
  });
});
