import { KafkaBroker } from '../src';
import { apiVersionsV3Frame, rawFrame } from './support/frames';
import { RawKafkaClient, encodeFrame } from './support/raw-kafka.client';
import { buildRecordBatch } from './support/record-batch.builder';
import { unique } from './support/wait';

describe('bad input: error codes or a closed connection, never a crash', () => {
  let broker: KafkaBroker;
  const logs: string[] = [];

  beforeAll(async () => {
    broker = await KafkaBroker.start({
      port: 0,
      inMemory: true,
      initialRebalanceDelayMs: 0,
      socketRequestMaxBytes: 64 * 1024,
      log: (l) => logs.push(l),
    });
  });
  afterAll(async () => {
    await broker.stop();
    // Bad input is handled as bad input: no handler crashed on it.
    expect(logs.filter((l) => /internal error|error handling/.test(l))).toEqual([]);
  });

  async function stillServes(): Promise<void> {
    const c = await RawKafkaClient.connect(broker.port);
    const res = await c.call('ApiVersions', 2, {});
    expect(res.errorCode).toBe(0);
    c.close();
  }

  it('answers ApiVersions v3 (flexible, as librdkafka sends it)', async () => {
    const c = await RawKafkaClient.connect(broker.port);
    c.write(apiVersionsV3Frame(11));
    const f = (await c.nextFrame()) as Buffer;
    expect(f.readInt32BE(0)).toBe(11);
    expect(f.readInt16BE(4)).toBe(0); // error
    const count = f[6] - 1; // compact array length (fits one byte)
    expect(count).toBe(29);
    const entries: number[][] = [];
    let pos = 7;
    for (let i = 0; i < count; i++) {
      entries.push([f.readInt16BE(pos), f.readInt16BE(pos + 2), f.readInt16BE(pos + 4)]);
      expect(f[pos + 6]).toBe(0); // entry tag buffer
      pos += 7;
    }
    expect(entries).toContainEqual([0, 0, 7]);
    expect(entries).toContainEqual([1, 0, 11]);
    expect(entries).toContainEqual([18, 0, 3]);
    expect(f.readInt32BE(pos)).toBe(0); // throttle
    expect(f[pos + 4]).toBe(0); // tag buffer
    expect(f.length).toBe(pos + 5);
    c.close();
  });

  it('answers an ApiVersions version it does not know with error 35 in a v0 body', async () => {
    const c = await RawKafkaClient.connect(broker.port);
    c.write(apiVersionsV3Frame(12, 9));
    const f = (await c.nextFrame()) as Buffer;
    expect(f.readInt32BE(0)).toBe(12);
    expect(f.readInt16BE(4)).toBe(35);
    expect(f.readInt32BE(6)).toBe(29); // v0 array with int32 length
    // The client can retry at v0 on the same connection.
    const res = await c.call('ApiVersions', 0, {}, 13);
    expect(res.errorCode).toBe(0);
    c.close();
  });

  it.each([
    ['an unknown API key', rawFrame(999, 0, 1)],
    ['an API the broker does not serve (OffsetForLeaderEpoch)', rawFrame(23, 0, 1)],
    ['an unsupported version of a known API', rawFrame(3, 42, 1)],
    ['a truncated body', rawFrame(3, 1, 1, Buffer.from([0, 0, 0, 5, 0, 3]))],
    ['a header cut short', Buffer.from([0, 0, 0, 8, 0, 3, 0, 1, 0, 0, 0, 1])],
    ['a negative frame size', Buffer.from([0xff, 0xff, 0xff, 0xf0, 1, 2, 3])],
    ['a frame larger than socket.request.max.bytes', Buffer.from([0x10, 0, 0, 0])],
    ['an array count larger than the frame', rawFrame(3, 1, 1, Buffer.from([0x7f, 0xff, 0xff, 0xff]))],
  ])('closes the connection on %s', async (_what, frame) => {
    const c = await RawKafkaClient.connect(broker.port);
    c.write(frame);
    expect(await c.nextFrame(5000)).toBeNull();
    await c.closedPromise;
    await stillServes();
  });

  it('reassembles a frame that arrives one byte at a time, and answers pipelined frames in order', async () => {
    const c = await RawKafkaClient.connect(broker.port);
    const f1 = await encodeFrame('ApiVersions', 1, {}, 101);
    for (const byte of f1) {
      c.write(Buffer.from([byte]));
      await new Promise((r) => setImmediate(r));
    }
    expect(((await c.nextFrame()) as Buffer).readInt32BE(0)).toBe(101);
    const frames = await Promise.all([102, 103, 104, 105].map((id) => encodeFrame('Metadata', 1, { topics: [] }, id)));
    c.write(Buffer.concat(frames));
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) ids.push(((await c.nextFrame()) as Buffer).readInt32BE(0));
    expect(ids).toEqual([102, 103, 104, 105]);
    c.close();
  });

  it('keeps responses in request order behind a parked fetch', async () => {
    const topic = unique('order');
    const c = await RawKafkaClient.connect(broker.port);
    await c.call('Metadata', 4, { topics: [topic], allowAutoTopicCreation: true });
    c.write(
      await encodeFrame(
        'Fetch',
        11,
        { replicaId: -1, maxWaitTime: 300, minBytes: 1, maxBytes: 1 << 20, topics: [{ topic, partitions: [{ partition: 0, fetchOffset: '0', maxBytes: 1 << 20 }] }] },
        201,
      ),
    );
    c.write(await encodeFrame('ApiVersions', 1, {}, 202));
    const first = (await c.nextFrame()) as Buffer;
    const second = (await c.nextFrame()) as Buffer;
    expect([first.readInt32BE(0), second.readInt32BE(0)]).toEqual([201, 202]);
    c.close();
  });

  it('rejects corrupt batches with error 2 and unknown topics with error 3, appending nothing', async () => {
    const topic = unique('corrupt');
    const c = await RawKafkaClient.connect(broker.port);
    await c.call('Metadata', 4, { topics: [topic], allowAutoTopicCreation: true });
    const good = buildRecordBatch([{ value: 'ok' }]);
    const bad = Buffer.from(good);
    bad[bad.length - 1] ^= 1;
    const produceRaw = async (records: Buffer, t: string, id: number) => {
      // Produce v3 body by hand: transactional id null, acks -1, timeout, one topic/partition.
      const name = Buffer.from(t);
      const body = Buffer.alloc(2 + 2 + 4 + 4 + 2 + name.length + 4 + 4 + 4);
      let p = 0;
      p = body.writeInt16BE(-1, p);
      p = body.writeInt16BE(-1, p);
      p = body.writeInt32BE(1000, p);
      p = body.writeInt32BE(1, p);
      p = body.writeInt16BE(name.length, p);
      p += name.copy(body, p);
      p = body.writeInt32BE(1, p);
      p = body.writeInt32BE(0, p);
      body.writeInt32BE(records.length, p);
      c.write(rawFrame(0, 3, id, Buffer.concat([body, records])));
      const f = (await c.nextFrame()) as Buffer;
      // responses[1]: topic string, partitions[1]: index, error, base offset
      const tl = f.readInt16BE(8);
      const at = 10 + tl + 4;
      return { errorCode: f.readInt16BE(at + 4), baseOffset: Number(f.readBigInt64BE(at + 6)) };
    };
    expect(await produceRaw(bad, topic, 301)).toMatchObject({ errorCode: 2 });
    expect(await produceRaw(good.subarray(0, good.length - 4), topic, 302)).toMatchObject({ errorCode: 2 });
    expect(await produceRaw(good, unique('missing'), 303)).toMatchObject({ errorCode: 3 });
    expect(await produceRaw(good, 'bad name!', 304)).toMatchObject({ errorCode: 17 });
    expect(await produceRaw(good, topic, 305)).toEqual({ errorCode: 0, baseOffset: 0 });
    c.close();
  });

  it('refuses invalid topic names in CreateTopics with error 17', async () => {
    const c = await RawKafkaClient.connect(broker.port);
    const res = (await c.call('CreateTopics', 1, {
      topics: ['..', 'a'.repeat(250), 'has space', 'ok.name_1-x'].map((topic) => ({ topic, numPartitions: 1, replicationFactor: 1 })),
      timeout: 1000,
    })) as { topicErrors: { topic: string; errorCode: number }[] };
    expect(res.topicErrors.map((t) => t.errorCode)).toEqual([17, 17, 17, 0]);
    c.close();
  });
});
