import * as net from 'node:net';

/* kafkajs's own protocol encoders/decoders, used to build valid frames without a client. */
const { requests } = require('kafkajs/src/protocol/requests') as {
  requests: Record<string, { protocol: (o: { version: number }) => (args: Record<string, unknown>) => KafkajsProtocol }>;
};
const encodeRequest = require('kafkajs/src/protocol/request') as (o: {
  correlationId: number;
  clientId: string;
  request: KafkajsRequest;
}) => Promise<{ buffer: Buffer }>;
export const Long = require('kafkajs/src/utils/long') as { fromNumber(n: number): unknown; fromInt(n: number): unknown };

interface KafkajsRequest {
  apiKey: number;
  apiVersion: number;
  encode: () => Promise<{ buffer: Buffer }>;
}
interface KafkajsProtocol {
  request: KafkajsRequest;
  response: { decode: (payload: Buffer) => Promise<unknown>; parse: (data: unknown) => Promise<unknown> };
}

/** Encodes a whole request frame (size prefix included) with kafkajs's encoders. */
export async function encodeFrame(
  api: string,
  version: number,
  args: Record<string, unknown>,
  correlationId = 1,
  clientId = 'raw-test',
): Promise<Buffer> {
  const proto = requests[api].protocol({ version })(args);
  const enc = await encodeRequest({ correlationId, clientId, request: proto.request });
  return Buffer.from(enc.buffer);
}

/** Decodes a response body (after the correlation id) with kafkajs's decoder for api/version. */
export async function decodeResponse(api: string, version: number, body: Buffer, args: Record<string, unknown> = {}): Promise<unknown> {
  const proto = requests[api].protocol({ version })(args);
  return proto.response.decode(body);
}

/**
 * A minimal Kafka client over one TCP socket: sends raw frames, reads size-prefixed responses.
 * For protocol-level tests (duplicates, bad input, fuzz).
 */
export class RawKafkaClient {
  private buf = Buffer.alloc(0);
  private frames: Buffer[] = [];
  private waiters: (() => void)[] = [];
  closed = false;
  readonly closedPromise: Promise<void>;

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      while (this.buf.length >= 4) {
        const size = this.buf.readInt32BE(0);
        if (this.buf.length < 4 + size) break;
        this.frames.push(this.buf.subarray(4, 4 + size));
        this.buf = this.buf.subarray(4 + size);
      }
      this.flushWaiters();
    });
    this.closedPromise = new Promise((resolve) => {
      socket.on('close', () => {
        this.closed = true;
        this.flushWaiters();
        resolve();
      });
    });
    socket.on('error', () => undefined);
  }

  private flushWaiters(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RawKafkaClient> {
    return new Promise((resolve, reject) => {
      const s = net.connect(port, host, () => resolve(new RawKafkaClient(s)));
      s.once('error', reject);
    });
  }

  write(data: Buffer): void {
    if (!this.closed) this.socket.write(data);
  }

  /** Next response frame (correlation id + body), or null when the connection closed first. */
  async nextFrame(timeoutMs = 5000): Promise<Buffer | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const f = this.frames.shift();
      if (f) return f;
      if (this.closed) return null;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out waiting for a response frame');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Sends a kafkajs-encoded request and returns its decoded response. */
  async call(api: string, version: number, args: Record<string, unknown>, correlationId = 7): Promise<Record<string, unknown>> {
    this.write(await encodeFrame(api, version, args, correlationId));
    const frame = await this.nextFrame();
    if (!frame) throw new Error('connection closed');
    if (frame.readInt32BE(0) !== correlationId) throw new Error('correlation id mismatch');
    return (await decodeResponse(api, version, frame.subarray(4), args)) as Record<string, unknown>;
  }

  close(): void {
    this.socket.destroy();
  }
}

/**
 * Sends a hand-built Produce v3 (acks -1) carrying `records` as they are for one partition, and
 * returns that partition's error code and base offset. For batches no client would encode.
 */
export async function produceRawRecords(
  c: RawKafkaClient,
  topic: string,
  records: Buffer,
  correlationId: number,
  partition = 0,
): Promise<{ errorCode: number; baseOffset: number }> {
  const name = Buffer.from(topic);
  const body = Buffer.alloc(2 + 2 + 4 + 4 + 2 + name.length + 4 + 4 + 4);
  let p = 0;
  p = body.writeInt16BE(-1, p); // transactional id: null
  p = body.writeInt16BE(-1, p); // acks
  p = body.writeInt32BE(1000, p); // timeout
  p = body.writeInt32BE(1, p); // one topic
  p = body.writeInt16BE(name.length, p);
  p += name.copy(body, p);
  p = body.writeInt32BE(1, p); // one partition
  p = body.writeInt32BE(partition, p);
  body.writeInt32BE(records.length, p);
  const id = Buffer.from('raw');
  const header = Buffer.alloc(10);
  header.writeInt16BE(0, 0);
  header.writeInt16BE(3, 2);
  header.writeInt32BE(correlationId, 4);
  header.writeInt16BE(id.length, 8);
  const payload = Buffer.concat([header, id, body, records]);
  const size = Buffer.alloc(4);
  size.writeInt32BE(payload.length, 0);
  c.write(Buffer.concat([size, payload]));
  const f = await c.nextFrame();
  if (!f) throw new Error('connection closed');
  // correlation id, topics[1]: name, partitions[1]: index, error, base offset
  const tl = f.readInt16BE(8);
  const at = 10 + tl + 4;
  return { errorCode: f.readInt16BE(at + 4), baseOffset: Number(f.readBigInt64BE(at + 6)) };
}
