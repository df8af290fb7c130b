import { WireReader } from '../wire-reader.codec';
import { WireWriter } from '../wire-writer.codec';

/** SaslHandshake v0–1. */
export function decodeSaslHandshakeRequest(r: WireReader): { mechanism: string } {
  return { mechanism: r.string() };
}

export function encodeSaslHandshakeResponse(errorCode: number, mechanisms: readonly string[]): WireWriter {
  return new WireWriter().int16(errorCode).array(mechanisms, (x, m) => x.string(m));
}

/** SaslAuthenticate v0–1. */
export function decodeSaslAuthenticateRequest(r: WireReader): { authBytes: Buffer } {
  return { authBytes: r.bytes() };
}

export function encodeSaslAuthenticateResponse(version: number, errorCode: number, errorMessage: string | null, authBytes: Buffer): WireWriter {
  const w = new WireWriter().int16(errorCode).nullableString(errorMessage).bytes(authBytes);
  if (version >= 1) w.int64(0); // session lifetime: no re-authentication
  return w;
}
