import type { AirportRegion } from './airports.constants';

/**
 * The "Global 1-2-3 fast cargo circle" promise (DOMAIN.md, "Routes and service levels"): delivery
 * within 1 day to domestic cities (D1), 2 days to neighbouring Asian economies (D2), 3 days to the
 * world's main cargo hubs (D3). Every shipment carries one.
 */
export const SERVICE_LEVELS = ['D1', 'D2', 'D3'] as const;
export type ServiceLevel = (typeof SERVICE_LEVELS)[number];

/** Days allowed from receipt at the station to arrival at destination. */
export const ServiceLevelDays: Readonly<Record<ServiceLevel, number>> = { D1: 1, D2: 2, D3: 3 };

const BY_REGION: Readonly<Record<AirportRegion, ServiceLevel>> = { DOMESTIC: 'D1', ASIA: 'D2', GLOBAL: 'D3' };

/** The service level promised for a destination region. */
export function serviceLevelForRegion(region: AirportRegion): ServiceLevel {
  return BY_REGION[region];
}

/** Latest arrival that keeps the promise: `receivedAt` plus the level's days (24 h each). */
export function serviceLevelDeadline(receivedAt: Date | string, level: ServiceLevel): Date {
  const start = typeof receivedAt === 'string' ? new Date(receivedAt) : receivedAt;
  return new Date(start.getTime() + ServiceLevelDays[level] * 24 * 60 * 60 * 1000);
}
