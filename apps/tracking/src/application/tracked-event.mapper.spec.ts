import { EventCatalog, createEnvelope, exampleEventPayload, type EventEnvelope } from '@cargo/contracts';
import { TRACKED_EVENT_TYPES, toTrackedEvents } from './tracked-event.mapper';

const envelopeOf = (name: keyof typeof EventCatalog, time = '2026-11-25T12:00:00Z'): EventEnvelope<unknown> =>
  createEnvelope(EventCatalog[name] as never, exampleEventPayload(name) as never, { source: '/services/test', id: `id-${name}`, time });

describe('toTrackedEvents', () => {
  it('handles every event type of the six topics', () => {
    expect([...TRACKED_EVENT_TYPES].sort()).toEqual(Object.values(EventCatalog).filter((d) => d !== EventCatalog.ShipmentStatusReported).map((d) => d.type).sort());
    for (const name of (Object.keys(EventCatalog) as Array<keyof typeof EventCatalog>).filter((n) => n !== 'ShipmentStatusReported')) {
      expect(toTrackedEvents(envelopeOf(name)).length).toBeGreaterThan(0);
    }
  });

  it('takes when it happened from the payload and when it was recorded from the payload or the envelope', () => {
    expect(toTrackedEvents(envelopeOf('CargoReceived'))[0]).toMatchObject({
      kind: 'CargoReceived',
      awb: '784-12345675',
      eventId: 'id-CargoReceived',
      happenedAt: '2026-11-25T09:12:00+08:00',
      recordedAt: '2026-11-25T09:14:31+08:00',
    });
    expect(toTrackedEvents(envelopeOf('CustomsHoldPlaced'))[0]).toMatchObject({ happenedAt: '2026-11-25T09:14:33+08:00', recordedAt: '2026-11-25T12:00:00Z' });
  });

  it('files a manifest under every AWB on it', () => {
    const events = toTrackedEvents(envelopeOf('FlightManifestClosed'));
    expect(events.map((e) => [e.awb, e.kind, e.eventId])).toEqual([
      ['784-12345675', 'ManifestClosed', 'id-FlightManifestClosed'],
      ['112-76543213', 'ManifestClosed', 'id-FlightManifestClosed'],
    ]);
    expect(events[1].data).toMatchObject({ flightNumber: 'O36921', origin: 'EHU', chargeableWeightKg: 1017 });
  });

  it('ignores an unknown type', () => {
    expect(toTrackedEvents({ ...envelopeOf('CargoReceived'), type: 'cn.wuhan.aircargo.something.else' })).toEqual([]);
  });
});
