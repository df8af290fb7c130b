import { WireReader } from '../wire-reader.codec';
import { WireWriter } from '../wire-writer.codec';

/**
 * The transaction APIs, decoded only to be refused (no transactions here): each answers every
 * item with the same error code.
 */

/** AddPartitionsToTxn v0–1. */
export function refuseAddPartitionsToTxn(r: WireReader, errorCode: number): WireWriter {
  r.string();
  r.int64();
  r.int16();
  const topics = r.array((t) => ({ name: t.string(), partitions: t.array((p) => p.int32()) }));
  const w = new WireWriter().int32(0);
  w.array(topics, (x, t) => {
    x.string(t.name);
    x.array(t.partitions, (y, p) => y.int32(p).int16(errorCode));
  });
  return w;
}

/** AddOffsetsToTxn v0–1 and EndTxn v0–1: throttle time and one error code. */
export function refuseWithErrorCode(errorCode: number): WireWriter {
  return new WireWriter(8).int32(0).int16(errorCode);
}

/** TxnOffsetCommit v0–2. */
export function refuseTxnOffsetCommit(r: WireReader, version: number, errorCode: number): WireWriter {
  r.string();
  r.string();
  r.int64();
  r.int16();
  const topics = r.array((t) => ({
    name: t.string(),
    partitions: t.array((p) => {
      const index = p.int32();
      p.int64();
      if (version >= 2) p.int32();
      p.nullableString();
      return index;
    }),
  }));
  const w = new WireWriter().int32(0);
  w.array(topics, (x, t) => {
    x.string(t.name);
    x.array(t.partitions, (y, p) => y.int32(p).int16(errorCode));
  });
  return w;
}
