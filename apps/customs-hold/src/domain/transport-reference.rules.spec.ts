import { exampleEventPayload, type AssignmentFailedPayload, type FlightAssignedPayload } from '@cargo/contracts';
import { bookingAfterAssigned, bookingAfterFailed, bookingAfterManifest, type TransportReference } from './transport-reference.rules';

const assigned = (over: Partial<FlightAssignedPayload> = {}) => ({ ...(exampleEventPayload('FlightAssigned') as unknown as FlightAssignedPayload), ...over });
const failed = (over: Partial<AssignmentFailedPayload> = {}) => ({ ...(exampleEventPayload('AssignmentFailed') as unknown as AssignmentFailedPayload), ...over });
const MANIFEST = { eventId: '7d3c9e2a-1f4b-4a6c-8e5d-9b0a1c2d3e4f', closedAt: '2026-11-25T11:30:00Z' };

describe('transport reference of customs decisions', () => {
  const booked = bookingAfterAssigned(null, assigned({ decisionVersion: 1 })) as TransportReference;

  it('takes the booking from an assignment: flight, origin, departure', () => {
    expect(booked).toEqual({ flightId: 'O36921-2026-11-25', flightNumber: 'O36921', origin: 'EHU', departureAt: '2026-11-25T14:30:00Z', decisionVersion: 1 });
  });

  it('adds the manifest of the booked flight only, and keeps the latest closing', () => {
    const withManifest = bookingAfterManifest(booked, 'O36921-2026-11-25', MANIFEST);
    expect(withManifest).toEqual({ ...booked, manifest: MANIFEST });
    expect(bookingAfterManifest(booked, 'CK221-2026-11-25', MANIFEST)).toBeUndefined();
    expect(bookingAfterManifest(null, 'O36921-2026-11-25', MANIFEST)).toBeUndefined();
    expect(bookingAfterManifest(withManifest as TransportReference, 'O36921-2026-11-25', { ...MANIFEST, closedAt: '2026-11-25T10:00:00Z' })).toBeUndefined();
  });

  it('applies assignment decisions in their order, whatever the arrival order', () => {
    const moved = bookingAfterAssigned({ ...booked, manifest: MANIFEST }, assigned({ flightId: 'CK221-2026-11-25', flightNumber: 'CK221', decisionVersion: 3 }));
    expect(moved).toMatchObject({ flightId: 'CK221-2026-11-25', decisionVersion: 3 });
    expect(moved).not.toHaveProperty('manifest');
    expect(bookingAfterAssigned(moved as TransportReference, assigned({ decisionVersion: 2 }))).toBeUndefined();
    expect(bookingAfterAssigned({ ...booked, manifest: MANIFEST }, assigned({ decisionVersion: 2 }))).toMatchObject({ manifest: MANIFEST });
  });

  it('drops the booking on a newer failed assignment (offload, wait-list), not on an older one', () => {
    expect(bookingAfterFailed({ ...booked, decisionVersion: 2 }, failed({ outcome: 'OFFLOADED', previousFlightId: 'O36921-2026-11-25', decisionVersion: 3 }))).toBeNull();
    expect(bookingAfterFailed({ ...booked, decisionVersion: 4 }, failed({ decisionVersion: 3 }))).toBeUndefined();
    expect(bookingAfterFailed(null, failed())).toBeUndefined();
  });
});
