import { BatchHeader } from './record-batch.codec';
import { ErrorCode } from '../protocol/error-codes.constants';

/** How many recent batches per producer are remembered for duplicate detection (as in Kafka). */
const RECENT_BATCHES = 5;
const INT32_MAX = 0x7fffffff;

interface RecentBatch {
  firstSeq: number;
  lastSeq: number;
  baseOffset: number;
}

interface ProducerEntry {
  epoch: number;
  recent: RecentBatch[];
}

export type SequenceCheck =
  | { kind: 'append' }
  | { kind: 'duplicate'; baseOffset: number }
  | { kind: 'error'; errorCode: number };

/** Sequence number `n` steps after `seq`, wrapping at int32 max. */
function seqAdd(seq: number, n: number): number {
  const v = seq + n;
  return v > INT32_MAX ? v - INT32_MAX - 1 : v;
}

/**
 * Idempotent-producer state of one partition: per producer id, its epoch and the last five batches
 * (first/last sequence and base offset). Rebuilt from batch headers when a log is recovered.
 */
export class ProducerStateTable {
  private readonly producers = new Map<number, ProducerEntry>();

  /** Decides what to do with a batch; non-idempotent batches (producerId -1) always append. */
  check(h: BatchHeader): SequenceCheck {
    if (h.producerId < 0 || h.baseSequence < 0) return { kind: 'append' };
    const entry = this.producers.get(h.producerId);
    const firstSeq = h.baseSequence;
    const lastSeq = seqAdd(firstSeq, h.lastOffsetDelta);
    if (!entry || h.producerEpoch > entry.epoch) {
      return firstSeq === 0 ? { kind: 'append' } : { kind: 'error', errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER };
    }
    if (h.producerEpoch < entry.epoch) return { kind: 'error', errorCode: ErrorCode.INVALID_PRODUCER_EPOCH };
    for (const b of entry.recent) {
      if (b.firstSeq === firstSeq && b.lastSeq === lastSeq) return { kind: 'duplicate', baseOffset: b.baseOffset };
    }
    const last = entry.recent[entry.recent.length - 1];
    if (last && firstSeq !== seqAdd(last.lastSeq, 1)) {
      return { kind: 'error', errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER };
    }
    return { kind: 'append' };
  }

  /** Records an appended (or recovered) batch, with its assigned base offset. */
  record(h: BatchHeader, baseOffset: number): void {
    if (h.producerId < 0 || h.baseSequence < 0) return;
    let entry = this.producers.get(h.producerId);
    if (!entry || h.producerEpoch !== entry.epoch) {
      entry = { epoch: h.producerEpoch, recent: [] };
      this.producers.set(h.producerId, entry);
    }
    entry.recent.push({ firstSeq: h.baseSequence, lastSeq: seqAdd(h.baseSequence, h.lastOffsetDelta), baseOffset });
    if (entry.recent.length > RECENT_BATCHES) entry.recent.shift();
  }

  toJSON(): [number, ProducerEntry][] {
    return [...this.producers.entries()];
  }

  static fromJSON(data: unknown): ProducerStateTable {
    const table = new ProducerStateTable();
    if (Array.isArray(data)) {
      for (const item of data) {
        if (Array.isArray(item) && typeof item[0] === 'number' && item[1] && Array.isArray(item[1].recent)) {
          table.producers.set(item[0], { epoch: Number(item[1].epoch), recent: item[1].recent as RecentBatch[] });
        }
      }
    }
    return table;
  }
}
