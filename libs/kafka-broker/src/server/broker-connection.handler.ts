import type { Socket } from 'node:net';
import { ProtocolError, WireReader } from '../protocol/wire-reader.codec';
import { WireWriter } from '../protocol/wire-writer.codec';
import { MemoryWaiter, RequestMemoryPool } from './request-memory.pool';
import type { SaslExchange } from './sasl-authenticator.service';

/** Decoded request header (v1, or v2 for flexible requests). */
export interface RequestHeader {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  clientId: string;
}

/** What the dispatcher returns for one request: a response body, none (acks=0), or a promise. */
export type HandlerResult = WireWriter | null | Promise<WireWriter | null>;

export interface ConnectionDispatcher {
  /**
   * Decodes the header (the reader is positioned after the client id) and handles the request.
   * Returning `'close'` closes the connection (unknown API, unsupported version, bad body).
   */
  dispatch(conn: BrokerConnection, header: RequestHeader, body: WireReader): HandlerResult | 'close';
  connectionClosed(conn: BrokerConnection): void;
  log(line: string): void;
}

interface Slot {
  correlationId: number;
  done: boolean;
  body: WireWriter | null;
}

/** Pause reading when this many responses are waiting to be written (backpressure). */
const MAX_PENDING = 512;

export interface ConnectionLimits {
  /** Kafka's socket.request.max.bytes: a larger size prefix closes the connection before any of it is read. */
  socketRequestMaxBytes: number;
  /** Memory shared by the requests being received on all connections. */
  pool: RequestMemoryPool;
  /** A connection that stops sending in the middle of a request for this long is closed. */
  partialRequestTimeoutMs: number;
}

let nextConnectionId = 1;

/**
 * One client TCP connection: accumulates bytes into size-prefixed frames (handling partial and
 * coalesced TCP segments), dispatches each request, and writes responses strictly in request
 * order (kafkajs pipelines requests, librdkafka relies on order), whatever order handlers finish in.
 */
export class BrokerConnection implements MemoryWaiter {
  readonly id = nextConnectionId++;
  clientId = '';
  readonly remoteHost: string;
  /** SASL: the authenticated user (null until authenticated, or when SASL is off). */
  principal: string | null = null;
  /** SASL: the exchange started by SaslHandshake. */
  saslExchange: SaslExchange | null = null;
  /** Set once the connection must close after the responses already queued (failed SASL). */
  private ending = false;
  private framesSeen = 0;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private readonly queue: Slot[] = [];
  private closed = false;
  private writePaused = false;
  private queuePaused = false;
  /** Size of the request being received (from its size prefix), -1 between requests. */
  private frameSize = -1;
  /** Pool memory held for the request being received. */
  private reserved = 0;
  private memoryPaused = false;
  private stallTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: Socket,
    private readonly dispatcher: ConnectionDispatcher,
    private readonly limits: ConnectionLimits,
  ) {
    this.remoteHost = socket.remoteAddress ?? 'unknown';
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('drain', () => {
      this.writePaused = false;
      this.updatePause();
    });
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get pendingFrameBytes(): number {
    return this.frameSize;
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    this.limits.pool.bufferedBytes += chunk.length;
    this.readFrames();
  }

  private readFrames(): void {
    try {
      this.extractFrames();
    } catch (err) {
      this.dispatcher.log(`connection ${this.id}: internal error while reading: ${(err as Error).stack ?? String(err)}`);
      this.close();
    }
  }

  /** The pool reserved memory for the request this connection waits to receive. */
  memoryGranted(): void {
    if (this.closed) {
      this.limits.pool.release(this.frameSize);
      return;
    }
    this.reserved = this.frameSize;
    this.memoryPaused = false;
    this.updatePause();
    this.readFrames();
  }

  /** Joins leading chunks until the first holds at least 4 bytes (a size prefix straddling chunks). */
  private coalesce(): void {
    let n = 0;
    let len = 0;
    while (len < 4 && n < this.chunks.length) len += this.chunks[n++].length;
    this.chunks.splice(0, n, Buffer.concat(this.chunks.slice(0, n), len));
  }

  private take(n: number): Buffer {
    const first = this.chunks[0];
    if (first.length >= n) {
      const out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
      this.buffered -= n;
      this.limits.pool.bufferedBytes -= n;
      return out;
    }
    const out = Buffer.allocUnsafe(n);
    let got = 0;
    while (got < n) {
      const c = this.chunks[0];
      const want = n - got;
      if (c.length <= want) {
        c.copy(out, got);
        got += c.length;
        this.chunks.shift();
      } else {
        c.copy(out, got, 0, want);
        this.chunks[0] = c.subarray(want);
        got += want;
      }
    }
    this.buffered -= n;
    this.limits.pool.bufferedBytes -= n;
    return out;
  }

  /**
   * Cuts complete requests off the buffered bytes. The size prefix is checked before anything
   * more is buffered: above socket.request.max.bytes the connection is closed (as Kafka does); a
   * large request is received only once the memory pool admits it (reading pauses until then).
   */
  private extractFrames(): void {
    while (!this.closed && !this.memoryPaused && this.buffered >= 4) {
      if (this.frameSize < 0) {
        if (this.chunks[0].length < 4) this.coalesce();
        if (this.framesSeen === 0 && this.chunks[0][0] === 0x16 && this.chunks[0][1] === 0x03) {
          this.dispatcher.log(
            `connection ${this.id}: closing, a TLS handshake was received: this broker does not implement TLS (SSL or SASL_SSL listeners); connect with security.protocol PLAINTEXT or SASL_PLAINTEXT`,
          );
          this.close();
          return;
        }
        const size = this.chunks[0].readInt32BE(0);
        if (size < 8 || size > this.limits.socketRequestMaxBytes) {
          this.dispatcher.log(
            size > this.limits.socketRequestMaxBytes
              ? `connection ${this.id}: closing, request of ${size} bytes is larger than socket.request.max.bytes (${this.limits.socketRequestMaxBytes})`
              : `connection ${this.id}: closing, bad frame size ${size}`,
          );
          this.close();
          return;
        }
        this.frameSize = size;
        if (!this.limits.pool.tryReserve(size, this)) {
          this.memoryPaused = true;
          this.clearStallTimer();
          this.updatePause();
          return;
        }
        this.reserved = size;
      }
      if (this.buffered < 4 + this.frameSize) break;
      this.take(4);
      const frame = this.take(this.frameSize);
      this.limits.pool.release(this.reserved);
      this.reserved = 0;
      this.frameSize = -1;
      this.framesSeen++;
      this.handleFrame(frame);
    }
    this.updateStallTimer();
  }

  /** Watches a request that is only partly received while the client is free to send the rest. */
  private updateStallTimer(): void {
    const waitingForClient = !this.closed && this.buffered > 0 && !this.memoryPaused && !this.writePaused && !this.queuePaused;
    if (!waitingForClient) {
      this.clearStallTimer();
      return;
    }
    clearTimeout(this.stallTimer);
    this.stallTimer = setTimeout(() => {
      this.dispatcher.log(
        `connection ${this.id}: closing, ${this.buffered} bytes of a request of ${this.frameSize} bytes received and nothing more for ${this.limits.partialRequestTimeoutMs} ms`,
      );
      this.close();
    }, this.limits.partialRequestTimeoutMs);
    this.stallTimer.unref();
  }

  private clearStallTimer(): void {
    if (this.stallTimer) {
      clearTimeout(this.stallTimer);
      this.stallTimer = undefined;
    }
  }

  /** Answers what is queued, then closes (Kafka closes a connection whose SASL authentication failed). */
  endAfterResponses(): void {
    this.ending = true;
  }

  private handleFrame(frame: Buffer): void {
    if (this.ending) return;
    const r = new WireReader(frame);
    let header: RequestHeader;
    try {
      const apiKey = r.int16();
      const apiVersion = r.int16();
      const correlationId = r.int32();
      const clientId = r.nullableString() ?? '';
      header = { apiKey, apiVersion, correlationId, clientId };
    } catch {
      this.close();
      return;
    }
    if (header.clientId) this.clientId = header.clientId;
    let result: HandlerResult | 'close';
    try {
      result = this.dispatcher.dispatch(this, header, r);
    } catch (err) {
      if (!(err instanceof ProtocolError)) {
        this.dispatcher.log(`connection ${this.id}: error handling api ${header.apiKey} v${header.apiVersion}: ${(err as Error).stack ?? String(err)}`);
      }
      this.close();
      return;
    }
    if (result === 'close') {
      this.close();
      return;
    }
    const slot: Slot = { correlationId: header.correlationId, done: false, body: null };
    this.queue.push(slot);
    if (result === null || result instanceof WireWriter) {
      slot.done = true;
      slot.body = result;
      this.pump();
    } else {
      result.then(
        (body) => {
          slot.done = true;
          slot.body = body;
          this.pump();
        },
        (err: unknown) => {
          this.dispatcher.log(`connection ${this.id}: error handling api ${header.apiKey}: ${(err as Error)?.stack ?? String(err)}`);
          this.close();
        },
      );
    }
    if (this.queue.length > MAX_PENDING && !this.queuePaused) {
      this.queuePaused = true;
      this.updatePause();
    }
  }

  /** Writes every finished response at the head of the queue, in request order. */
  private pump(): void {
    if (this.closed) return;
    let wrote = false;
    while (this.queue.length > 0 && this.queue[0].done) {
      const slot = this.queue.shift() as Slot;
      if (!slot.body) continue; // acks=0 produce: no response
      const body = slot.body.buffers();
      let size = 4;
      for (const b of body) size += b.length;
      const head = Buffer.allocUnsafe(8);
      head.writeInt32BE(size, 0);
      head.writeInt32BE(slot.correlationId, 4);
      if (!wrote) this.socket.cork();
      wrote = true;
      this.socket.write(head);
      for (let i = 0; i < body.length; i++) {
        if (!this.socket.write(body[i])) this.writePaused = true;
      }
    }
    if (wrote) this.socket.uncork();
    if (this.ending && this.queue.length === 0) {
      this.socket.end(() => this.close());
      return;
    }
    if (this.queuePaused && this.queue.length < MAX_PENDING / 4) this.queuePaused = false;
    this.updatePause();
  }

  private updatePause(): void {
    if (this.closed) return;
    if (this.writePaused || this.queuePaused || this.memoryPaused) this.socket.pause();
    else this.socket.resume();
    this.updateStallTimer();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.clearStallTimer();
    if (this.reserved > 0) this.limits.pool.release(this.reserved);
    this.reserved = 0;
    if (this.memoryPaused) this.limits.pool.forget(this);
    this.limits.pool.bufferedBytes -= this.buffered;
    this.chunks = [];
    this.buffered = 0;
    this.queue.length = 0;
    this.socket.destroy();
    this.dispatcher.connectionClosed(this);
  }
}
