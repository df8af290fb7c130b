/** Kafka API keys served by this broker. */
export const ApiKey = {
  Produce: 0,
  Fetch: 1,
  ListOffsets: 2,
  Metadata: 3,
  OffsetCommit: 8,
  OffsetFetch: 9,
  FindCoordinator: 10,
  JoinGroup: 11,
  Heartbeat: 12,
  LeaveGroup: 13,
  SyncGroup: 14,
  DescribeGroups: 15,
  ListGroups: 16,
  SaslHandshake: 17,
  ApiVersions: 18,
  CreateTopics: 19,
  DeleteTopics: 20,
  DeleteRecords: 21,
  InitProducerId: 22,
  AddPartitionsToTxn: 24,
  AddOffsetsToTxn: 25,
  EndTxn: 26,
  TxnOffsetCommit: 28,
  DescribeConfigs: 32,
  AlterConfigs: 33,
  CreatePartitions: 37,
  SaslAuthenticate: 36,
  DeleteGroups: 42,
  IncrementalAlterConfigs: 44,
} as const;

export type ApiKeyValue = (typeof ApiKey)[keyof typeof ApiKey];

/**
 * Advertised version ranges. Min is 0 everywhere because librdkafka switches features off when a
 * range misses an old version. None of these versions is flexible except ApiVersions v3, which
 * librdkafka sends first (request header v2, response header stays v0).
 */
export const SUPPORTED_VERSIONS: ReadonlyMap<number, { min: number; max: number }> = new Map([
  [ApiKey.Produce, { min: 0, max: 7 }],
  [ApiKey.Fetch, { min: 0, max: 11 }],
  [ApiKey.ListOffsets, { min: 0, max: 3 }],
  [ApiKey.Metadata, { min: 0, max: 6 }],
  [ApiKey.OffsetCommit, { min: 0, max: 5 }],
  [ApiKey.OffsetFetch, { min: 0, max: 5 }],
  [ApiKey.FindCoordinator, { min: 0, max: 2 }],
  [ApiKey.JoinGroup, { min: 0, max: 5 }],
  [ApiKey.Heartbeat, { min: 0, max: 3 }],
  [ApiKey.LeaveGroup, { min: 0, max: 3 }],
  [ApiKey.SyncGroup, { min: 0, max: 3 }],
  [ApiKey.DescribeGroups, { min: 0, max: 2 }],
  [ApiKey.ListGroups, { min: 0, max: 2 }],
  [ApiKey.SaslHandshake, { min: 0, max: 1 }],
  [ApiKey.ApiVersions, { min: 0, max: 3 }],
  [ApiKey.CreateTopics, { min: 0, max: 3 }],
  [ApiKey.DeleteTopics, { min: 0, max: 1 }],
  [ApiKey.DeleteRecords, { min: 0, max: 1 }],
  [ApiKey.InitProducerId, { min: 0, max: 1 }],
  [ApiKey.AddPartitionsToTxn, { min: 0, max: 1 }],
  [ApiKey.AddOffsetsToTxn, { min: 0, max: 1 }],
  [ApiKey.EndTxn, { min: 0, max: 1 }],
  [ApiKey.TxnOffsetCommit, { min: 0, max: 2 }],
  [ApiKey.DescribeConfigs, { min: 0, max: 2 }],
  [ApiKey.AlterConfigs, { min: 0, max: 1 }],
  [ApiKey.CreatePartitions, { min: 0, max: 1 }],
  [ApiKey.SaslAuthenticate, { min: 0, max: 1 }],
  [ApiKey.DeleteGroups, { min: 0, max: 1 }],
  [ApiKey.IncrementalAlterConfigs, { min: 0, max: 0 }],
]);

/** True when the request header of this api/version is v2 (flexible: tagged fields). */
export function isFlexibleRequest(apiKey: number, apiVersion: number): boolean {
  return apiKey === ApiKey.ApiVersions && apiVersion >= 3;
}
