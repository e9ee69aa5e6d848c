import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Personal identity numbers at rest: AES-256-GCM with a random 12-byte IV per value (stored as
 * base64 of IV, tag and ciphertext), under the key of the configuration (LUPP_PERSONAL_DATA_KEY). A keyed
 * hash (HMAC-SHA256 with a key derived from it) finds the same person twice without decrypting anything.
 */
export function seal(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
}

export function open(key: Buffer, sealed: string): string {
  const bytes = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
}

export function blindIndex(key: Buffer, value: string): string {
  const indexKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'lupp personnummer index', 32));
  return createHmac('sha256', indexKey).update(value).digest('base64url');
}
