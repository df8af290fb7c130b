import { createEnvelope } from '@cargo/contracts';
import { MessagingError } from '../errors/messaging.error';
import { parcel, ParcelNoted } from '../testing/parcel-events.fixture';
import { CloudEventCodec, headerText } from './cloud-event.codec';

const codec = new CloudEventCodec();
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

function sampleEnvelope() {
  const cause = createEnvelope(ParcelNoted, parcel('160-12345675', 1), { source: '/services/a' });
  return createEnvelope(ParcelNoted, parcel('160-12345675', 2, 'second'), { source: '/services/b', causation: cause });
}

function malformed(run: () => unknown): MessagingError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MessagingError);
    expect((error as MessagingError).code).toBe('MESSAGING.MALFORMED_RECORD');
    return error as MessagingError;
  }
  throw new Error('expected MESSAGING.MALFORMED_RECORD');
}

describe('CloudEventCodec', () => {
  it('writes CloudEvents binary mode: ce_* headers, content-type, trace headers, JSON data as value, key', () => {
    const envelope = sampleEnvelope();
    const record = codec.encode(envelope, { key: '160-12345675', trace: { traceparent: TRACEPARENT, tracestate: 'congo=t61rcWkgMzE' } });
    expect(record.key).toBe('160-12345675');
    expect(JSON.parse(record.value)).toEqual({ awb: '160-12345675', seq: 2, note: 'second' });
    expect(record.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: envelope.id,
      ce_type: 'cn.wuhan.aircargo.test.parcel-noted',
      ce_source: '/services/b',
      ce_time: envelope.time,
      ce_subject: '160-12345675',
      ce_schemaversion: '1',
      ce_correlationid: envelope.correlationid,
      ce_causationid: envelope.causationid,
      'content-type': 'application/json',
      traceparent: TRACEPARENT,
      tracestate: 'congo=t61rcWkgMzE',
    });
  });

  it('round-trips the envelope and the trace context, from Buffers as kafkajs delivers them', () => {
    const envelope = sampleEnvelope();
    const record = codec.encode(envelope, { key: '160-12345675', trace: { traceparent: TRACEPARENT } });
    const asKafkajs = {
      key: Buffer.from(record.key),
      value: Buffer.from(record.value),
      headers: Object.fromEntries(Object.entries(record.headers).map(([k, v]) => [k, Buffer.from(v)])),
    };
    const decoded = codec.decode(asKafkajs);
    expect(decoded.envelope).toEqual(JSON.parse(JSON.stringify(envelope)));
    expect(decoded.key).toBe('160-12345675');
    expect(decoded.trace).toEqual({ traceparent: TRACEPARENT });
  });

  it('accepts what NestJS KafkaParser hands over without keepBinary (text headers, parsed JSON value)', () => {
    const envelope = sampleEnvelope();
    const record = codec.encode(envelope, { key: 'k' });
    const decoded = codec.decode({ key: 'k', value: JSON.parse(record.value), headers: record.headers });
    expect(decoded.envelope.data).toEqual({ awb: '160-12345675', seq: 2, note: 'second' });
  });

  it('omits optional headers that are absent and drops an invalid traceparent instead of failing', () => {
    const first = createEnvelope(ParcelNoted, parcel('160-12345675', 1), { source: '/services/a' });
    const record = codec.encode(first, { key: 'k', trace: { traceparent: 'not-a-traceparent' } });
    expect(record.headers).not.toHaveProperty('ce_causationid');
    expect(record.headers).not.toHaveProperty('traceparent');
    const decoded = codec.decode({ value: record.value, headers: { ...record.headers, traceparent: 'garbage' } });
    expect(decoded.trace).toEqual({});
    expect(decoded.envelope.causationid).toBeUndefined();
  });

  it('rejects a value that is not JSON, naming the problem', () => {
    const record = codec.encode(sampleEnvelope(), { key: 'k' });
    const error = malformed(() => codec.decode({ value: Buffer.from('{"awb": 160-'), headers: record.headers }));
    expect(error.message).toMatch(/not JSON/);
  });

  it('rejects a missing value and a schema-registry framed (0x00-prefixed) value', () => {
    const record = codec.encode(sampleEnvelope(), { key: 'k' });
    expect(malformed(() => codec.decode({ value: null, headers: record.headers })).message).toMatch(/no value/);
    expect(malformed(() => codec.decode({ value: Buffer.from([0, 1, 2]), headers: record.headers })).message).toMatch(/binary/);
  });

  it('lists every missing or invalid required header', () => {
    const record = codec.encode(sampleEnvelope(), { key: 'k' });
    const headers: Record<string, string> = { ...record.headers, ce_specversion: '0.3', ce_schemaversion: 'two', ce_time: 'yesterday' };
    delete headers['ce_id'];
    delete headers['content-type'];
    const error = malformed(() => codec.decode({ value: record.value, headers }));
    const problems = error.details?.['problems'] as string[];
    expect(problems).toEqual(
      expect.arrayContaining([
        'header ce_id is missing',
        'header content-type is missing',
        'header ce_specversion must be "1.0", got "0.3"',
        'header ce_schemaversion must be a positive integer, got "two"',
        'header ce_time is not a timestamp: "yesterday"',
      ]),
    );
  });

  it('rejects a record without any headers and a non-JSON content type', () => {
    malformed(() => codec.decode({ value: '{}' }));
    const record = codec.encode(sampleEnvelope(), { key: 'k' });
    const error = malformed(() => codec.decode({ value: record.value, headers: { ...record.headers, 'content-type': 'application/avro' } }));
    expect(error.message).toMatch(/content-type must be application\/json/);
  });

  it('reads header values in every shape a client may deliver', () => {
    expect(headerText(Buffer.from('a'))).toBe('a');
    expect(headerText([Buffer.from('a'), Buffer.from('b')])).toBe('b');
    expect(headerText('x')).toBe('x');
    expect(headerText({ a: 1 })).toBe('{"a":1}');
    expect(headerText(undefined)).toBeUndefined();
  });
});
