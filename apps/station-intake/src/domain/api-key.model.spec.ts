import { API_KEY_PATTERN, apiKeyMatches, hashApiKey, issueApiKey, keyIdOf, secretsEqual } from './api-key.model';

describe('station API keys', () => {
  it('issues distinct well-formed keys and stores only their SHA-256', () => {
    const a = issueApiKey();
    const b = issueApiKey();
    expect(a.plainKey).toMatch(API_KEY_PATTERN);
    expect(a.plainKey).not.toBe(b.plainKey);
    expect(keyIdOf(a.plainKey)).toBe(a.keyId);
    expect(a.keyHash).toBe(hashApiKey(a.plainKey));
    expect(a.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.keyHash).not.toContain(a.plainKey.slice(17));
  });

  it('matches the right key only', () => {
    const { plainKey, keyHash } = issueApiKey();
    expect(apiKeyMatches(plainKey, keyHash)).toBe(true);
    const tampered = plainKey.slice(0, -1) + (plainKey.endsWith('A') ? 'B' : 'A');
    expect(apiKeyMatches(tampered, keyHash)).toBe(false);
    expect(apiKeyMatches(plainKey, 'not-hex')).toBe(false);
  });

  it('has no key id for malformed keys', () => {
    expect(keyIdOf('')).toBeUndefined();
    expect(keyIdOf('sik_123_abc')).toBeUndefined();
    expect(keyIdOf('Bearer sik_0123456789ab_' + 'A'.repeat(43))).toBeUndefined();
  });

  it('compares admin secrets of any length', () => {
    expect(secretsEqual('admin-secret-0123456789abcdef', 'admin-secret-0123456789abcdef')).toBe(true);
    expect(secretsEqual('admin-secret', 'admin-secret-0123456789abcdef')).toBe(false);
    expect(secretsEqual('', 'x')).toBe(false);
  });
});
