import { WireReader } from '../wire-reader.codec';
import { WireWriter } from '../wire-writer.codec';

export interface ProduceRequest {
  transactionalId: string | null;
  acks: number;
  timeoutMs: number;
  topics: { name: string; partitions: { index: number; records: Buffer | null }[] }[];
}

export function decodeProduceRequest(r: WireReader, version: number): ProduceRequest {
  const transactionalId = version >= 3 ? r.nullableString() : null;
  const acks = r.int16();
  const timeoutMs = r.int32();
  const topics = r.array((t) => ({
    name: t.string(),
    partitions: t.array((p) => ({ index: p.int32(), records: p.nullableBytes() })),
  }));
  return { transactionalId, acks, timeoutMs, topics };
}

export interface ProducePartitionResponse {
  index: number;
  errorCode: number;
  baseOffset: number;
  logStartOffset: number;
}

export function encodeProduceResponse(
  version: number,
  topics: { name: string; partitions: ProducePartitionResponse[] }[],
): WireWriter {
  const w = new WireWriter(64 + topics.length * 64);
  w.array(topics, (x, t) => {
    x.string(t.name);
    x.array(t.partitions, (y, p) => {
      y.int32(p.index).int16(p.errorCode).int64(p.baseOffset);
      if (version >= 2) y.int64(-1);
      if (version >= 5) y.int64(p.logStartOffset);
    });
  });
  if (version >= 1) w.int32(0);
  return w;
}
