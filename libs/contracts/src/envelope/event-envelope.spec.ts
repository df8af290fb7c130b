import { EventCatalog } from '../catalog/event-catalog';
import { exampleEventPayload } from '../catalog/event-examples';
import type { CargoReceivedPayload } from '../events/cargo-received/cargo-received.event';
import type { CustomsReleasedPayload } from '../events/customs-released/customs-released.event';
import type { FlightManifestClosedPayload } from '../events/flight-manifest-closed/flight-manifest-closed.event';
import { CLOUDEVENTS_SPEC_VERSION, createEnvelope } from './event-envelope';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('createEnvelope', () => {
  const received = exampleEventPayload('CargoReceived') as unknown as CargoReceivedPayload;

  it('starts a chain: fresh id, correlation = own id, no causation, subject = AWB', () => {
    const before = Date.now();
    const env = createEnvelope(EventCatalog.CargoReceived, received, { source: '/services/station-intake' });
    expect(env).toMatchObject({
      specversion: CLOUDEVENTS_SPEC_VERSION,
      type: 'cn.wuhan.aircargo.cargo.received',
      source: '/services/station-intake',
      subject: '784-12345675',
      datacontenttype: 'application/json',
      schemaversion: 2,
      data: received,
    });
    expect(env.id).toMatch(UUID);
    expect(env.correlationid).toBe(env.id);
    expect(env).not.toHaveProperty('causationid');
    expect(Date.parse(env.time)).toBeGreaterThanOrEqual(before - 1);
  });

  it('continues a chain: causation = cause id, correlation inherited', () => {
    const first = createEnvelope(EventCatalog.CargoReceived, received, { source: '/services/station-intake' });
    const release = exampleEventPayload('CustomsReleased') as unknown as CustomsReleasedPayload;
    const second = createEnvelope(EventCatalog.CustomsReleased, release, { source: '/services/customs-hold', causation: first });
    expect(second.causationid).toBe(first.id);
    expect(second.correlationid).toBe(first.id);
    expect(second.id).not.toBe(first.id);
    const third = createEnvelope(EventCatalog.CustomsReleased, release, { source: '/services/customs-hold', causation: second });
    expect(third.correlationid).toBe(first.id);
    expect(third.causationid).toBe(second.id);
  });

  it('takes a given id, time and external correlation id', () => {
    const env = createEnvelope(EventCatalog.CargoReceived, received, {
      source: '/services/station-intake',
      id: '0b6f3c1e-8f65-4a0b-9a3c-2c8f8f6f3e11',
      time: new Date('2026-11-25T01:14:31.000Z'),
      correlationId: 'req-7f3a',
    });
    expect(env.id).toBe('0b6f3c1e-8f65-4a0b-9a3c-2c8f8f6f3e11');
    expect(env.time).toBe('2026-11-25T01:14:31.000Z');
    expect(env.correlationid).toBe('req-7f3a');
  });

  it('keys manifests by flight id', () => {
    const manifest = exampleEventPayload('FlightManifestClosed') as unknown as FlightManifestClosedPayload;
    expect(createEnvelope(EventCatalog.FlightManifestClosed, manifest, { source: '/services/flight-assignment' }).subject).toBe('O36921-2026-11-25');
  });
});
