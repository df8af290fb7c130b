import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { HttpRequestLike as Request } from './http.types';
import { ManageApiKeysUseCase } from '../../application/manage-api-keys.use-case';
import { StationIntakeConfig } from '../../config/station-intake.config';
import { secretsEqual } from '../../domain/api-key.model';
import { StationIntakeError, StationIntakeErrorCodes } from '../../domain/station-intake.error';

/** The key presented in `x-api-key` or `Authorization: Bearer <key>`, if any. */
export function presentedKey(request: Request): string | undefined {
  const header = request.headers['x-api-key'];
  const direct = Array.isArray(header) ? header[0] : header;
  if (direct && direct.trim() !== '') return direct.trim();
  const header2 = request.headers['authorization'];
  const authorization = Array.isArray(header2) ? header2[0] : header2;
  const bearer = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] : undefined;
  return bearer;
}

/**
 * Station routes (`/v1/stations/{station}/...`): 401 without a key or with an unknown/revoked one,
 * 403 when the key belongs to another station. The key is checked before the station exists, so an
 * unauthenticated caller learns nothing about which stations there are.
 */
@Injectable()
export class StationApiKeyGuard implements CanActivate {
  constructor(@Inject(ManageApiKeysUseCase) private readonly keys: ManageApiKeysUseCase) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const key = presentedKey(request);
    if (!key) throw new StationIntakeError(StationIntakeErrorCodes.AuthMissingKey, 'An API key is required: send it in the x-api-key header (or Authorization: Bearer).');
    const keyStation = await this.keys.stationOf(key);
    if (!keyStation) throw new StationIntakeError(StationIntakeErrorCodes.AuthInvalidKey, 'The API key is not valid.');
    const station = request.params['station'];
    if (station !== keyStation) {
      throw new StationIntakeError(StationIntakeErrorCodes.AuthForbiddenStation, `This API key acts for station ${keyStation} only, not ${String(station)}.`);
    }
    return true;
  }
}

/** Admin routes: disabled (403) when ADMIN_API_KEY is unset; 401 without or with a wrong key. */
@Injectable()
export class AdminApiKeyGuard implements CanActivate {
  constructor(@Inject(StationIntakeConfig) private readonly config: StationIntakeConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const adminKey = this.config.ADMIN_API_KEY;
    if (!adminKey) throw new StationIntakeError(StationIntakeErrorCodes.AuthAdminDisabled, 'The admin API is disabled: ADMIN_API_KEY is not set.');
    const key = presentedKey(context.switchToHttp().getRequest<Request>());
    if (!key) throw new StationIntakeError(StationIntakeErrorCodes.AuthMissingKey, 'The admin key is required in the x-api-key header (or Authorization: Bearer).');
    if (!secretsEqual(key, adminKey)) throw new StationIntakeError(StationIntakeErrorCodes.AuthInvalidKey, 'The admin key is not valid.');
    return true;
  }
}
