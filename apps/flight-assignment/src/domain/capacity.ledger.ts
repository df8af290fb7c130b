import { AssignmentError, AssignmentErrorCodes } from './assignment.errors';

/** Floating-point slack when comparing kg and m³ (capacities are whole numbers, bookings 0.5 kg steps). */
export const CAPACITY_EPSILON = 1e-6;

interface CapacityAccount {
  capacityKg: number;
  capacityM3: number;
  bookedKg: number;
  bookedM3: number;
}

/**
 * Booked versus offered capacity per flight, in chargeable weight (kg) and volume (m³).
 *
 * Invariant: for every flight, booked ≤ capacity in both dimensions at all times: `book` refuses
 * (ASSIGNMENT.CAPACITY_EXCEEDED) rather than overbook, and `release` never goes below zero.
 */
export class CapacityLedger {
  private readonly accounts = new Map<string, CapacityAccount>();

  static of(entries: Iterable<[string, CapacityAccount]>): CapacityLedger {
    const ledger = new CapacityLedger();
    for (const [id, account] of entries) ledger.open(id, account.capacityKg, account.capacityM3, account.bookedKg, account.bookedM3);
    return ledger;
  }

  open(flightId: string, capacityKg: number, capacityM3: number, bookedKg = 0, bookedM3 = 0): void {
    if (bookedKg > capacityKg + CAPACITY_EPSILON || bookedM3 > capacityM3 + CAPACITY_EPSILON) {
      throw new AssignmentError(AssignmentErrorCodes.CapacityExceeded, `${flightId}: booked ${bookedKg} kg / ${bookedM3} m³ exceeds capacity ${capacityKg} kg / ${capacityM3} m³`);
    }
    this.accounts.set(flightId, { capacityKg, capacityM3, bookedKg, bookedM3 });
  }

  has(flightId: string): boolean {
    return this.accounts.has(flightId);
  }

  account(flightId: string): Readonly<CapacityAccount> {
    const account = this.accounts.get(flightId);
    if (!account) throw new AssignmentError(AssignmentErrorCodes.FlightNotFound, `no capacity account for flight ${flightId}`);
    return account;
  }

  remainingKg(flightId: string): number {
    const a = this.account(flightId);
    return a.capacityKg - a.bookedKg;
  }

  remainingM3(flightId: string): number {
    const a = this.account(flightId);
    return a.capacityM3 - a.bookedM3;
  }

  canFit(flightId: string, kg: number, m3: number): boolean {
    const a = this.accounts.get(flightId);
    if (!a) return false;
    return a.bookedKg + kg <= a.capacityKg + CAPACITY_EPSILON && a.bookedM3 + m3 <= a.capacityM3 + CAPACITY_EPSILON;
  }

  /** Whether every one of `flightIds` can take `kg` and `m3` (a connection books both legs). */
  canFitAll(flightIds: readonly string[], kg: number, m3: number): boolean {
    return flightIds.every((id) => this.canFit(id, kg, m3));
  }

  /** Books on every flight of `flightIds` or on none. */
  book(flightIds: readonly string[], kg: number, m3: number): void {
    for (const id of flightIds) {
      if (!this.canFit(id, kg, m3)) {
        const a = this.account(id);
        throw new AssignmentError(
          AssignmentErrorCodes.CapacityExceeded,
          `${id}: ${kg} kg / ${m3} m³ does not fit (remaining ${(a.capacityKg - a.bookedKg).toFixed(1)} kg / ${(a.capacityM3 - a.bookedM3).toFixed(2)} m³)`,
        );
      }
    }
    for (const id of flightIds) {
      const a = this.accounts.get(id)!;
      a.bookedKg += kg;
      a.bookedM3 += m3;
    }
  }

  release(flightIds: readonly string[], kg: number, m3: number): void {
    for (const id of flightIds) {
      const a = this.account(id) as CapacityAccount;
      a.bookedKg = Math.max(0, a.bookedKg - kg);
      a.bookedM3 = Math.max(0, a.bookedM3 - m3);
      if (a.bookedKg < CAPACITY_EPSILON) a.bookedKg = 0;
      if (a.bookedM3 < CAPACITY_EPSILON) a.bookedM3 = 0;
    }
  }

  /** Share of weight capacity booked, 0..1. */
  loadFactor(flightId: string): number {
    const a = this.account(flightId);
    return a.capacityKg > 0 ? Math.min(1, a.bookedKg / a.capacityKg) : 0;
  }

  flightIds(): string[] {
    return [...this.accounts.keys()];
  }
}
