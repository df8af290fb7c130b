import { loadConfig } from '@cargo/service-runtime';
import { LauncherConfig } from './launcher.config';

describe('LauncherConfig', () => {
  it.each([
    ['false', false],
    ['0', false],
    ['off', false],
    ['true', true],
    ['1', true],
  ])('reads SIMULATOR=%s as %s', (raw, expected) => {
    expect(loadConfig(LauncherConfig, { SIMULATOR: raw }).SIMULATOR).toBe(expected);
  });

  it('runs the simulator and starts embedded infrastructure by default', () => {
    const config = loadConfig(LauncherConfig, {});
    expect(config.SIMULATOR).toBe(true);
    expect(config.KAFKA_BROKERS).toBeUndefined();
    expect(config.DATABASE_URL).toBeUndefined();
  });
});
