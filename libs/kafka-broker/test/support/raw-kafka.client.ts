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
