import { ConfigSource, ConfigType, DescribedConfig, TOPIC_CONFIGS, describeTopicConfigs, splitList, validateTopicConfigs } from '../config/topic-config.schema';
import { GroupCoordinator } from '../coordinator/group-coordinator.service';
import { ErrorCode } from '../protocol/error-codes.constants';
import {
  decodeCreatePartitionsRequest,
  decodeCreateTopicsRequest,
  decodeDeleteGroupsRequest,
  decodeDeleteRecordsRequest,
  encodeCreatePartitionsResponse,
  encodeCreateTopicsResponse,
  encodeDeleteGroupsResponse,
  encodeDeleteRecordsResponse,
} from '../protocol/messages/admin.codec';
import {
  AlterConfigsResult,
  AlterOp,
  DescribeConfigsResult,
  ResourceType,
  decodeAlterConfigsRequest,
  decodeDescribeConfigsRequest,
  decodeIncrementalAlterConfigsRequest,
  encodeAlterConfigsResponse,
  encodeDescribeConfigsResponse,
} from '../protocol/messages/configs.codec';
import { WireReader } from '../protocol/wire-reader.codec';
import { WireWriter } from '../protocol/wire-writer.codec';
import { TopicRegistry, isValidTopicName } from '../storage/topic-registry.store';

/** Upper bound on partitions per topic (each durable partition keeps files open). */
export const MAX_PARTITIONS = 1000;

/** A broker config as DescribeConfigs shows it (read-only here: set by options/CLI at start). */
export interface BrokerConfigEntry {
  name: string;
  value: string | null;
  /** 'static' when given at start, 'default' otherwise. */
  source: 'static' | 'default';
  sensitive?: boolean;
}

export interface AdminConfig {
  nodeId: number;
  defaultPartitions: number;
  brokerConfigs: () => BrokerConfigEntry[];
  /** A topic is gone or has new partitions: wake the fetches watching it. */
  notifyPartitions: (topic: string, count: number) => void;
  onTopicDeleted: (topic: string) => void;
}

/**
 * The admin APIs: topics (CreateTopics with configs, CreatePartitions, DeleteRecords), configs
 * (DescribeConfigs, AlterConfigs, IncrementalAlterConfigs) and DeleteGroups — answering and
 * failing as Kafka does (INVALID_CONFIG with Kafka's messages, INVALID_PARTITIONS, ...).
 */
export class AdminRequests {
  constructor(
    private readonly config: AdminConfig,
    private readonly topics: TopicRegistry,
    private readonly coordinator: GroupCoordinator,
  ) {}

  createTopics(r: WireReader, v: number): WireWriter {
    const req = decodeCreateTopicsRequest(r, v);
    const counts = new Map<string, number>();
    for (const t of req.topics) counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
    const results = req.topics.map((t) => {
      const fail = (errorCode: number, errorMessage: string) => ({ name: t.name, errorCode, errorMessage: v >= 1 ? errorMessage : null });
      if ((counts.get(t.name) ?? 0) > 1) return fail(ErrorCode.INVALID_REQUEST, 'duplicate topic in request');
      if (!isValidTopicName(t.name)) return fail(ErrorCode.INVALID_TOPIC_EXCEPTION, `invalid topic name '${t.name}'`);
      if (this.topics.get(t.name)) return fail(ErrorCode.TOPIC_ALREADY_EXISTS, `Topic '${t.name}' already exists.`);
      const partitions = t.assignments > 0 ? t.assignments : t.numPartitions === -1 ? this.config.defaultPartitions : t.numPartitions;
      if (!(partitions > 0) || partitions > MAX_PARTITIONS) return fail(ErrorCode.INVALID_PARTITIONS, `invalid partition count ${t.numPartitions}`);
      if (t.replicationFactor !== -1 && t.replicationFactor !== 1 && t.assignments === 0) {
        return fail(ErrorCode.INVALID_REPLICATION_FACTOR, `Replication factor: ${t.replicationFactor} larger than available brokers: 1.`);
      }
      const checked = validateTopicConfigs(t.configs);
      if ('problem' in checked) return fail(ErrorCode.INVALID_CONFIG, checked.problem.message);
      if (!req.validateOnly) this.topics.create(t.name, partitions, checked.configs);
      return { name: t.name, errorCode: 0, errorMessage: null };
    });
    return encodeCreateTopicsResponse(v, results);
  }

  createPartitions(r: WireReader): WireWriter {
    const req = decodeCreatePartitionsRequest(r);
    const counts = new Map<string, number>();
    for (const t of req.topics) counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
    const results = req.topics.map((t) => {
      const fail = (errorCode: number, errorMessage: string) => ({ name: t.name, errorCode, errorMessage });
      if ((counts.get(t.name) ?? 0) > 1) return fail(ErrorCode.INVALID_REQUEST, `Create topic partitions request contains duplicate topic ${t.name}.`);
      const topic = this.topics.get(t.name);
      if (!topic) return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `The topic '${t.name}' does not exist.`);
      const current = topic.partitions.length;
      if (t.count < current) return fail(ErrorCode.INVALID_PARTITIONS, `Topic currently has ${current} partitions, which is higher than the requested ${t.count}.`);
      if (t.count === current) return fail(ErrorCode.INVALID_PARTITIONS, `Topic already has ${current} partitions.`);
      if (t.count > MAX_PARTITIONS) return fail(ErrorCode.INVALID_PARTITIONS, `Partition count ${t.count} is above this broker's limit of ${MAX_PARTITIONS}.`);
      if (t.assignments !== null) {
        const bad = t.assignments.length !== t.count - current || t.assignments.some((a) => a.length !== 1 || a[0] !== this.config.nodeId);
        if (bad) return fail(ErrorCode.INVALID_REPLICA_ASSIGNMENT, `Each new partition needs the one replica ${this.config.nodeId}, ${t.count - current} assignment(s) in all.`);
      }
      if (!req.validateOnly) {
        this.topics.addPartitions(topic, t.count);
        this.config.notifyPartitions(t.name, t.count);
      }
      return { name: t.name, errorCode: 0, errorMessage: null };
    });
    return encodeCreatePartitionsResponse(results);
  }

  deleteRecords(r: WireReader): WireWriter {
    const req = decodeDeleteRecordsRequest(r);
    const topics = req.topics.map((t) => {
      const topic = this.topics.get(t.name);
      return {
        name: t.name,
        partitions: t.partitions.map((p) => {
          const log = topic?.partitions[p.index];
          if (!log) return { index: p.index, lowWatermark: -1, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
          const res = log.deleteRecordsBefore(p.offset);
          return { index: p.index, lowWatermark: res.lowWatermark, errorCode: res.errorCode };
        }),
      };
    });
    return encodeDeleteRecordsResponse(topics);
  }

  deleteGroups(r: WireReader): WireWriter {
    const req = decodeDeleteGroupsRequest(r);
    return encodeDeleteGroupsResponse(req.groups.map((groupId) => ({ groupId, errorCode: this.coordinator.deleteGroup(groupId) })));
  }

  describeConfigs(r: WireReader, v: number): WireWriter {
    const req = decodeDescribeConfigsRequest(r, v);
    const results = req.resources.map((res): DescribeConfigsResult => {
      const out = (errorCode: number, errorMessage: string | null, configs: DescribedConfig[] = []) => ({ errorCode, errorMessage, type: res.type, name: res.name, configs });
      let all: DescribedConfig[];
      if (res.type === ResourceType.TOPIC) {
        const topic = this.topics.get(res.name);
        if (!topic) return out(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `Topic '${res.name}' does not exist.`);
        all = describeTopicConfigs(topic.configs, this.topics.defaults);
      } else if (res.type === ResourceType.BROKER) {
        if (res.name !== '' && res.name !== String(this.config.nodeId)) return out(ErrorCode.INVALID_REQUEST, `Unexpected broker id, expected ${this.config.nodeId} or empty string, but received ${res.name}`);
        all = this.describeBroker(res.name === '');
      } else {
        return out(ErrorCode.INVALID_REQUEST, `Unsupported resource type ${res.type}: this broker describes topics and brokers`);
      }
      const keys = res.keys && res.keys.length > 0 ? new Set(res.keys) : null;
      return out(0, null, keys ? all.filter((c) => keys.has(c.name)) : all);
    });
    return encodeDescribeConfigsResponse(v, req.includeSynonyms, results);
  }

  private describeBroker(clusterDefault: boolean): DescribedConfig[] {
    return this.config.brokerConfigs().map((c) => {
      const source = clusterDefault ? ConfigSource.DEFAULT_CONFIG : c.source === 'static' ? ConfigSource.STATIC_BROKER_CONFIG : ConfigSource.DEFAULT_CONFIG;
      return {
        name: c.name,
        value: c.value ?? '',
        source,
        isDefault: source === ConfigSource.DEFAULT_CONFIG,
        readOnly: true,
        sensitive: c.sensitive === true,
        type: ConfigType.STRING,
        doc: 'Set when the broker starts (options / CLI flags); read-only.',
        synonyms: [{ name: c.name, value: c.value ?? '', source }],
      };
    });
  }

  /** AlterConfigs: the given set replaces every override of the topic (unlisted ones revert to defaults). */
  alterConfigs(r: WireReader): WireWriter {
    const req = decodeAlterConfigsRequest(r);
    const results = req.resources.map((res): AlterConfigsResult => {
      const target = this.alterTarget(res.type, res.name);
      if ('errorCode' in target) return target;
      const checked = validateTopicConfigs(res.configs);
      if ('problem' in checked) return { errorCode: ErrorCode.INVALID_CONFIG, errorMessage: checked.problem.message, type: res.type, name: res.name };
      if (!req.validateOnly) this.topics.setConfigs(target.topic, checked.configs);
      return { errorCode: 0, errorMessage: null, type: res.type, name: res.name };
    });
    return encodeAlterConfigsResponse(results);
  }

  /** IncrementalAlterConfigs v0: SET, DELETE (back to the default), APPEND and SUBTRACT (list configs). */
  incrementalAlterConfigs(r: WireReader): WireWriter {
    const req = decodeIncrementalAlterConfigsRequest(r);
    const results = req.resources.map((res): AlterConfigsResult => {
      const fail = (errorCode: number, errorMessage: string) => ({ errorCode, errorMessage, type: res.type, name: res.name });
      const target = this.alterTarget(res.type, res.name);
      if ('errorCode' in target) return target;
      const names = new Set<string>();
      const next: Record<string, string> = { ...target.topic.configs };
      for (const c of res.configs) {
        if (names.has(c.name)) return fail(ErrorCode.INVALID_REQUEST, `Error due to duplicate config keys: ${c.name}`);
        names.add(c.name);
        const def = TOPIC_CONFIGS.get(c.name);
        if (!def) return fail(ErrorCode.INVALID_CONFIG, `Unknown topic config name: ${c.name}`);
        switch (c.op) {
          case AlterOp.SET:
            if (c.value === null) return fail(ErrorCode.INVALID_CONFIG, `Null value not supported for topic configs: ${c.name}`);
            next[c.name] = c.value;
            break;
          case AlterOp.DELETE:
            delete next[c.name];
            break;
          case AlterOp.APPEND:
          case AlterOp.SUBTRACT: {
            if (def.type !== 'LIST') return fail(ErrorCode.INVALID_CONFIG, `Config value append is not allowed for config key: ${c.name}`);
            const current = splitList(next[c.name] ?? this.topics.defaults[c.name]?.value ?? def.kafkaDefault);
            const items = splitList(c.value ?? '');
            const merged = c.op === AlterOp.APPEND ? [...current, ...items.filter((i) => !current.includes(i))] : current.filter((i) => !items.includes(i));
            next[c.name] = merged.join(',');
            break;
          }
          default:
            return fail(ErrorCode.INVALID_REQUEST, `Unknown config operation ${c.op}`);
        }
      }
      const checked = validateTopicConfigs(Object.entries(next).map(([name, value]) => ({ name, value })));
      if ('problem' in checked) return fail(ErrorCode.INVALID_CONFIG, checked.problem.message);
      if (!req.validateOnly) this.topics.setConfigs(target.topic, checked.configs);
      return { errorCode: 0, errorMessage: null, type: res.type, name: res.name };
    });
    return encodeAlterConfigsResponse(results);
  }

  private alterTarget(type: number, name: string): { topic: NonNullable<ReturnType<TopicRegistry['get']>> } | AlterConfigsResult {
    if (type === ResourceType.TOPIC) {
      const topic = this.topics.get(name);
      if (!topic) return { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: `Topic '${name}' does not exist.`, type, name };
      return { topic };
    }
    if (type === ResourceType.BROKER) {
      return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'This broker\'s configs are set when it starts (options / CLI flags) and cannot be altered.', type, name };
    }
    return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Unsupported resource type ${type}`, type, name };
  }
}
