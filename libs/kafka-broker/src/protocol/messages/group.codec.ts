import { DescribedGroup, JoinGroupResult } from '../../coordinator/group-coordinator.service';
import { WireReader } from '../wire-reader.codec';
import { WireWriter } from '../wire-writer.codec';

export function decodeFindCoordinatorRequest(r: WireReader, version: number): { key: string; keyType: number } {
  const key = r.string();
  const keyType = version >= 1 ? r.int8() : 0;
  return { key, keyType };
}

export function encodeFindCoordinatorResponse(
  version: number,
  errorCode: number,
  node: { nodeId: number; host: string; port: number },
): WireWriter {
  const w = new WireWriter();
  if (version >= 1) w.int32(0);
  w.int16(errorCode);
  if (version >= 1) w.nullableString(null);
  return w.int32(node.nodeId).string(node.host).int32(node.port);
}

export interface JoinGroupRequestBody {
  groupId: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  memberId: string;
  groupInstanceId: string | null;
  protocolType: string;
  protocols: { name: string; metadata: Buffer }[];
}

export function decodeJoinGroupRequest(r: WireReader, version: number): JoinGroupRequestBody {
  const groupId = r.string();
  const sessionTimeoutMs = r.int32();
  const rebalanceTimeoutMs = version >= 1 ? r.int32() : sessionTimeoutMs;
  const memberId = r.string();
  const groupInstanceId = version >= 5 ? r.nullableString() : null;
  const protocolType = r.string();
  const protocols = r.array((p) => ({ name: p.string(), metadata: p.bytes() }));
  return { groupId, sessionTimeoutMs, rebalanceTimeoutMs, memberId, groupInstanceId, protocolType, protocols };
}

export function encodeJoinGroupResponse(version: number, res: JoinGroupResult): WireWriter {
  const w = new WireWriter();
  if (version >= 2) w.int32(0);
  w.int16(res.errorCode).int32(res.generationId).string(res.protocolName).string(res.leader).string(res.memberId);
  w.array(res.members, (x, m) => {
    x.string(m.memberId);
    if (version >= 5) x.nullableString(m.groupInstanceId);
    x.bytes(m.metadata);
  });
  return w;
}

export function decodeSyncGroupRequest(
  r: WireReader,
  version: number,
): {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
  assignments: { memberId: string; assignment: Buffer }[];
} {
  const groupId = r.string();
  const generationId = r.int32();
  const memberId = r.string();
  const groupInstanceId = version >= 3 ? r.nullableString() : null;
  const assignments = r.array((a) => ({ memberId: a.string(), assignment: a.bytes() }));
  return { groupId, generationId, memberId, groupInstanceId, assignments };
}

export function encodeSyncGroupResponse(version: number, errorCode: number, assignment: Buffer): WireWriter {
  const w = new WireWriter();
  if (version >= 1) w.int32(0);
  return w.int16(errorCode).bytes(assignment);
}

export function decodeHeartbeatRequest(
  r: WireReader,
  version: number,
): { groupId: string; generationId: number; memberId: string; groupInstanceId: string | null } {
  const groupId = r.string();
  const generationId = r.int32();
  const memberId = r.string();
  const groupInstanceId = version >= 3 ? r.nullableString() : null;
  return { groupId, generationId, memberId, groupInstanceId };
}

export function encodeErrorOnlyResponse(version: number, errorCode: number, throttleFromVersion = 1): WireWriter {
  const w = new WireWriter(8);
  if (version >= throttleFromVersion) w.int32(0);
  return w.int16(errorCode);
}

export function decodeLeaveGroupRequest(
  r: WireReader,
  version: number,
): { groupId: string; members: { memberId: string; groupInstanceId: string | null }[] } {
  const groupId = r.string();
  if (version >= 3) {
    const members = r.array((m) => ({ memberId: m.string(), groupInstanceId: m.nullableString() }));
    return { groupId, members };
  }
  return { groupId, members: [{ memberId: r.string(), groupInstanceId: null }] };
}

export function encodeLeaveGroupResponse(
  version: number,
  errorCode: number,
  members: { memberId: string; groupInstanceId: string | null; errorCode: number }[],
): WireWriter {
  const w = new WireWriter();
  if (version >= 1) w.int32(0);
  w.int16(errorCode);
  if (version >= 3) w.array(members, (x, m) => x.string(m.memberId).nullableString(m.groupInstanceId).int16(m.errorCode));
  return w;
}

export function decodeDescribeGroupsRequest(r: WireReader): { groups: string[] } {
  return { groups: r.array((x) => x.string()) };
}

export function encodeDescribeGroupsResponse(version: number, groups: DescribedGroup[]): WireWriter {
  const w = new WireWriter();
  if (version >= 1) w.int32(0);
  w.array(groups, (x, g) => {
    x.int16(g.errorCode).string(g.groupId).string(g.state).string(g.protocolType).string(g.protocol);
    x.array(g.members, (y, m) =>
      y.string(m.memberId).string(m.clientId).string(m.clientHost).bytes(m.metadata).bytes(m.assignment),
    );
  });
  return w;
}

export function encodeListGroupsResponse(version: number, groups: { groupId: string; protocolType: string }[]): WireWriter {
  const w = new WireWriter();
  if (version >= 1) w.int32(0);
  w.int16(0);
  w.array(groups, (x, g) => x.string(g.groupId).string(g.protocolType));
  return w;
}

export interface OffsetCommitRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  topics: { name: string; partitions: { index: number; offset: number; metadata: string | null }[] }[];
}

export function decodeOffsetCommitRequest(r: WireReader, version: number): OffsetCommitRequest {
  const groupId = r.string();
  const generationId = version >= 1 ? r.int32() : -1;
  const memberId = version >= 1 ? r.string() : '';
  if (version >= 2 && version <= 4) r.int64(); // retention time
  const topics = r.array((t) => ({
    name: t.string(),
    partitions: t.array((p) => {
      const index = p.int32();
      const offset = p.int64();
      if (version === 1) p.int64(); // commit timestamp
      const metadata = p.nullableString();
      return { index, offset, metadata };
    }),
  }));
  return { groupId, generationId, memberId, topics };
}

export function encodeOffsetCommitResponse(
  version: number,
  topics: { name: string; partitions: { index: number; errorCode: number }[] }[],
): WireWriter {
  const w = new WireWriter();
  if (version >= 3) w.int32(0);
  w.array(topics, (x, t) => {
    x.string(t.name);
    x.array(t.partitions, (y, p) => y.int32(p.index).int16(p.errorCode));
  });
  return w;
}

export function decodeOffsetFetchRequest(
  r: WireReader,
  version: number,
): { groupId: string; topics: { name: string; partitions: number[] }[] | null } {
  const groupId = r.string();
  const item = (t: WireReader) => ({ name: t.string(), partitions: t.array((p) => p.int32()) });
  const topics = version >= 2 ? r.nullableArray(item) : r.array(item);
  return { groupId, topics };
}

export function encodeOffsetFetchResponse(
  version: number,
  errorCode: number,
  topics: { name: string; partitions: { index: number; offset: number; metadata: string | null; errorCode: number }[] }[],
): WireWriter {
  const w = new WireWriter();
  if (version >= 3) w.int32(0);
  w.array(topics, (x, t) => {
    x.string(t.name);
    x.array(t.partitions, (y, p) => {
      y.int32(p.index).int64(p.offset);
      if (version >= 5) y.int32(-1);
      y.nullableString(p.metadata).int16(p.errorCode);
    });
  });
  if (version >= 2) w.int16(errorCode);
  return w;
}
