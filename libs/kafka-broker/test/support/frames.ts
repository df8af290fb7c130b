/** Hand-built frames for what kafkajs cannot encode (flexible ApiVersions v3, bad headers). */

function uvarint(n: number): Buffer {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return Buffer.from(out);
}

/** int32 size prefix + header(apiKey, version, correlationId, clientId) + body. */
export function rawFrame(apiKey: number, version: number, correlationId: number, body: Buffer = Buffer.alloc(0), clientId = 'raw'): Buffer {
  const id = Buffer.from(clientId);
  const header = Buffer.alloc(10);
  header.writeInt16BE(apiKey, 0);
  header.writeInt16BE(version, 2);
  header.writeInt32BE(correlationId, 4);
  header.writeInt16BE(id.length, 8);
  const payload = Buffer.concat([header, id, body]);
  const size = Buffer.alloc(4);
  size.writeInt32BE(payload.length, 0);
  return Buffer.concat([size, payload]);
}

/** ApiVersions v3 as librdkafka sends it: request header v2 (tag buffer), compact strings. */
export function apiVersionsV3Frame(correlationId: number, version = 3): Buffer {
  const name = Buffer.from('librdkafka');
  const ver = Buffer.from('2.0.2');
  const body = Buffer.concat([
    Buffer.from([0]), // header tag buffer
    uvarint(name.length + 1),
    name,
    uvarint(ver.length + 1),
    ver,
    Buffer.from([0]),
  ]);
  return rawFrame(18, version, correlationId, body, 'rdkafka');
}
