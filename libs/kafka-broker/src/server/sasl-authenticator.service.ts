import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

export type SaslMechanism = 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512';
export const SASL_MECHANISMS: readonly SaslMechanism[] = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'];

/** Kafka's minimum (and default) SCRAM iteration count; kafkajs refuses fewer. */
const SCRAM_ITERATIONS = 4096;

interface ScramCredential {
  salt: Buffer;
  storedKey: Buffer;
  serverKey: Buffer;
}

/** One step's outcome: bytes for the client, and whether authentication is over (and how). */
export type SaslStep =
  | { kind: 'continue'; reply: Buffer }
  | { kind: 'done'; reply: Buffer; principal: string }
  | { kind: 'failed'; message: string };

/** An authentication in progress on one connection. */
export interface SaslExchange {
  step(token: Buffer): SaslStep;
}

const digestOf = (m: SaslMechanism): { hash: 'sha256' | 'sha512'; length: number } =>
  m === 'SCRAM-SHA-512' ? { hash: 'sha512', length: 64 } : { hash: 'sha256', length: 32 };

/** SCRAM attribute list `a=1,b=2` (values may contain '='). */
function attributes(s: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of s.split(',')) {
    const eq = part.indexOf('=');
    if (eq !== 1) throw new Error(`invalid SCRAM attribute '${part}'`);
    out.set(part[0], part.slice(2));
  }
  return out;
}

/** RFC 5802 saslname: '=2C' is ',' and '=3D' is '='; any other '=' is invalid. */
function decodeSaslName(s: string): string {
  if (/=(?!2C|3D)/.test(s)) throw new Error('invalid username encoding');
  return s.replace(/=2C/g, ',').replace(/=3D/g, '=');
}

/**
 * The server side of SASL/PLAIN (RFC 4616) and SASL/SCRAM-SHA-256/512 (RFC 5802, RFC 7677) as
 * Kafka implements them, against users given when the broker starts. Failures use Kafka's
 * messages; the caller answers SASL_AUTHENTICATION_FAILED (58) and closes the connection.
 */
export class SaslAuthenticator {
  private readonly scram = new Map<string, ScramCredential>();

  constructor(
    private readonly users: ReadonlyMap<string, string>,
    readonly mechanisms: readonly SaslMechanism[],
  ) {}

  private credential(mechanism: SaslMechanism, user: string): ScramCredential | null {
    const password = this.users.get(user);
    if (password === undefined) return null;
    const key = `${mechanism}\u0000${user}`;
    let c = this.scram.get(key);
    if (!c) {
      const { hash, length } = digestOf(mechanism);
      const salt = randomBytes(16);
      const salted = pbkdf2Sync(password, salt, SCRAM_ITERATIONS, length, hash);
      const clientKey = createHmac(hash, salted).update('Client Key').digest();
      c = { salt, storedKey: createHash(hash).update(clientKey).digest(), serverKey: createHmac(hash, salted).update('Server Key').digest() };
      this.scram.set(key, c);
    }
    return c;
  }

  /** Starts an exchange for a mechanism the client chose in SaslHandshake (one of `mechanisms`). */
  begin(mechanism: SaslMechanism): SaslExchange {
    return mechanism === 'PLAIN' ? this.plain() : this.scramExchange(mechanism);
  }

  private plain(): SaslExchange {
    return {
      step: (token) => {
        const parts = token.toString('utf8').split('\u0000');
        if (parts.length !== 3) return { kind: 'failed', message: 'Invalid SASL/PLAIN response: expected 3 tokens' };
        const [authzid, user, password] = parts;
        if (!user) return { kind: 'failed', message: 'Authentication failed: username not specified' };
        if (!password) return { kind: 'failed', message: 'Authentication failed: password not specified' };
        const expected = this.users.get(user);
        if (expected === undefined || !safeEqual(Buffer.from(expected), Buffer.from(password))) {
          return { kind: 'failed', message: 'Authentication failed: Invalid username or password' };
        }
        if (authzid && authzid !== user) return { kind: 'failed', message: 'Authentication failed: Client requested an authorization id that is different from username' };
        return { kind: 'done', reply: Buffer.alloc(0), principal: user };
      },
    };
  }

  private scramExchange(mechanism: SaslMechanism): SaslExchange {
    const { hash } = digestOf(mechanism);
    const invalid = `Authentication failed during authentication due to invalid credentials with SASL mechanism ${mechanism}`;
    let state: { user: string; nonce: string; gs2: string; clientFirstBare: string; serverFirst: string; cred: ScramCredential } | null = null;
    let finished = false;
    return {
      step: (token) => {
        if (finished) return { kind: 'failed', message: 'Unexpected SASL token after authentication' };
        try {
          if (!state) {
            const text = token.toString('utf8');
            const m = /^([ny])(?:,(a=[^,]*)?),(.*)$/.exec(text) ?? /^(p=[^,]*)(?:,(a=[^,]*)?),(.*)$/.exec(text);
            if (!m) return { kind: 'failed', message: 'Invalid SCRAM client first message' };
            if (m[1].startsWith('p=')) return { kind: 'failed', message: 'Channel binding is not supported' };
            const gs2 = text.slice(0, text.length - m[3].length);
            const clientFirstBare = m[3];
            const attrs = attributes(clientFirstBare);
            if (attrs.has('m')) return { kind: 'failed', message: 'Invalid SCRAM client first message: mandatory extensions are not supported' };
            const user = decodeSaslName(attrs.get('n') ?? '');
            const clientNonce = attrs.get('r') ?? '';
            if (!user || !clientNonce) return { kind: 'failed', message: 'Invalid SCRAM client first message' };
            const authzid = m[2] ? decodeSaslName(m[2].slice(2)) : '';
            if (authzid && authzid !== user) return { kind: 'failed', message: 'Authentication failed: Client requested an authorization id that is different from username' };
            const cred = this.credential(mechanism, user);
            if (!cred) return { kind: 'failed', message: invalid };
            const nonce = clientNonce + randomBytes(18).toString('base64');
            const serverFirst = `r=${nonce},s=${cred.salt.toString('base64')},i=${SCRAM_ITERATIONS}`;
            state = { user, nonce, gs2, clientFirstBare, serverFirst, cred };
            return { kind: 'continue', reply: Buffer.from(serverFirst) };
          }
          finished = true;
          const text = token.toString('utf8');
          const proofAt = text.lastIndexOf(',p=');
          if (proofAt < 0) return { kind: 'failed', message: 'Invalid SCRAM client final message' };
          const withoutProof = text.slice(0, proofAt);
          const attrs = attributes(withoutProof);
          if (attrs.get('c') !== Buffer.from(state.gs2).toString('base64')) return { kind: 'failed', message: 'Invalid SCRAM client final message: channel binding does not match' };
          // Kafka 3.x checks endsWith, not equality: librdkafka 2.0 sends its own nonce before the
          // server's combined one, and authenticates against Kafka that way.
          if (!(attrs.get('r') ?? '').endsWith(state.nonce)) return { kind: 'failed', message: 'Invalid client nonce in the final client message.' };
          const proof = Buffer.from(text.slice(proofAt + 3), 'base64');
          const authMessage = `${state.clientFirstBare},${state.serverFirst},${withoutProof}`;
          const clientSignature = createHmac(hash, state.cred.storedKey).update(authMessage).digest();
          if (proof.length !== clientSignature.length) return { kind: 'failed', message: invalid };
          const clientKey = Buffer.alloc(proof.length);
          for (let i = 0; i < proof.length; i++) clientKey[i] = proof[i] ^ clientSignature[i];
          if (!safeEqual(createHash(hash).update(clientKey).digest(), state.cred.storedKey)) return { kind: 'failed', message: invalid };
          const serverSignature = createHmac(hash, state.cred.serverKey).update(authMessage).digest('base64');
          return { kind: 'done', reply: Buffer.from(`v=${serverSignature}`), principal: state.user };
        } catch (err) {
          return { kind: 'failed', message: `Invalid SCRAM message: ${(err as Error).message}` };
        }
      },
    };
  }
}

function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
