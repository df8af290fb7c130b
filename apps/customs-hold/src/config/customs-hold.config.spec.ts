import { ConfigValidationError, loadConfig } from '@cargo/service-runtime';
import { CustomsHoldConfig, rulesConfigOf } from './customs-hold.config';

function problems(env: Record<string, string>): string {
  try {
    loadConfig(CustomsHoldConfig, env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.message;
    throw error;
  }
  return '';
}

describe('CustomsHoldConfig', () => {
  it('defaults to the documented shares and e-commerce rules', () => {
    expect(rulesConfigOf(loadConfig(CustomsHoldConfig, {}))).toEqual({
      screeningShares: { A: 0.02, B: 0.1, C: 0.3, D: 1 },
      ecommerce: { maxDeclaredValuePerKgCny: 3000, blacklistedHsPrefixes: ['93', '2402', '2403', '7106', '7108'], sampleShare: 0.05 },
    });
  });

  it('reads overrides from the environment', () => {
    const config = rulesConfigOf(loadConfig(CustomsHoldConfig, { SCREENING_SHARE_A: '0', SCREENING_SHARE_D: '0.5', ECOMMERCE_BLACKLISTED_HS_PREFIXES: '9303' }));
    expect(config.screeningShares).toEqual({ A: 0, B: 0.1, C: 0.3, D: 0.5 });
    expect(config.ecommerce.blacklistedHsPrefixes).toEqual(['9303']);
  });

  it.each([
    [{ SCREENING_SHARE_B: '1.5' }, /SCREENING_SHARE_B: SCREENING_SHARE_B must be a share between 0 and 1/],
    [{ SCREENING_SHARE_C: 'lots' }, /SCREENING_SHARE_C: SCREENING_SHARE_C must be a share between 0 and 1/],
    [{ SCREENING_SHARE_A: '0.5' }, /SCREENING_SHARE_B: SCREENING_SHARE_B \(0.1\) must not be below SCREENING_SHARE_A \(0.5\)/],
    [{ ECOMMERCE_SAMPLE_SHARE: '-0.1' }, /ECOMMERCE_SAMPLE_SHARE/],
    [{ ECOMMERCE_MAX_VALUE_PER_KG_CNY: '0' }, /ECOMMERCE_MAX_VALUE_PER_KG_CNY must be a positive number/],
    [{ ECOMMERCE_BLACKLISTED_HS_PREFIXES: '93,24.02' }, /ECOMMERCE_BLACKLISTED_HS_PREFIXES must be comma-separated HS code prefixes/],
  ])('rejects %j at boot, naming the variable', (env, message) => {
    expect(problems(env as Record<string, string>)).toMatch(message);
  });
});
