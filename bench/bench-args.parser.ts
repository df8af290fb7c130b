import { parseArgs } from 'node:util';

/** How intakes are offered: at a fixed rate whatever the answers (open loop), or N requests in flight (closed loop). */
export type LoadShape = { kind: 'rate'; perSecond: number } | { kind: 'concurrency'; inFlight: number };

export interface BenchOptions {
  shipments: number;
  load: LoadShape;
  /** Processes of each service (`npm start -- --replicas N`). */
  replicas: number;
  /** Speed of the shared clock (simulated seconds per real second). */
  speed: number;
  /** A git revision to run the same driver against before the current tree. */
  compare?: string;
  json: boolean;
  pgbench: { clients: number; seconds: number } | undefined;
  rebuild: boolean;
  /** Seconds without a new shipment booked in tracking after which the run ends with what it has. */
  stallSeconds: number;
  /** Open loop only: most requests in flight (the driver's sockets); later sends wait for one. */
  maxInFlight: number;
}

export const BENCH_USAGE = `npm run bench -- [--shipments 1000] [--rate 100 | --concurrency 16] [--replicas 1] [--speed 1]
                 [--compare <git-rev>] [--json] [--pgbench-clients 8] [--pgbench-seconds 10] [--no-pgbench]
                 [--no-rebuild] [--stall-seconds 120] [--max-in-flight 512]`;

/** Thrown for a bad command line; the message says which flag and why. */
export class BenchArgsError extends Error {}

function positive(flag: string, raw: string | undefined, fallback: number, integer: boolean): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new BenchArgsError(`--${flag} must be a positive ${integer ? 'whole ' : ''}number, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/**
 * Reads the benchmark's command line. Invariants: `--rate` and `--concurrency` exclude each other
 * (neither: 16 in flight); every number is positive; `--replicas` is 1–8 as for `npm start`.
 */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        shipments: { type: 'string' },
        rate: { type: 'string' },
        concurrency: { type: 'string' },
        replicas: { type: 'string' },
        speed: { type: 'string' },
        compare: { type: 'string' },
        json: { type: 'boolean' },
        'pgbench-clients': { type: 'string' },
        'pgbench-seconds': { type: 'string' },
        'no-pgbench': { type: 'boolean' },
        'no-rebuild': { type: 'boolean' },
        'stall-seconds': { type: 'string' },
        'max-in-flight': { type: 'string' },
      },
    }));
  } catch (error) {
    throw new BenchArgsError(`${error instanceof Error ? error.message : String(error)}\nusage: ${BENCH_USAGE}`);
  }
  const text = (name: string) => values[name] as string | undefined;
  if (text('rate') !== undefined && text('concurrency') !== undefined) throw new BenchArgsError('--rate (open loop) and --concurrency (closed loop) exclude each other');
  const load: LoadShape =
    text('rate') !== undefined
      ? { kind: 'rate', perSecond: positive('rate', text('rate'), 0, false) }
      : { kind: 'concurrency', inFlight: positive('concurrency', text('concurrency'), 16, true) };
  const replicas = positive('replicas', text('replicas'), 1, true);
  if (replicas > 8) throw new BenchArgsError(`--replicas must be a whole number from 1 to 8, got ${replicas}`);
  const compare = text('compare');
  if (compare !== undefined && !/^[\w./~^@{}-]+$/.test(compare)) throw new BenchArgsError(`--compare must name a git revision, got ${JSON.stringify(compare)}`);
  return {
    shipments: positive('shipments', text('shipments'), 1000, true),
    load,
    replicas,
    speed: positive('speed', text('speed'), 1, false),
    ...(compare !== undefined ? { compare } : {}),
    json: values['json'] === true,
    pgbench: values['no-pgbench'] ? undefined : { clients: positive('pgbench-clients', text('pgbench-clients'), 8, true), seconds: positive('pgbench-seconds', text('pgbench-seconds'), 10, true) },
    rebuild: values['no-rebuild'] !== true,
    stallSeconds: positive('stall-seconds', text('stall-seconds'), 120, false),
    maxInFlight: positive('max-in-flight', text('max-in-flight'), 512, true),
  };
}

/** The load in words, e.g. "open loop, 100 intakes/s offered" or "closed loop, 16 in flight". */
export function describeLoad(load: LoadShape): string {
  return load.kind === 'rate' ? `open loop, ${load.perSecond} intakes/s offered` : `closed loop, ${load.inFlight} in flight`;
}
