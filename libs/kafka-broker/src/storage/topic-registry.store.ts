import * as fs from 'node:fs';
import * as path from 'node:path';
import { PartitionLog, PartitionLogConfig } from './partition-log.store';

const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;

/** Kafka's legal topic names: `[A-Za-z0-9._-]{1,249}`, but not `.` or `..`. */
export function isValidTopicName(name: string): boolean {
  return TOPIC_NAME.test(name) && name !== '.' && name !== '..';
}

export interface Topic {
  readonly name: string;
  readonly partitions: PartitionLog[];
}

interface TopicMeta {
  name: string;
  partitions: number;
}

/**
 * All topics and their partition logs. Durable layout:
 * `<dataDir>/topics/<topic>/topic.json` (written last, atomically: a directory without it is an
 * unfinished creation and is removed on start) and `<dataDir>/topics/<topic>/<partition>/`.
 */
export class TopicRegistry {
  private readonly topics = new Map<string, Topic>();
  private readonly root: string | null;

  constructor(
    dataDir: string | null,
    private readonly logConfig: PartitionLogConfig,
    private readonly log: (line: string) => void,
  ) {
    this.root = dataDir ? path.join(dataDir, 'topics') : null;
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
      const partitions: PartitionLog[] = [];
      for (let p = 0; p < meta.partitions; p++) {
        partitions.push(PartitionLog.open(path.join(dir, String(p)), this.logConfig, this.log));
      }
      this.topics.set(meta.name, { name: meta.name, partitions });
    }
  }

  get(name: string): Topic | undefined {
    return this.topics.get(name);
  }

  list(): Topic[] {
    return [...this.topics.values()];
  }

  /** Creates a topic (the caller validated the name and checked it does not exist). */
  create(name: string, partitionCount: number): Topic {
    const partitions: PartitionLog[] = [];
    if (this.root) {
      const dir = path.join(this.root, name);
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      for (let p = 0; p < partitionCount; p++) {
        partitions.push(PartitionLog.open(path.join(dir, String(p)), this.logConfig));
      }
      const meta: TopicMeta = { name, partitions: partitionCount };
      const tmp = path.join(dir, 'topic.json.tmp');
      fs.writeFileSync(tmp, JSON.stringify(meta));
      fs.renameSync(tmp, path.join(dir, 'topic.json'));
    } else {
      for (let p = 0; p < partitionCount; p++) partitions.push(PartitionLog.inMemory(this.logConfig));
    }
    const topic = { name, partitions };
    this.topics.set(name, topic);
    this.log(`created topic ${name} with ${partitionCount} partition(s)`);
    return topic;
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
