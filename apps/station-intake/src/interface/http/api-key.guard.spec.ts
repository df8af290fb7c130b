import type { ExecutionContext } from '@nestjs/common';
import type { ManageApiKeysUseCase } from '../../application/manage-api-keys.use-case';
import { StationIntakeConfig } from '../../config/station-intake.config';
import { StationIntakeError } from '../../domain/station-intake.error';
import { AdminApiKeyGuard, StationApiKeyGuard, presentedKey } from './api-key.guard';
import type { HttpRequestLike } from './http.types';

const contextOf = (request: HttpRequestLike) => ({ switchToHttp: () => ({ getRequest: () => request }) }) as unknown as ExecutionContext;
const request = (headers: HttpRequestLike['headers'], station = 'OVS'): HttpRequestLike => ({ headers, params: { station } });

async function codeOf(run: () => unknown): Promise<string | undefined> {
  try {
    await run();
    return undefined;
  } catch (error) {
    return error instanceof StationIntakeError ? error.code : String(error);
  }
}

describe('presentedKey', () => {
  it('reads x-api-key first, then a Bearer token', () => {
    expect(presentedKey(request({ 'x-api-key': ' k1 ', authorization: 'Bearer k2' }))).toBe('k1');
    expect(presentedKey(request({ authorization: 'bearer k2' }))).toBe('k2');
    expect(presentedKey(request({ authorization: 'Basic abc' }))).toBeUndefined();
    expect(presentedKey(request({}))).toBeUndefined();
  });
});

describe('StationApiKeyGuard', () => {
  const keys = { stationOf: async (key: string) => ({ 'ovs-key': 'OVS', 'npb-key': 'NPB' })[key] } as unknown as ManageApiKeysUseCase;
  const guard = new StationApiKeyGuard(keys);

  it('lets a station key act for its own station', async () => {
    expect(await guard.canActivate(contextOf(request({ 'x-api-key': 'ovs-key' })))).toBe(true);
  });

  it.each([
    [{}, 'OVS', 'INTAKE.AUTH_MISSING_KEY'],
    [{ 'x-api-key': 'unknown' }, 'OVS', 'INTAKE.AUTH_INVALID_KEY'],
    [{ 'x-api-key': 'npb-key' }, 'OVS', 'INTAKE.AUTH_FORBIDDEN_STATION'],
    [{ 'x-api-key': 'npb-key' }, 'NOPE', 'INTAKE.AUTH_FORBIDDEN_STATION'],
  ])('refuses %j on %s with %s', async (headers, station, code) => {
    expect(await codeOf(() => guard.canActivate(contextOf(request(headers, station))))).toBe(code);
  });
});

describe('AdminApiKeyGuard', () => {
  const config = (key: string | undefined) => Object.assign(new StationIntakeConfig(), { ADMIN_API_KEY: key });

  it('is disabled when ADMIN_API_KEY is unset, whatever key is sent', async () => {
    const guard = new AdminApiKeyGuard(config(undefined));
    expect(await codeOf(() => guard.canActivate(contextOf(request({ 'x-api-key': 'anything' }))))).toBe('INTAKE.AUTH_ADMIN_DISABLED');
    expect(await codeOf(() => guard.canActivate(contextOf(request({ 'x-api-key': '' }))))).toBe('INTAKE.AUTH_ADMIN_DISABLED');
  });

  it('accepts the admin key only', async () => {
    const guard = new AdminApiKeyGuard(config('admin-key-0123456789abcdefgh'));
    expect(guard.canActivate(contextOf(request({ authorization: 'Bearer admin-key-0123456789abcdefgh' })))).toBe(true);
    expect(await codeOf(() => guard.canActivate(contextOf(request({ 'x-api-key': 'admin-key-0123456789abcdefgX' }))))).toBe('INTAKE.AUTH_INVALID_KEY');
    expect(await codeOf(() => guard.canActivate(contextOf(request({}))))).toBe('INTAKE.AUTH_MISSING_KEY');
  });
});
