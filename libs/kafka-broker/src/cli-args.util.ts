import type { KafkaBrokerOptions } from './kafka-broker.server';
import { SASL_MECHANISMS, SaslMechanism } from './server/sasl-authenticator.service';

export interface CliParse {
  options: KafkaBrokerOptions;
  help: boolean;
}

export const CLI_USAGE = `Usage: kafka-broker [--port 9092] [--host 127.0.0.1] [--advertised-host HOST]
                    [--data-dir DIR | --in-memory] [--default-partitions N]
                    [--flush every-batch|interval|os] [--flush-interval-ms MS]
                    [--initial-rebalance-delay-ms MS] [--node-id N]
                    [--group-min-session-timeout-ms MS] [--group-max-session-timeout-ms MS]
                    [--message-max-bytes N] [--socket-request-max-bytes N]
                    [--sasl-users user:password[,user:password]] [--sasl-mechanisms PLAIN,SCRAM-SHA-256,SCRAM-SHA-512]
With --sasl-users the listener is SASL_PLAINTEXT. TLS is not implemented.
Without --data-dir and --in-memory, data goes to ./.data/kafka-broker.`;

/**
 * Parses the CLI flags (`--name value` or `--name=value`). Throws with a readable message on
 * unknown flags or bad values.
 */
export function parseCliArgs(argv: readonly string[]): CliParse {
  const options: KafkaBrokerOptions = { port: 9092 };
  let help = false;
  const int = (name: string, v: string | undefined, min: number): number => {
    const n = Number(v);
    if (v === undefined || v === '' || !Number.isInteger(n) || n < min) throw new Error(`--${name} needs an integer >= ${min}, got '${v}'`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const next = (): string | undefined => {
      if (value !== undefined) return value;
      i++;
      return argv[i];
    };
    switch (arg) {
      case '--help':
      case '-h':
        help = true;
        break;
      case '--port':
        options.port = int('port', next(), 0);
        break;
      case '--host':
        options.host = next();
        if (!options.host) throw new Error('--host needs a value');
        break;
      case '--advertised-host':
        options.advertisedHost = next();
        if (!options.advertisedHost) throw new Error('--advertised-host needs a value');
        break;
      case '--data-dir':
        options.dataDir = next();
        if (!options.dataDir) throw new Error('--data-dir needs a value');
        break;
      case '--in-memory':
        if (value === undefined || value === 'true') options.inMemory = true;
        else if (value === 'false') options.inMemory = false;
        else throw new Error(`--in-memory takes no value, got '${value}'`);
        break;
      case '--default-partitions':
        options.defaultPartitions = int('default-partitions', next(), 1);
        break;
      case '--node-id':
        options.nodeId = int('node-id', next(), 0);
        break;
      case '--initial-rebalance-delay-ms':
        options.initialRebalanceDelayMs = int('initial-rebalance-delay-ms', next(), 0);
        break;
      case '--sasl-users': {
        const v = next();
        if (!v) throw new Error('--sasl-users needs user:password[,user:password...]');
        const users: Record<string, string> = { ...options.sasl?.users };
        for (const pair of v.split(',')) {
          const colon = pair.indexOf(':');
          if (colon <= 0 || colon === pair.length - 1) throw new Error(`--sasl-users: '${pair}' is not user:password`);
          users[pair.slice(0, colon)] = pair.slice(colon + 1);
        }
        options.sasl = { ...options.sasl, users };
        break;
      }
      case '--sasl-mechanisms': {
        const list = (next() ?? '').split(',').filter(Boolean);
        for (const m of list) if (!(SASL_MECHANISMS as readonly string[]).includes(m)) throw new Error(`--sasl-mechanisms: unknown mechanism '${m}' (${SASL_MECHANISMS.join(', ')})`);
        if (list.length === 0) throw new Error('--sasl-mechanisms needs a list');
        options.sasl = { users: options.sasl?.users ?? {}, mechanisms: list as SaslMechanism[] };
        break;
      }
      case '--message-max-bytes':
        options.messageMaxBytes = int('message-max-bytes', next(), 0);
        break;
      case '--socket-request-max-bytes':
        options.socketRequestMaxBytes = int('socket-request-max-bytes', next(), 8);
        break;
      case '--group-min-session-timeout-ms':
        options.groupMinSessionTimeoutMs = int('group-min-session-timeout-ms', next(), 1);
        break;
      case '--group-max-session-timeout-ms':
        options.groupMaxSessionTimeoutMs = int('group-max-session-timeout-ms', next(), 1);
        break;
      case '--flush': {
        const mode = next();
        if (mode !== 'every-batch' && mode !== 'interval' && mode !== 'os') throw new Error(`--flush must be every-batch, interval or os, got '${mode}'`);
        options.flush = { ...options.flush, mode };
        break;
      }
      case '--flush-interval-ms':
        options.flush = { mode: options.flush?.mode ?? 'interval', intervalMs: int('flush-interval-ms', next(), 1) };
        break;
      default:
        throw new Error(`unknown argument '${argv[i]}'`);
    }
  }
  if (options.inMemory && options.dataDir) throw new Error('--in-memory and --data-dir exclude each other');
  if (options.sasl && Object.keys(options.sasl.users).length === 0) throw new Error('--sasl-mechanisms needs --sasl-users');
  if (!options.inMemory && !options.dataDir) options.dataDir = '.data/kafka-broker';
  return { options, help };
}
