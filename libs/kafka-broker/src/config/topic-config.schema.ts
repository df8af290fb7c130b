/**
 * Apache Kafka 3.x topic configurations: names, types, defaults, validators (Kafka's LogConfig
 * and TopicConfig), so that CreateTopics, AlterConfigs and IncrementalAlterConfigs refuse what
 * Kafka refuses, with INVALID_CONFIG (40) and Kafka's wording, and DescribeConfigs answers what
 * Kafka answers. `applied` says whether this broker acts on the value; the others are validated,
 * stored and described, but change nothing (most concern replication, tiered storage or on-disk
 * formats a single-node broker does not have).
 */

/** DescribeConfigs v3 config_type values. */
export const ConfigType = { BOOLEAN: 1, STRING: 2, INT: 3, LONG: 5, DOUBLE: 6, LIST: 7 } as const;
type ConfigTypeName = keyof typeof ConfigType;

/** DescribeConfigs v1+ config_source values. */
export const ConfigSource = {
  DYNAMIC_TOPIC_CONFIG: 1,
  DYNAMIC_BROKER_CONFIG: 2,
  DYNAMIC_DEFAULT_BROKER_CONFIG: 3,
  STATIC_BROKER_CONFIG: 4,
  DEFAULT_CONFIG: 5,
} as const;

/** Java's Long.MAX_VALUE as Kafka prints it. */
export const LONG_MAX = '9223372036854775807';
const INT_MIN = -2147483648n;
const INT_MAX = 2147483647n;
const LONG_MIN_BIG = -9223372036854775808n;
const LONG_MAX_BIG = 9223372036854775807n;

export interface TopicConfigDef {
  name: string;
  type: ConfigTypeName;
  /** Kafka's default (before any broker setting). */
  kafkaDefault: string;
  /** The broker-level config that supplies the default (shown as a synonym). */
  brokerSynonym?: string;
  /** Extra check after parsing; returns the reason when invalid. */
  check?: (value: string) => string | null;
  applied: boolean;
  doc: string;
}

const atLeast = (min: bigint) => (v: string) => (BigInt(v) < min ? `Value must be at least ${min}` : null);
const oneOf = (allowed: string[]) => (v: string) => (allowed.includes(v) ? null : `String must be one of: ${allowed.join(', ')}`);
const listOf = (allowed: string[]) => (v: string) => {
  for (const item of splitList(v)) if (!allowed.includes(item)) return `String must be one of: ${allowed.join(', ')}`;
  return null;
};
const throttledReplicas = (v: string) =>
  v === '*' || splitList(v).every((x) => /^\d+:\d+$/.test(x)) ? null : "Must be the wildcard (*) or of the form 'PartitionId:BrokerId'";

const DEFS: TopicConfigDef[] = [
  { name: 'cleanup.policy', type: 'LIST', kafkaDefault: 'delete', brokerSynonym: 'log.cleanup.policy', check: listOf(['compact', 'delete']), applied: true, doc: 'delete: retention by time/size; compact: keep the last value per key' },
  { name: 'compression.type', type: 'STRING', kafkaDefault: 'producer', brokerSynonym: 'compression.type', check: oneOf(['uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer']), applied: false, doc: 'batches are stored as produced (no recompression)' },
  { name: 'delete.retention.ms', type: 'LONG', kafkaDefault: '86400000', brokerSynonym: 'log.cleaner.delete.retention.ms', check: atLeast(0n), applied: true, doc: 'how long tombstones survive compaction' },
  { name: 'file.delete.delay.ms', type: 'LONG', kafkaDefault: '60000', brokerSynonym: 'log.segment.delete.delay.ms', check: atLeast(0n), applied: false, doc: 'segments are deleted at once' },
  { name: 'flush.messages', type: 'LONG', kafkaDefault: LONG_MAX, brokerSynonym: 'log.flush.interval.messages', check: atLeast(1n), applied: false, doc: 'flushing follows the broker flush option' },
  { name: 'flush.ms', type: 'LONG', kafkaDefault: LONG_MAX, brokerSynonym: 'log.flush.interval.ms', check: atLeast(0n), applied: false, doc: 'flushing follows the broker flush option' },
  { name: 'follower.replication.throttled.replicas', type: 'LIST', kafkaDefault: '', brokerSynonym: 'follower.replication.throttled.replicas', check: throttledReplicas, applied: false, doc: 'no replication' },
  { name: 'index.interval.bytes', type: 'INT', kafkaDefault: '4096', brokerSynonym: 'log.index.interval.bytes', check: atLeast(0n), applied: false, doc: 'the index interval is fixed (4 KiB)' },
  { name: 'leader.replication.throttled.replicas', type: 'LIST', kafkaDefault: '', brokerSynonym: 'leader.replication.throttled.replicas', check: throttledReplicas, applied: false, doc: 'no replication' },
  { name: 'local.retention.bytes', type: 'LONG', kafkaDefault: '-2', brokerSynonym: 'log.local.retention.bytes', check: atLeast(-2n), applied: false, doc: 'no tiered storage' },
  { name: 'local.retention.ms', type: 'LONG', kafkaDefault: '-2', brokerSynonym: 'log.local.retention.ms', check: atLeast(-2n), applied: false, doc: 'no tiered storage' },
  { name: 'max.compaction.lag.ms', type: 'LONG', kafkaDefault: LONG_MAX, brokerSynonym: 'log.cleaner.max.compaction.lag.ms', check: atLeast(1n), applied: false, doc: 'compaction runs at every cleaner pass' },
  { name: 'max.message.bytes', type: 'INT', kafkaDefault: '1048588', brokerSynonym: 'message.max.bytes', check: atLeast(0n), applied: true, doc: 'largest record batch accepted (MESSAGE_TOO_LARGE above)' },
  { name: 'message.downconversion.enable', type: 'BOOLEAN', kafkaDefault: 'true', brokerSynonym: 'log.message.downconversion.enable', applied: false, doc: 'only RecordBatch v2 is served' },
  { name: 'message.format.version', type: 'STRING', kafkaDefault: '3.0-IV1', brokerSynonym: 'log.message.format.version', applied: false, doc: 'always RecordBatch v2' },
  { name: 'message.timestamp.after.max.ms', type: 'LONG', kafkaDefault: LONG_MAX, brokerSynonym: 'log.message.timestamp.after.max.ms', check: atLeast(0n), applied: true, doc: 'CreateTime batches further in the future get INVALID_TIMESTAMP' },
  { name: 'message.timestamp.before.max.ms', type: 'LONG', kafkaDefault: LONG_MAX, brokerSynonym: 'log.message.timestamp.before.max.ms', check: atLeast(0n), applied: true, doc: 'CreateTime batches further in the past get INVALID_TIMESTAMP' },
  { name: 'message.timestamp.difference.max.ms', type: 'LONG', kafkaDefault: LONG_MAX, brokerSynonym: 'log.message.timestamp.difference.max.ms', check: atLeast(0n), applied: true, doc: 'CreateTime batches further from now get INVALID_TIMESTAMP' },
  { name: 'message.timestamp.type', type: 'STRING', kafkaDefault: 'CreateTime', brokerSynonym: 'log.message.timestamp.type', check: oneOf(['CreateTime', 'LogAppendTime']), applied: true, doc: 'LogAppendTime: the broker stamps each batch on append' },
  { name: 'min.cleanable.dirty.ratio', type: 'DOUBLE', kafkaDefault: '0.5', brokerSynonym: 'log.cleaner.min.cleanable.ratio', check: (v) => (Number(v) < 0 || Number(v) > 1 ? 'Value must be between 0 and 1' : null), applied: false, doc: 'compaction runs at every cleaner pass' },
  { name: 'min.compaction.lag.ms', type: 'LONG', kafkaDefault: '0', brokerSynonym: 'log.cleaner.min.compaction.lag.ms', check: atLeast(0n), applied: true, doc: 'segments with newer records are not compacted yet' },
  { name: 'min.insync.replicas', type: 'INT', kafkaDefault: '1', brokerSynonym: 'min.insync.replicas', check: atLeast(1n), applied: true, doc: 'above 1, acks=all produce gets NOT_ENOUGH_REPLICAS (one replica here)' },
  { name: 'preallocate', type: 'BOOLEAN', kafkaDefault: 'false', brokerSynonym: 'log.preallocate', applied: false, doc: 'segments grow as written' },
  { name: 'remote.storage.enable', type: 'BOOLEAN', kafkaDefault: 'false', check: (v) => (v === 'true' ? 'Tiered Storage functionality is disabled in the broker' : null), applied: true, doc: 'true is refused (no tiered storage), as Kafka does when it is disabled' },
  { name: 'retention.bytes', type: 'LONG', kafkaDefault: '-1', brokerSynonym: 'log.retention.bytes', applied: true, doc: 'per partition; whole old segments are deleted beyond it' },
  { name: 'retention.ms', type: 'LONG', kafkaDefault: '604800000', brokerSynonym: 'log.retention.ms', check: atLeast(-1n), applied: true, doc: 'segments whose newest record is older are deleted; -1 keeps forever' },
  { name: 'segment.bytes', type: 'INT', kafkaDefault: '1073741824', brokerSynonym: 'log.segment.bytes', check: atLeast(14n), applied: true, doc: 'segment roll size' },
  { name: 'segment.index.bytes', type: 'INT', kafkaDefault: '10485760', brokerSynonym: 'log.index.size.max.bytes', check: atLeast(4n), applied: false, doc: 'the index is sparse and unbounded' },
  { name: 'segment.jitter.ms', type: 'LONG', kafkaDefault: '0', brokerSynonym: 'log.roll.jitter.ms', check: atLeast(0n), applied: false, doc: 'no jitter' },
  { name: 'segment.ms', type: 'LONG', kafkaDefault: '604800000', brokerSynonym: 'log.roll.ms', check: atLeast(1n), applied: true, doc: 'the active segment is rolled when older' },
  { name: 'unclean.leader.election.enable', type: 'BOOLEAN', kafkaDefault: 'false', brokerSynonym: 'unclean.leader.election.enable', applied: false, doc: 'no replication' },
];

export const TOPIC_CONFIGS: ReadonlyMap<string, TopicConfigDef> = new Map(DEFS.map((d) => [d.name, d]));

export function splitList(v: string): string[] {
  return v
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
}

/** Kafka's ConfigDef.parseType: the normalised value, or the reason it is invalid. */
function parse(def: TopicConfigDef, raw: string): { value: string } | { error: string } {
  const v = raw.trim();
  switch (def.type) {
    case 'BOOLEAN': {
      const low = v.toLowerCase();
      if (low !== 'true' && low !== 'false') return { error: 'Expected value to be either true or false' };
      return { value: low };
    }
    case 'INT':
    case 'LONG': {
      if (!/^[+-]?\d+$/.test(v)) return { error: `Not a number of type ${def.type}` };
      const n = BigInt(v);
      const [min, max] = def.type === 'INT' ? [INT_MIN, INT_MAX] : [LONG_MIN_BIG, LONG_MAX_BIG];
      if (n < min || n > max) return { error: `Not a number of type ${def.type}` };
      return { value: n.toString() };
    }
    case 'DOUBLE': {
      if (v === '' || !Number.isFinite(Number(v))) return { error: 'Not a number of type DOUBLE' };
      return { value: String(Number(v)) };
    }
    case 'LIST':
      return { value: splitList(v).join(',') };
    default:
      return { value: v };
  }
}

export type ConfigProblem = { name: string; message: string };

/**
 * Validates a set of topic config values as Kafka does for CreateTopics and AlterConfigs:
 * unknown names, nulls and unparsable or out-of-range values are refused (INVALID_CONFIG).
 * Returns the normalised values, or the first problem in Kafka's wording.
 */
export function validateTopicConfigs(configs: readonly { name: string; value: string | null }[]): { configs: Record<string, string> } | { problem: ConfigProblem } {
  const out: Record<string, string> = {};
  for (const { name, value } of configs) {
    const def = TOPIC_CONFIGS.get(name);
    if (!def) return { problem: { name, message: `Unknown topic config name: ${name}` } };
    if (value === null) return { problem: { name, message: `Null value not supported for topic configs: ${name}` } };
    const parsed = parse(def, value);
    if ('error' in parsed) return { problem: { name, message: `Invalid value ${value} for configuration ${name}: ${parsed.error}` } };
    const reason = def.check?.(parsed.value) ?? null;
    if (reason) return { problem: { name, message: `Invalid value ${value} for configuration ${name}: ${reason}` } };
    out[name] = parsed.value;
  }
  const lag = out['min.compaction.lag.ms'];
  const maxLag = out['max.compaction.lag.ms'];
  if (lag !== undefined && maxLag !== undefined && BigInt(lag) > BigInt(maxLag)) {
    return { problem: { name: 'min.compaction.lag.ms', message: `conflict topic config setting min.compaction.lag.ms (${lag}) > max.compaction.lag.ms (${maxLag})` } };
  }
  return { configs: out };
}

/** Broker-level values that replace Kafka's defaults (the broker's options), by topic config name. */
export type TopicConfigDefaults = Partial<Record<string, { value: string; source: 'static' | 'default' }>>;

export interface DescribedConfig {
  name: string;
  value: string;
  source: number;
  isDefault: boolean;
  readOnly: boolean;
  sensitive: boolean;
  type: number;
  doc: string;
  synonyms: { name: string; value: string; source: number }[];
}

/** Every topic config with its value and source: override, broker setting, or default. */
export function describeTopicConfigs(overrides: Record<string, string>, defaults: TopicConfigDefaults): DescribedConfig[] {
  return DEFS.map((def) => {
    const synonyms: DescribedConfig['synonyms'] = [];
    const override = overrides[def.name];
    if (override !== undefined) synonyms.push({ name: def.name, value: override, source: ConfigSource.DYNAMIC_TOPIC_CONFIG });
    const broker = defaults[def.name];
    if (broker?.source === 'static' && def.brokerSynonym) synonyms.push({ name: def.brokerSynonym, value: broker.value, source: ConfigSource.STATIC_BROKER_CONFIG });
    const fallback = broker?.value ?? def.kafkaDefault;
    if (def.brokerSynonym) synonyms.push({ name: def.brokerSynonym, value: broker?.source === 'default' ? fallback : def.kafkaDefault, source: ConfigSource.DEFAULT_CONFIG });
    const value = override ?? fallback;
    const source =
      override !== undefined ? ConfigSource.DYNAMIC_TOPIC_CONFIG : broker?.source === 'static' ? ConfigSource.STATIC_BROKER_CONFIG : ConfigSource.DEFAULT_CONFIG;
    return {
      name: def.name,
      value,
      source,
      isDefault: override === undefined,
      readOnly: false,
      sensitive: false,
      type: ConfigType[def.type],
      doc: def.applied ? def.doc : `Accepted and stored; not applied by this broker (${def.doc}).`,
      synonyms,
    };
  });
}

/** The values the log acts on, resolved from overrides, then broker settings, then Kafka's defaults. */
export interface EffectiveTopicConfig {
  compact: boolean;
  deleteByRetention: boolean;
  /** undefined: keep forever. */
  retentionMs?: number;
  retentionBytes?: number;
  segmentBytes: number;
  segmentMs?: number;
  maxMessageBytes: number;
  minInsyncReplicas: number;
  logAppendTime: boolean;
  deleteRetentionMs: number;
  minCompactionLagMs: number;
  /** How far a CreateTime batch may be before / after now (undefined: unlimited). */
  timestampBeforeMaxMs?: number;
  timestampAfterMaxMs?: number;
}

/** A Kafka long as a JS number; Long.MAX_VALUE (and anything beyond 2^53) as undefined = unlimited. */
function finiteLong(v: string): number | undefined {
  const n = BigInt(v);
  return n >= 2n ** 53n ? undefined : Number(n);
}

export function effectiveTopicConfig(overrides: Record<string, string>, defaults: TopicConfigDefaults): EffectiveTopicConfig {
  const get = (name: string): string => overrides[name] ?? defaults[name]?.value ?? (TOPIC_CONFIGS.get(name) as TopicConfigDef).kafkaDefault;
  const policy = splitList(get('cleanup.policy'));
  const retentionMs = Number(get('retention.ms'));
  const retentionBytes = Number(get('retention.bytes'));
  const diff = finiteLong(get('message.timestamp.difference.max.ms'));
  const before = finiteLong(get('message.timestamp.before.max.ms'));
  const after = finiteLong(get('message.timestamp.after.max.ms'));
  const minOf = (a?: number, b?: number) => (a === undefined ? b : b === undefined ? a : Math.min(a, b));
  return {
    compact: policy.includes('compact'),
    deleteByRetention: policy.includes('delete'),
    retentionMs: retentionMs < 0 ? undefined : retentionMs,
    retentionBytes: retentionBytes < 0 ? undefined : retentionBytes,
    segmentBytes: Number(get('segment.bytes')),
    segmentMs: finiteLong(get('segment.ms')),
    maxMessageBytes: Number(get('max.message.bytes')),
    minInsyncReplicas: Number(get('min.insync.replicas')),
    logAppendTime: get('message.timestamp.type') === 'LogAppendTime',
    deleteRetentionMs: finiteLong(get('delete.retention.ms')) ?? Number.MAX_SAFE_INTEGER,
    minCompactionLagMs: finiteLong(get('min.compaction.lag.ms')) ?? Number.MAX_SAFE_INTEGER,
    timestampBeforeMaxMs: minOf(diff, before),
    timestampAfterMaxMs: minOf(diff, after),
  };
}
