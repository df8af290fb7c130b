import { AIRCRAFT, CUTOFF_MINUTES } from '@cargo/seeds';
import type { HubControlLookups } from '../domain/hub-control.model';

/** Injection token of the {@link HubControlLookups} the control view is built with. */
export const HUB_CONTROL_LOOKUPS = Symbol('HUB_CONTROL_LOOKUPS');

/**
 * From the seeds: the cut-off by aircraft kind, and an aircraft type's volume capacity. The timetable
 * offers a share of an aircraft's capacity (belly: what the bags leave free) and scales weight and
 * volume by the same share, so the volume offered is the type's m³ × (capacity kg / the type's kg).
 */
export function seedHubControlLookups(): HubControlLookups {
  return {
    cutoffMinutes: (kind) => CUTOFF_MINUTES[kind],
    capacityM3: (aircraftType, capacityKg) => {
      const spec = aircraftType ? AIRCRAFT[aircraftType] : undefined;
      if (!spec || capacityKg === null) return null;
      return Math.round((spec.capacityM3 * capacityKg) / spec.capacityKg);
    },
  };
}
