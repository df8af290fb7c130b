import * as fs from 'node:fs';
import * as path from 'node:path';
import { EffectiveTopicConfig, TopicConfigDefaults, effectiveTopicConfig } from '../config/topic-config.schema';
import { FlushMode, PartitionLog, PartitionLogConfig } from './partition-log.store';

const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;

/** Kafka's legal topic names: `[A-Za-z0-9._-]{1,249}`, but not `.` or `..`. */
export function isValidTopicName(name: string): boolean {
  return TOPIC_NAME.test(name) && name !== '.' && name !== '..';
}

export interface Topic {
  readonly name: string;
  readonly partitions: PartitionLog[];
  /** Topic config overrides (validated, normalised), as set by CreateTopics / AlterConfigs. */
  configs: Record<string, string>;
  /** What the log acts on: overrides, else broker settings, else Kafka's defaults. */
  effective: EffectiveTopicConfig;
}

interface TopicMeta {
  name: string;
  partitions: number;
  configs?: Record<string, string>;
}

export interface TopicRegistryOptions {
  flushMode: FlushMode;
  /** Broker-level values for topic configs (the broker's options), else Kafka's defaults. */
  defaults: TopicConfigDefaults;
}

/**
 * All topics, their configs and partition logs. Durable layout:
 * `<dataDir>/topics/<topic>/topic.json` (name, partition count, config overrides; written
 * atomically, last at creation: a directory without it is an unfinished creation and is removed
 * on start) and `<dataDir>/topics/<topic>/<partition>/`.
 */
export class TopicRegistry {
  private readonly topics = new Map<string, Topic>();
  private readonly root: string | null;

  constructor(
    dataDir: string | null,
    private readonly options: TopicRegistryOptions,
    private readonly log: (line: string) => void,
  ) {
    this.root = dataDir ? path.join(dataDir, 'topics') : null;
  }

  get defaults(): TopicConfigDefaults {
    return this.options.defaults;
  }

  private logConfigOf(effective: EffectiveTopicConfig): PartitionLogConfig {
    return {
      flushMode: this.options.flushMode,
      segmentBytes: effective.segmentBytes,
      segmentMs: effective.segmentMs,
      retentionBytes: effective.retentionBytes,
      retentionMs: effective.retentionMs,
      deleteByRetention: effective.deleteByRetention,
      compact: effective.compact,
      logAppendTime: effective.logAppendTime,
      deleteRetentionMs: effective.deleteRetentionMs,
      minCompactionLagMs: effective.minCompactionLagMs,
    };
  }

  private writeMeta(topic: Topic): void {
    if (!this.root) return;
    const dir = path.join(this.root, topic.name);
    const meta: TopicMeta = { name: topic.name, partitions: topic.partitions.length, configs: topic.configs };
    const tmp = path.join(dir, 'topic.json.tmp');
    fs.writeFileSync(tmp, JSON.stringify(meta));
    fs.renameSync(tmp, path.join(dir, 'topic.json'));
  }

  /** Opens every topic found on disk, recovering each partition log. */
  load(): void {
    if (!this.root) return;
    fs.mkdirSync(this.root, { recursive: true });
    for (const entry of fs.readdirSync(this.root, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = path.join(this.root, entry.name);
      if (entry.name.startsWith('.deleted-')) {
        fs.rmSync(dir, { recursive: true, force: true });
        continue;
      }
      let meta: TopicMeta;
      try {
        meta = JSON.parse(fs.readFileSync(path.join(dir, 'topic.json'), 'utf8')) as TopicMeta;
      } catch {
        fs.rmSync(dir, { recursive: true, force: true });
        continue;
      }
      if (meta.name !== entry.name || !isValidTopicName(meta.name) || !(meta.partitions > 0)) continue;
      const configs = meta.configs ?? {};
      const effective = effectiveTopicConfig(configs, this.options.defaults);
      const partitions: PartitionLog[] = [];
      for (let p = 0; p < meta.partitions; p++) {
        partitions.push(PartitionLog.open(path.join(dir, String(p)), this.logConfigOf(effective), this.log));
      }
      this.topics.set(meta.name, { name: meta.name, partitions, configs, effective });
    }
  }

  get(name: string): Topic | undefined {
    return this.topics.get(name);
  }

  list(): Topic[] {
    return [...this.topics.values()];
  }

  /** Creates a topic (the caller validated the name and configs and checked it does not exist). */
  create(name: string, partitionCount: number, configs: Record<string, string> = {}): Topic {
    const effective = effectiveTopicConfig(configs, this.options.defaults);
    const logConfig = this.logConfigOf(effective);
    const partitions: PartitionLog[] = [];
    const topic: Topic = { name, partitions, configs, effective };
    if (this.root) {
      const dir = path.join(this.root, name);
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      for (let p = 0; p < partitionCount; p++) partitions.push(PartitionLog.open(path.join(dir, String(p)), logConfig));
      this.writeMeta(topic);
    } else {
      for (let p = 0; p < partitionCount; p++) partitions.push(PartitionLog.inMemory(logConfig));
    }
    this.topics.set(name, topic);
    const overrides = Object.entries(configs).map(([k, v]) => `${k}=${v}`);
    this.log(`created topic ${name} with ${partitionCount} partition(s)${overrides.length ? ` (${overrides.join(', ')})` : ''}`);
    return topic;
  }

  /** Replaces a topic's config overrides (validated by the caller), persists and applies them. */
  setConfigs(topic: Topic, configs: Record<string, string>): void {
    topic.configs = configs;
    topic.effective = effectiveTopicConfig(configs, this.options.defaults);
    this.writeMeta(topic);
    const logConfig = this.logConfigOf(topic.effective);
    for (const p of topic.partitions) p.reconfigure(logConfig);
    this.log(`altered configs of topic ${topic.name}: ${Object.entries(configs).map(([k, v]) => `${k}=${v}`).join(', ') || '(all defaults)'}`);
  }

  /** CreatePartitions: grows a topic to `count` partitions (the caller checked count > current). */
  addPartitions(topic: Topic, count: number): void {
    const logConfig = this.logConfigOf(topic.effective);
    for (let p = topic.partitions.length; p < count; p++) {
      topic.partitions.push(this.root ? PartitionLog.open(path.join(this.root, topic.name, String(p)), logConfig) : PartitionLog.inMemory(logConfig));
    }
    this.writeMeta(topic);
    this.log(`topic ${topic.name} now has ${count} partition(s)`);
  }

  /** Deletes a topic and its files. */
  delete(name: string): boolean {
    const topic = this.topics.get(name);
    if (!topic) return false;
    this.topics.delete(name);
    if (this.root) {
      // Rename first so a crash mid-delete leaves no half topic behind (no topic.json at the
      // top level of a renamed dir is found on start).
      const dir = path.join(this.root, name);
      const trash = path.join(this.root, `.deleted-${name}-${Date.now()}`);
      try {
        fs.renameSync(dir, trash);
      } catch {
        /* already gone */
      }
      for (const p of topic.partitions) p.destroy();
      fs.rmSync(trash, { recursive: true, force: true });
    } else {
      for (const p of topic.partitions) p.destroy();
    }
    this.log(`deleted topic ${name}`);
    return true;
  }

  forEachLog(fn: (log: PartitionLog) => void): void {
    for (const t of this.topics.values()) for (const p of t.partitions) fn(p);
  }

  async closeAll(): Promise<void> {
    const all: Promise<void>[] = [];
    this.forEachLog((l) => all.push(l.close()));
    await Promise.allSettled(all);
    this.topics.clear();
  }
}
