import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Station API keys: `sik_<keyId>_<secret>`, where `keyId` (12 hex characters) names the key in the
 * store and `secret` is 32 random bytes (base64url). Only SHA-256 of the whole key is stored: a
 * 256-bit random secret needs no slow hash, and a leaked table reveals no usable key.
 *
 * Invariants: the plain key exists only in the response that created it; verification looks the
 * key up by `keyId` and compares hashes in constant time.
 */
export const API_KEY_PATTERN = /^sik_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

interface IssuedApiKey {
  keyId: string;
  /** The key to hand to the station once. */
  plainKey: string;
  /** SHA-256 hex of `plainKey`: what is stored. */
  keyHash: string;
}

export function issueApiKey(random: (size: number) => Buffer = randomBytes): IssuedApiKey {
  const keyId = random(6).toString('hex');
  const secret = random(32).toString('base64url');
  const plainKey = `sik_${keyId}_${secret}`;
  return { keyId, plainKey, keyHash: hashApiKey(plainKey) };
}

/** The key id of a well-formed key, or undefined (then it cannot be valid). */
export function keyIdOf(plainKey: string): string | undefined {
  return API_KEY_PATTERN.exec(plainKey)?.[1];
}

export function hashApiKey(plainKey: string): string {
  return createHash('sha256').update(plainKey, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented key with a stored SHA-256 hex hash. */
export function apiKeyMatches(plainKey: string, storedHash: string): boolean {
  const presented = createHash('sha256').update(plainKey, 'utf8').digest();
  const stored = Buffer.from(storedHash, 'hex');
  return stored.length === presented.length && timingSafeEqual(presented, stored);
}

/** Constant-time comparison of two secrets of any length (hashes both first). */
export function secretsEqual(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
