import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, Matches, ValidateNested } from 'class-validator';
import { HOME_HUBS, type HomeHub } from '../../domain/airports.constants';
import { IsFlightId, IsFlightNumber, IsTimestamp } from '../../validation/common.decorators';

/** The closed manifest a shipment is on: which `flight.manifest.v1` event, closed when. */
export class ManifestReferenceDto {
  /** CloudEvents id of the `FlightManifestClosed` event (the manifest as sent to the airline). */
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { message: '$property must be the id (a UUID) of the flight.manifest.v1 event' })
  eventId!: string;

  @IsTimestamp()
  closedAt!: string;
}

/**
 * What a customs decision is about in transport terms, once the shipment is booked: the flight from
 * Wuhan it is booked on and, once that flight's manifest closed with the shipment on it, the
 * manifest. A customs system ties a hold or release to what is loaded with it.
 *
 * Invariants: `flightId` = `flightNumber` + local departure date (see `flightIdOf`); `manifest`, when
 * given, is the manifest of that same flight.
 */
export class TransportReferenceDto {
  @IsFlightId()
  flightId!: string;

  @IsFlightNumber()
  flightNumber!: string;

  @IsIn(HOME_HUBS, { message: '$property must be a Wuhan hub: WUH or EHU' })
  origin!: HomeHub;

  @IsTimestamp()
  departureAt!: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => ManifestReferenceDto)
  manifest?: ManifestReferenceDto;
}
