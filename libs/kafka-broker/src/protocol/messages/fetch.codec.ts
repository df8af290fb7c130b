import { WireReader } from '../wire-reader.codec';
import { WireWriter } from '../wire-writer.codec';

export interface FetchPartitionRequest {
  index: number;
  fetchOffset: number;
  partitionMaxBytes: number;
}

export interface FetchRequest {
  maxWaitMs: number;
  minBytes: number;
  maxBytes: number;
  isolationLevel: number;
  sessionId: number;
  sessionEpoch: number;
  topics: { name: string; partitions: FetchPartitionRequest[] }[];
}

export function decodeFetchRequest(r: WireReader, version: number): FetchRequest {
  r.int32(); // replica id
  const maxWaitMs = r.int32();
  const minBytes = r.int32();
  const maxBytes = version >= 3 ? r.int32() : 0x7fffffff;
  const isolationLevel = version >= 4 ? r.int8() : 0;
  const sessionId = version >= 7 ? r.int32() : 0;
  const sessionEpoch = version >= 7 ? r.int32() : -1;
  const topics = r.array((t) => ({
    name: t.string(),
    partitions: t.array((p) => {
      const index = p.int32();
      if (version >= 9) p.int32(); // current leader epoch
      const fetchOffset = p.int64();
      if (version >= 5) p.int64(); // log start offset (followers only)
      const partitionMaxBytes = p.int32();
      return { index, fetchOffset, partitionMaxBytes };
    }),
  }));
  if (version >= 7) r.array((t) => ({ name: t.string(), partitions: t.array((p) => p.int32()) }));
  if (version >= 11) r.string();
  return { maxWaitMs, minBytes, maxBytes, isolationLevel, sessionId, sessionEpoch, topics };
}

export interface FetchPartitionResponse {
  index: number;
  errorCode: number;
  highWatermark: number;
  logStartOffset: number;
  records: Buffer | null;
}

export function encodeFetchResponse(
  version: number,
  errorCode: number,
  topics: { name: string; partitions: FetchPartitionResponse[] }[],
): WireWriter {
  const w = new WireWriter(128 + topics.length * 96);
  if (version >= 1) w.int32(0);
  if (version >= 7) w.int16(errorCode).int32(0);
  w.array(topics, (x, t) => {
    x.string(t.name);
    x.array(t.partitions, (y, p) => {
      y.int32(p.index).int16(p.errorCode).int64(p.highWatermark);
      if (version >= 4) {
        y.int64(p.highWatermark); // last stable offset: no transactions
        if (version >= 5) y.int64(p.logStartOffset);
        y.int32(-1); // aborted transactions: null
      }
      if (version >= 11) y.int32(-1); // preferred read replica
      if (p.records && p.records.length > 0) y.bytes(p.records);
      else y.int32(0);
    });
  });
  return w;
}
