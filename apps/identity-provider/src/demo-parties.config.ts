import { randomBytes } from 'node:crypto';
import { ROUTES } from '@cargo/seeds';

/**
 * A machine client of the embedded provider: its id and secret (client credentials grant) and the
 * claims its access tokens carry. People sign in at a real provider (e.g. Keycloak) in production;
 * here every demo party is a client, so `curl` can get its token.
 */
export interface PartyClient {
  client_id: string;
  client_secret: string;
  /** What the party is, in words (printed by `npm start`). */
  description: string;
  roles: string[];
  station?: string;
  carriers?: string[];
  party_id?: string;
}

/** Every airline designator of the seeded timetable (flights, onward flights and road feeders), sorted. */
export function timetableCarriers(): string[] {
  return [...new Set(ROUTES.map((route) => route.carrier))].sort();
}

/** The demo parties of the one-machine hub, plus the simulator's clients. Secrets are made per data folder. */
export function demoPartyClients(secret: () => string = () => randomBytes(24).toString('base64url')): PartyClient[] {
  const client = (client_id: string, description: string, claims: Omit<PartyClient, 'client_id' | 'client_secret' | 'description'>): PartyClient => ({
    client_id,
    client_secret: secret(),
    description,
    ...claims,
  });
  return [
    client('demo-station-ovs', 'Optics Valley station terminal (its own intakes, scans, dispatch list)', { roles: ['station'], station: 'OVS' }),
    client('demo-customs-officer', 'Wuhan Customs officer (release, hold, lab results)', { roles: ['customs-officer'] }),
    client('demo-screener', 'security screener (screening results)', { roles: ['screener'] }),
    client('demo-customs-system', "customs authority's system (places and lifts holds as a machine)", { roles: ['customs-system'] }),
    client('demo-airline-cz', 'China Southern (CZ): its flights, manifests and assignments', { roles: ['airline'], carriers: ['CZ'] }),
    client('demo-airline-o3', 'SF Airlines (O3): its flights, manifests and assignments', { roles: ['airline'], carriers: ['O3'] }),
    client('demo-ops', 'hub flight control (flights, delays, cancellations, operator dashboard)', { roles: ['ops'] }),
    client('demo-shipper', 'shipper SHP-OV-001 (full timelines of its own shipments)', { roles: ['shipper'], party_id: 'SHP-OV-001' }),
    client('demo-forwarder', 'forwarding agent AGT-001 (full timelines of its shipments)', { roles: ['forwarder'], party_id: 'AGT-001' }),
    client('demo-admin', 'platform admin (station API keys)', { roles: ['admin'] }),
    client('sim-customs-officer', 'simulator playing the customs officers', { roles: ['customs-officer'] }),
    client('sim-screener', 'simulator playing the screeners', { roles: ['screener'] }),
    client('sim-ops', 'simulator reading the KPIs', { roles: ['ops'] }),
    client('sim-airline', "simulator playing the airlines: every carrier of the seeded timetable reports its flights' DEP, ARR and its shipments' RCF, NFD, DLV", {
      roles: ['airline'],
      carriers: timetableCarriers(),
    }),
  ];
}
