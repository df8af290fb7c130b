import { WireReader } from '../wire-reader.codec';
import { WireWriter } from '../wire-writer.codec';

export interface MetadataRequest {
  /** null = all topics (v1+; v0 empty list also means all). */
  topics: string[] | null;
  allowAutoTopicCreation: boolean;
}

export function decodeMetadataRequest(r: WireReader, version: number): MetadataRequest {
  let topics = version >= 1 ? r.nullableArray((x) => x.string()) : r.array((x) => x.string());
  if (version === 0 && topics && topics.length === 0) topics = null;
  const allowAutoTopicCreation = version >= 4 ? r.bool() : true;
  return { topics, allowAutoTopicCreation };
}

export interface MetadataTopic {
  errorCode: number;
  name: string;
  partitions: { errorCode: number; index: number }[];
}

export function encodeMetadataResponse(
  version: number,
  broker: { nodeId: number; host: string; port: number },
  clusterId: string,
  topics: MetadataTopic[],
): WireWriter {
  const w = new WireWriter(256 + topics.length * 64);
  if (version >= 3) w.int32(0);
  w.array([broker], (x, b) => {
    x.int32(b.nodeId).string(b.host).int32(b.port);
    if (version >= 1) x.nullableString(null);
  });
  if (version >= 2) w.nullableString(clusterId);
  if (version >= 1) w.int32(broker.nodeId);
  w.array(topics, (x, t) => {
    x.int16(t.errorCode).string(t.name);
    if (version >= 1) x.bool(false);
    x.array(t.partitions, (y, p) => {
      y.int16(p.errorCode).int32(p.index).int32(broker.nodeId);
      y.array([broker.nodeId], (z, n) => z.int32(n));
      y.array([broker.nodeId], (z, n) => z.int32(n));
      if (version >= 5) y.array([] as number[], (z, n) => z.int32(n));
    });
  });
  return w;
}
