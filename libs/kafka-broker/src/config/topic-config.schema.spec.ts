import { ConfigSource, describeTopicConfigs, effectiveTopicConfig, validateTopicConfigs } from './topic-config.schema';

describe('topic config schema (Kafka 3.x LogConfig)', () => {
  it('normalises valid values as Kafka parses them', () => {
    expect(validateTopicConfigs([
      { name: 'retention.ms', value: ' 1000 ' },
      { name: 'cleanup.policy', value: 'compact, delete' },
      { name: 'preallocate', value: 'TRUE' },
      { name: 'min.cleanable.dirty.ratio', value: '0.25' },
      { name: 'retention.bytes', value: '-1' },
    ])).toEqual({ configs: { 'retention.ms': '1000', 'cleanup.policy': 'compact,delete', preallocate: 'true', 'min.cleanable.dirty.ratio': '0.25', 'retention.bytes': '-1' } });
  });

  it.each([
    ['no.such.config', '1', 'Unknown topic config name: no.such.config'],
    ['retention.ms', 'banana', 'Invalid value banana for configuration retention.ms: Not a number of type LONG'],
    ['retention.ms', '-2', 'Invalid value -2 for configuration retention.ms: Value must be at least -1'],
    ['cleanup.policy', 'shred', 'Invalid value shred for configuration cleanup.policy: String must be one of: compact, delete'],
    ['segment.bytes', '2147483648', 'Invalid value 2147483648 for configuration segment.bytes: Not a number of type INT'],
    ['min.cleanable.dirty.ratio', '1.5', 'Invalid value 1.5 for configuration min.cleanable.dirty.ratio: Value must be between 0 and 1'],
    ['message.timestamp.type', 'WallClock', 'Invalid value WallClock for configuration message.timestamp.type: String must be one of: CreateTime, LogAppendTime'],
  ])('refuses %s=%s', (name, value, message) => {
    expect(validateTopicConfigs([{ name, value }])).toEqual({ problem: { name, message } });
  });

  it('refuses null values and conflicting compaction lags', () => {
    expect(validateTopicConfigs([{ name: 'retention.ms', value: null }])).toMatchObject({ problem: { message: 'Null value not supported for topic configs: retention.ms' } });
    expect(validateTopicConfigs([{ name: 'min.compaction.lag.ms', value: '10' }, { name: 'max.compaction.lag.ms', value: '5' }])).toMatchObject({ problem: { name: 'min.compaction.lag.ms' } });
  });

  it('describes values with their source: topic override, broker setting, Kafka default', () => {
    const described = new Map(
      describeTopicConfigs({ 'retention.ms': '1000' }, { 'segment.bytes': { value: '4096', source: 'static' }, 'retention.bytes': { value: '-1', source: 'default' } }).map((c) => [c.name, c]),
    );
    expect(described.get('retention.ms')).toMatchObject({ value: '1000', source: ConfigSource.DYNAMIC_TOPIC_CONFIG, isDefault: false });
    expect(described.get('segment.bytes')).toMatchObject({ value: '4096', source: ConfigSource.STATIC_BROKER_CONFIG, isDefault: true });
    expect(described.get('segment.bytes')?.synonyms.map((s) => s.name)).toEqual(['log.segment.bytes', 'log.segment.bytes']);
    expect(described.get('max.message.bytes')).toMatchObject({ value: '1048588', source: ConfigSource.DEFAULT_CONFIG });
  });

  it('resolves what the log acts on; Long.MAX_VALUE means unlimited', () => {
    const e = effectiveTopicConfig({ 'cleanup.policy': 'compact', 'message.timestamp.difference.max.ms': '60000' }, { 'retention.ms': { value: '-1', source: 'default' } });
    expect(e).toMatchObject({ compact: true, deleteByRetention: false, retentionMs: undefined, maxMessageBytes: 1048588, timestampBeforeMaxMs: 60000, timestampAfterMaxMs: 60000 });
    expect(effectiveTopicConfig({}, {}).retentionMs).toBe(604800000);
    expect(effectiveTopicConfig({}, {}).timestampBeforeMaxMs).toBeUndefined();
  });
});
