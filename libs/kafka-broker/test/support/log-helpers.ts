import { PartitionLog } from '../../src/storage/partition-log.store';
import { readBatchHeader, validateRecords } from '../../src/storage/record-batch.codec';
import { buildRecordBatch } from './record-batch.builder';

export function appendValues(log: PartitionLog, values: string[], opts: Parameters<typeof buildRecordBatch>[1] = {}, acks = -1) {
  const v = validateRecords(buildRecordBatch(values.map((value) => ({ value })), opts));
  if (!v.ok) throw new Error('bad test batch');
  return log.append(v.views, v.batches, acks);
}

/** Splits fetched bytes into [baseOffset, lastOffset] per batch. */
export function batchRanges(records: Buffer | null): [number, number][] {
  const out: [number, number][] = [];
  let pos = 0;
  while (records && pos < records.length) {
    const h = readBatchHeader(records, pos);
    out.push([h.baseOffset, h.baseOffset + h.lastOffsetDelta]);
    pos += h.size;
  }
  return out;
}

