import { WireReader } from '../wire-reader.codec';
import { WireWriter } from '../wire-writer.codec';

export interface ListOffsetsRequest {
  topics: { name: string; partitions: { index: number; timestamp: number }[] }[];
}

export function decodeListOffsetsRequest(r: WireReader, version: number): ListOffsetsRequest {
  r.int32(); // replica id
  if (version >= 2) r.int8(); // isolation level
  const topics = r.array((t) => ({
    name: t.string(),
    partitions: t.array((p) => {
      const index = p.int32();
      const timestamp = p.int64();
      if (version === 0) p.int32(); // max num offsets
      return { index, timestamp };
    }),
  }));
  return { topics };
}

export interface ListOffsetsPartitionResponse {
  index: number;
  errorCode: number;
  timestamp: number;
  offset: number;
}

export function encodeListOffsetsResponse(
  version: number,
  topics: { name: string; partitions: ListOffsetsPartitionResponse[] }[],
): WireWriter {
  const w = new WireWriter();
  if (version >= 2) w.int32(0);
  w.array(topics, (x, t) => {
    x.string(t.name);
    x.array(t.partitions, (y, p) => {
      y.int32(p.index).int16(p.errorCode);
      if (version === 0) {
        y.array(p.offset >= 0 ? [p.offset] : [], (z, o) => z.int64(o));
      } else {
        y.int64(p.timestamp).int64(p.offset);
      }
    });
  });
  return w;
}
