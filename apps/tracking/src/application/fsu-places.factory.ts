import { findAirport, findStation } from '@cargo/seeds';
import type { FsuPlaces } from '../domain/fsu-status.builder';

/** Injection token of the {@link FsuPlaces} the FSU statuses are written with. */
export const FSU_PLACES = Symbol('FSU_PLACES');

/**
 * Places from the seeds: an airport's IANA time zone, and for a forward station the hub its trucks
 * reach first (the shorter truck time; WUH on a tie), the airport its AWBs leave from until booked.
 */
export function seedFsuPlaces(): FsuPlaces {
  return {
    timeZoneOf: (airport) => findAirport(airport)?.timeZone,
    airportOfStation: (place) => {
      const station = findStation(place);
      if (!station) return undefined;
      const { WUH, EHU } = station.truckMinutes;
      return EHU < WUH ? 'EHU' : 'WUH';
    },
  };
}
