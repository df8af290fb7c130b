import { Topics, type EventDefinition } from '@cargo/contracts';
import { IsInt, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';

/**
 * Test-only events, so the messaging tests do not depend on the real payloads' details.
 * Not exported from the library's index.
 */
export class ParcelNotedPayload {
  /** Shipment key, AWB-shaped. */
  @Matches(/^\d{3}-\d{8}$/, { message: 'awb must look like 160-12345675' })
  awb!: string;

  /** Per-key sequence number, to check ordering. */
  @IsInt()
  @Min(1)
  seq!: number;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;
}

export const ParcelNoted: EventDefinition<ParcelNotedPayload> = {
  type: 'cn.wuhan.aircargo.test.parcel-noted',
  topic: Topics.CargoIntake,
  schemaVersion: 1,
  payload: ParcelNotedPayload,
  keyOf: (p) => p.awb,
};

/** Same payload on another topic: for "caused event" tests. */
export const ParcelForwarded: EventDefinition<ParcelNotedPayload> = {
  type: 'cn.wuhan.aircargo.test.parcel-forwarded',
  topic: Topics.CargoHandling,
  schemaVersion: 1,
  payload: ParcelNotedPayload,
  keyOf: (p) => p.awb,
};

export const TEST_EVENTS: readonly EventDefinition[] = [ParcelNoted, ParcelForwarded] as EventDefinition[];

/** AWB-shaped key number `i` (not check-digit valid; the test payload does not care). */
export function testAwb(i: number): string {
  return `160-${String(10_000_000 + i).padStart(8, '0')}`;
}

export function parcel(awb: string, seq: number, note?: string): ParcelNotedPayload {
  const p = new ParcelNotedPayload();
  p.awb = awb;
  p.seq = seq;
  if (note !== undefined) p.note = note;
  return p;
}
