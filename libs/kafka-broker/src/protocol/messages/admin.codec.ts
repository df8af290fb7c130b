import { WireReader } from '../wire-reader.codec';
import { WireWriter } from '../wire-writer.codec';

export interface CreateTopicsRequest {
  topics: { name: string; numPartitions: number; replicationFactor: number; assignments: number; configs: { name: string; value: string | null }[] }[];
  timeoutMs: number;
  validateOnly: boolean;
}

export function decodeCreateTopicsRequest(r: WireReader, version: number): CreateTopicsRequest {
  const topics = r.array((t) => {
    const name = t.string();
    const numPartitions = t.int32();
    const replicationFactor = t.int16();
    const assignments = t.array((a) => ({ index: a.int32(), brokers: a.array((b) => b.int32()) })).length;
    const configs = t.array((c) => ({ name: c.string(), value: c.nullableString() }));
    return { name, numPartitions, replicationFactor, assignments, configs };
  });
  const timeoutMs = r.int32();
  const validateOnly = version >= 1 ? r.bool() : false;
  return { topics, timeoutMs, validateOnly };
}

export function encodeCreateTopicsResponse(
  version: number,
  topics: { name: string; errorCode: number; errorMessage: string | null }[],
): WireWriter {
  const w = new WireWriter();
  if (version >= 2) w.int32(0);
  w.array(topics, (x, t) => {
    x.string(t.name).int16(t.errorCode);
    if (version >= 1) x.nullableString(t.errorMessage);
  });
  return w;
}

export function decodeDeleteTopicsRequest(r: WireReader): { names: string[]; timeoutMs: number } {
  const names = r.array((x) => x.string());
  const timeoutMs = r.int32();
  return { names, timeoutMs };
}

export function encodeDeleteTopicsResponse(version: number, topics: { name: string; errorCode: number }[]): WireWriter {
  const w = new WireWriter();
  if (version >= 1) w.int32(0);
  w.array(topics, (x, t) => x.string(t.name).int16(t.errorCode));
  return w;
}

export function decodeInitProducerIdRequest(r: WireReader): { transactionalId: string | null; transactionTimeoutMs: number } {
  return { transactionalId: r.nullableString(), transactionTimeoutMs: r.int32() };
}

export function encodeInitProducerIdResponse(errorCode: number, producerId: number, epoch: number): WireWriter {
  return new WireWriter(24).int32(0).int16(errorCode).int64(producerId).int16(epoch);
}

export interface CreatePartitionsRequest {
  topics: { name: string; count: number; assignments: number[][] | null }[];
  timeoutMs: number;
  validateOnly: boolean;
}

/** CreatePartitions v0–1. */
export function decodeCreatePartitionsRequest(r: WireReader): CreatePartitionsRequest {
  const topics = r.array((t) => ({
    name: t.string(),
    count: t.int32(),
    assignments: t.nullableArray((a) => a.array((b) => b.int32())),
  }));
  return { topics, timeoutMs: r.int32(), validateOnly: r.bool() };
}

export function encodeCreatePartitionsResponse(results: { name: string; errorCode: number; errorMessage: string | null }[]): WireWriter {
  const w = new WireWriter();
  w.int32(0);
  w.array(results, (x, t) => x.string(t.name).int16(t.errorCode).nullableString(t.errorMessage));
  return w;
}

/** DeleteRecords v0–1: per partition, the offset below which records are deleted (-1: high watermark). */
export function decodeDeleteRecordsRequest(r: WireReader): { topics: { name: string; partitions: { index: number; offset: number }[] }[]; timeoutMs: number } {
  const topics = r.array((t) => ({ name: t.string(), partitions: t.array((p) => ({ index: p.int32(), offset: p.int64() })) }));
  return { topics, timeoutMs: r.int32() };
}

export function encodeDeleteRecordsResponse(
  topics: { name: string; partitions: { index: number; lowWatermark: number; errorCode: number }[] }[],
): WireWriter {
  const w = new WireWriter();
  w.int32(0);
  w.array(topics, (x, t) => {
    x.string(t.name);
    x.array(t.partitions, (y, p) => y.int32(p.index).int64(p.lowWatermark).int16(p.errorCode));
  });
  return w;
}

/** DeleteGroups v0–1. */
export function decodeDeleteGroupsRequest(r: WireReader): { groups: string[] } {
  return { groups: r.array((x) => x.string()) };
}

export function encodeDeleteGroupsResponse(results: { groupId: string; errorCode: number }[]): WireWriter {
  const w = new WireWriter();
  w.int32(0);
  w.array(results, (x, g) => x.string(g.groupId).int16(g.errorCode));
  return w;
}
