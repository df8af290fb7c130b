import * as fs from 'node:fs';
import * as path from 'node:path';
import { crc32c } from './crc32c.util';

export interface CommittedOffset {
  offset: number;
  metadata: string | null;
}

/** What is kept about a group across restarts besides its offsets. */
export interface GroupRecord {
  generation: number;
  protocolType: string;
  protocol: string;
}

type Entry =
  | { t: 'c'; g: string; e: [string, number, number, string | null][] }
  | { t: 'g'; g: string; gen: number; pt: string; p: string }
  | { t: 'dt'; topic: string }
  | { t: 'dg'; g: string };

/** Rewrite the file when it holds this many more bytes than a fresh snapshot would. */
const COMPACT_AFTER_BYTES = 8 * 1024 * 1024;

/**
 * Committed offsets and group records. Durable form: `<dataDir>/groups/offsets.log`, an
 * append-only file of lines `<crc32c hex> <json>`; on start the lines are replayed and a torn or
 * corrupt tail (bad CRC, no newline) is truncated. The file is compacted into a snapshot
 * (written to a temp file, fsynced, renamed) when it grows.
 */
export class GroupOffsetStore {
  private readonly offsets = new Map<string, Map<string, Map<number, CommittedOffset>>>();
  private readonly groups = new Map<string, GroupRecord>();
  private fd = -1;
  private readonly file: string | null;
  private appendedBytes = 0;
  private dirty = false;

  constructor(dataDir: string | null, private readonly log: (line: string) => void = () => undefined) {
    this.file = dataDir ? path.join(dataDir, 'groups', 'offsets.log') : null;
  }

  load(): void {
    if (!this.file) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    let data = Buffer.alloc(0);
    try {
      data = fs.readFileSync(this.file);
    } catch {
      /* first start */
    }
    let pos = 0;
    while (pos < data.length) {
      const nl = data.indexOf(10, pos);
      if (nl < 0) break;
      const line = data.subarray(pos, nl);
      if (line.length < 10 || line[8] !== 32) break;
      const crc = Number.parseInt(line.subarray(0, 8).toString('latin1'), 16);
      const body = line.subarray(9);
      if (!(crc >= 0) || crc32c(body) !== crc) break;
      try {
        this.apply(JSON.parse(body.toString('utf8')) as Entry);
      } catch {
        break;
      }
      pos = nl + 1;
    }
    if (pos < data.length) {
      this.log(`recovered group offsets: truncated ${data.length - pos} torn bytes`);
    }
    this.fd = fs.openSync(this.file, fs.existsSync(this.file) ? 'r+' : 'w+');
    fs.ftruncateSync(this.fd, pos);
    fs.closeSync(this.fd);
    this.fd = fs.openSync(this.file, 'a');
    this.appendedBytes = pos;
    if (pos > COMPACT_AFTER_BYTES) this.compact();
  }

  private apply(e: Entry): void {
    switch (e.t) {
      case 'c': {
        let topics = this.offsets.get(e.g);
        if (!topics) this.offsets.set(e.g, (topics = new Map()));
        for (const [topic, partition, offset, metadata] of e.e) {
          let parts = topics.get(topic);
          if (!parts) topics.set(topic, (parts = new Map()));
          parts.set(partition, { offset, metadata });
        }
        break;
      }
      case 'g':
        this.groups.set(e.g, { generation: e.gen, protocolType: e.pt, protocol: e.p });
        break;
      case 'dt':
        for (const topics of this.offsets.values()) topics.delete(e.topic);
        break;
      case 'dg':
        this.offsets.delete(e.g);
        this.groups.delete(e.g);
        break;
    }
  }

  private write(entries: Entry[]): void {
    for (const e of entries) this.apply(e);
    if (this.fd < 0) return;
    const lines = entries.map((e) => {
      const body = Buffer.from(JSON.stringify(e));
      return `${crc32c(body).toString(16).padStart(8, '0')} ${body.toString('utf8')}\n`;
    });
    const buf = Buffer.from(lines.join(''));
    fs.writeSync(this.fd, buf);
    this.appendedBytes += buf.length;
    this.dirty = true;
    if (this.appendedBytes > COMPACT_AFTER_BYTES) this.compact();
  }

  private compact(): void {
    if (!this.file) return;
    const entries: Entry[] = [];
    for (const [g, rec] of this.groups) entries.push({ t: 'g', g, gen: rec.generation, pt: rec.protocolType, p: rec.protocol });
    for (const [g, topics] of this.offsets) {
      const e: [string, number, number, string | null][] = [];
      for (const [topic, parts] of topics) for (const [p, o] of parts) e.push([topic, p, o.offset, o.metadata]);
      if (e.length) entries.push({ t: 'c', g, e });
    }
    const text = entries
      .map((e) => {
        const body = Buffer.from(JSON.stringify(e));
        return `${crc32c(body).toString(16).padStart(8, '0')} ${body.toString('utf8')}\n`;
      })
      .join('');
    const tmp = `${this.file}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    if (this.fd >= 0) fs.closeSync(this.fd);
    fs.renameSync(tmp, this.file);
    this.fd = fs.openSync(this.file, 'a');
    this.appendedBytes = Buffer.byteLength(text);
    // Next compaction only when the file has doubled past the threshold.
    if (this.appendedBytes > COMPACT_AFTER_BYTES / 2) this.appendedBytes = 0;
  }

  commit(group: string, entries: { topic: string; partition: number; offset: number; metadata: string | null }[]): void {
    if (entries.length === 0) return;
    this.write([{ t: 'c', g: group, e: entries.map((x) => [x.topic, x.partition, x.offset, x.metadata]) }]);
  }

  recordGroup(group: string, rec: GroupRecord): void {
    this.write([{ t: 'g', g: group, gen: rec.generation, pt: rec.protocolType, p: rec.protocol }]);
  }

  deleteTopic(topic: string): void {
    let any = false;
    for (const topics of this.offsets.values()) if (topics.has(topic)) any = true;
    if (any) this.write([{ t: 'dt', topic }]);
  }

  /** DeleteGroups: forgets the group's committed offsets and record. */
  deleteGroup(group: string): void {
    this.write([{ t: 'dg', g: group }]);
  }

  get(group: string, topic: string, partition: number): CommittedOffset | undefined {
    return this.offsets.get(group)?.get(topic)?.get(partition);
  }

  /** All committed offsets of a group: topic → partition → offset. */
  all(group: string): Map<string, Map<number, CommittedOffset>> {
    return this.offsets.get(group) ?? new Map();
  }

  groupRecord(group: string): GroupRecord | undefined {
    return this.groups.get(group);
  }

  knownGroups(): string[] {
    return [...new Set([...this.groups.keys(), ...this.offsets.keys()])];
  }

  /** fdatasync of the offsets file if written since the last flush. */
  flush(): Promise<void> {
    if (!this.dirty || this.fd < 0) return Promise.resolve();
    this.dirty = false;
    const fd = this.fd;
    return new Promise((resolve) => fs.fdatasync(fd, () => resolve()));
  }

  close(): void {
    if (this.fd >= 0) {
      try {
        fs.fdatasyncSync(this.fd);
      } finally {
        fs.closeSync(this.fd);
        this.fd = -1;
      }
    }
  }
}
