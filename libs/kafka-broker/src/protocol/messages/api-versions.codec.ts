import { SUPPORTED_VERSIONS } from '../api-keys.constants';
import { WireReader } from '../wire-reader.codec';
import { WireWriter } from '../wire-writer.codec';

/** ApiVersions v3 carries the client software name and version; v0–2 have an empty body. */
export function decodeApiVersionsRequest(r: WireReader, version: number): { softwareName?: string; softwareVersion?: string } {
  if (version < 3) return {};
  const softwareName = r.compactString();
  const softwareVersion = r.compactString();
  r.tagBuffer();
  return { softwareName, softwareVersion };
}

/**
 * ApiVersions response. Versions beyond 3 (unknown to us) get a v0 body with error 35, which
 * every client understands and answers by retrying at a version we advertise.
 */
export function encodeApiVersionsResponse(version: number, errorCode = 0): WireWriter {
  const w = new WireWriter(512);
  const entries = [...SUPPORTED_VERSIONS.entries()];
  if (version >= 3) {
    w.int16(errorCode);
    w.compactArray(entries, (x, [key, range]) => x.int16(key).int16(range.min).int16(range.max).tagBuffer());
    w.int32(0);
    w.tagBuffer();
    return w;
  }
  w.int16(errorCode);
  w.array(entries, (x, [key, range]) => x.int16(key).int16(range.min).int16(range.max));
  if (version >= 1) w.int32(0);
  return w;
}
