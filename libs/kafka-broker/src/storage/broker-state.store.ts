import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

interface BrokerStateFile {
  clusterId: string;
  /** Producer ids below this may have been handed out; allocation continues from here. */
  producerIdBlockEnd: number;
}

const PRODUCER_ID_BLOCK = 1000;

/**
 * Broker-wide durable state: the cluster id and the producer-id allocator. Producer ids are
 * reserved in blocks (the block end is persisted before any id of it is handed out), so ids are
 * never reused across restarts, even after a crash.
 */
export class BrokerStateStore {
  private state: BrokerStateFile;
  private nextProducerId: number;
  private readonly transactional = new Map<string, { producerId: number; epoch: number }>();

  constructor(private readonly dataDir: string | null) {
    let loaded: BrokerStateFile | null = null;
    if (dataDir) {
      try {
        loaded = JSON.parse(fs.readFileSync(this.file, 'utf8')) as BrokerStateFile;
      } catch {
        loaded = null;
      }
    }
    this.state = loaded ?? { clusterId: randomBytes(16).toString('base64url').slice(0, 22), producerIdBlockEnd: 1000 };
    this.nextProducerId = this.state.producerIdBlockEnd;
    this.state.producerIdBlockEnd = this.nextProducerId;
    this.save();
  }

  private get file(): string {
    return path.join(this.dataDir as string, 'broker.json');
  }

  private save(): void {
    if (!this.dataDir) return;
    fs.mkdirSync(this.dataDir, { recursive: true });
    const tmp = `${this.file}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    fs.writeSync(fd, JSON.stringify(this.state));
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, this.file);
  }

  get clusterId(): string {
    return this.state.clusterId;
  }

  /** A new producer id (epoch 0), or for a transactional id the same id with a bumped epoch. */
  initProducerId(transactionalId: string | null): { producerId: number; epoch: number } {
    if (transactionalId) {
      const known = this.transactional.get(transactionalId);
      if (known && known.epoch < 0x7ffe) {
        known.epoch++;
        return { ...known };
      }
    }
    if (this.nextProducerId >= this.state.producerIdBlockEnd) {
      this.state.producerIdBlockEnd = this.nextProducerId + PRODUCER_ID_BLOCK;
      this.save();
    }
    const result = { producerId: this.nextProducerId++, epoch: 0 };
    if (transactionalId) this.transactional.set(transactionalId, { ...result });
    return result;
  }
}
