import { Equals, IsInt, IsNotEmpty, IsObject, IsOptional, IsRFC3339, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import type { EventEnvelope } from './event-envelope';

/**
 * class-validator view of the envelope attributes. `data` is only checked to be an object here; it is
 * validated against its payload class separately (see `validatePayload` / `validateEvent`), because
 * the class depends on `type`.
 *
 * Extension attributes beyond these (e.g. `traceparent`) are allowed, as CloudEvents permits.
 */
export class EventEnvelopeDto implements EventEnvelope<Record<string, unknown>> {
  @Equals('1.0', { message: 'specversion must be "1.0" (CloudEvents 1.0)' })
  specversion!: '1.0';

  @IsUUID(undefined, { message: 'id must be a UUID' })
  id!: string;

  @IsString()
  @Matches(/^[a-z0-9]+(\.[a-z0-9-]+)+$/, { message: 'type must be a reverse-DNS event type such as cn.wuhan.aircargo.cargo.received' })
  type!: string;

  @IsString()
  @IsNotEmpty({ message: 'source must name the producing service, e.g. /services/station-intake' })
  @MaxLength(256)
  @Matches(/^\S+$/, { message: 'source must be a URI-reference without whitespace' })
  source!: string;

  @IsRFC3339({ message: 'time must be an RFC 3339 timestamp with offset, e.g. 2026-11-25T08:30:00Z' })
  time!: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  subject?: string;

  @Equals('application/json', { message: 'datacontenttype must be "application/json"' })
  datacontenttype!: 'application/json';

  @IsInt({ message: 'schemaversion must be an integer' })
  @Min(1, { message: 'schemaversion must be 1 or more' })
  schemaversion!: number;

  @IsString()
  @IsNotEmpty({ message: 'correlationid must be the id of the first event of the chain' })
  @MaxLength(128)
  correlationid!: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  causationid?: string;

  @IsObject({ message: 'data must be a JSON object' })
  data!: Record<string, unknown>;
}
