/**
 * The roles of the platform's parties, as carried in a token's `roles` claim (or Keycloak's
 * `realm_access.roles`). Who may do what with each is the matrix in the README ("Identity and access").
 */
export const ROLES = ['station', 'customs-officer', 'screener', 'customs-system', 'airline', 'ops', 'shipper', 'forwarder', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is calling, as established by a verified credential (a token signed by the trusted issuer, or
 * a station or admin API key) — never by a header the caller writes.
 *
 * Invariants: `subject` is the token's `sub` (or `api-key:<key id>`) and is what audit entries record;
 * `station` is set only for the `station` role; `carriers` (IATA airline designators, e.g. `CZ`) only
 * for `airline`; `partyId` (shipper or forwarder id) only for `shipper`/`forwarder`.
 */
export interface Identity {
  subject: string;
  roles: ReadonlySet<Role>;
  station?: string;
  carriers: readonly string[];
  partyId?: string;
  /** How the caller proved it. */
  via: 'token' | 'api-key';
}

export function hasAnyRole(identity: Identity | undefined, roles: readonly Role[]): boolean {
  return identity !== undefined && roles.some((role) => identity.roles.has(role));
}

/** The airline designator of a flight number (`CZ3481` → `CZ`, `O36921` → `O3`). */
export function carrierOfFlight(flightNumber: string): string {
  return flightNumber.slice(0, 2).toUpperCase();
}

/** True when the identity is an airline that operates `flightNumber`. */
export function isOperatingAirline(identity: Identity | undefined, flightNumber: string): boolean {
  return identity !== undefined && identity.roles.has('airline') && identity.carriers.includes(carrierOfFlight(flightNumber));
}
