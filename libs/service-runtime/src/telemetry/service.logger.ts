import type { LoggerService } from '@nestjs/common';
import { context, createContextKey } from '@opentelemetry/api';
import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';
import pinoPretty from 'pino-pretty';
import { activeTraceIds } from '@cargo/telemetry';

/** `LOG_FORMAT`: one JSON object per line (default), or human-readable lines for a terminal. */
export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** `LOG_LEVEL` (Nest's names) → pino's levels. */
const PINO_LEVELS: Record<string, pino.Level> = { error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };

/**
 * Fields that the code handling one thing (an event, a shipment) wants on every log line written
 * meanwhile, e.g. `{ awb, event_id }`. Kept in the OpenTelemetry context under a well-known key,
 * so any library can set them without depending on this one (`createContextKey` is `Symbol.for`).
 */
export const LOG_FIELDS_KEY = createContextKey('cargo.log-fields');

/** Runs `work` with `fields` added to every log line written inside it. */
export function withLogFields<T>(fields: Record<string, string | undefined>, work: () => T): T {
  const current = (context.active().getValue(LOG_FIELDS_KEY) as Record<string, string> | undefined) ?? {};
  return context.with(context.active().setValue(LOG_FIELDS_KEY, { ...current, ...fields }), work);
}

/** What every line carries besides the message: trace and span ids of the active span, and the log fields. */
function lineFields(): Record<string, unknown> {
  const fields = context.active().getValue(LOG_FIELDS_KEY) as Record<string, unknown> | undefined;
  return { ...(fields ?? {}), ...(activeTraceIds() ?? {}) };
}

export interface ServiceLoggerOptions {
  service: string;
  /** Nest's level names: error, warn, log, debug, verbose. */
  level: string;
  format: LogFormat;
  /** Where lines go (stdout by default, synchronously, so nothing is lost at exit). */
  destination?: DestinationStream;
}

/**
 * The service's pino logger: JSON lines with `level`, `time`, `service`, `context`, `msg`, and,
 * when known, `trace_id`, `span_id`, `awb`, `event_id`; or, with `format: 'pretty'`, one readable
 * line per entry (`npm start`'s log files).
 */
export function createServiceLogger(options: ServiceLoggerOptions): PinoLogger {
  const destination =
    options.destination ??
    (options.format === 'pretty'
      ? pinoPretty({
          sync: true,
          colorize: false,
          translateTime: 'SYS:HH:MM:ss.l',
          ignore: 'pid,hostname,service,context',
          messageFormat: '[{service}] {context}: {msg}',
          singleLine: true,
        })
      : pino.destination({ dest: 1, sync: true }));
  return pino(
    {
      level: PINO_LEVELS[options.level] ?? 'info',
      base: { service: options.service },
      messageKey: 'msg',
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: lineFields,
    },
    destination,
  );
}

/**
 * Nest's {@link LoggerService} on pino: `new Logger('Context').log(...)` anywhere in the service
 * (and in the libraries) becomes a structured line. Nest passes the context as the last string
 * argument and, for errors, a stack before it.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: PinoLogger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest, true);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest, true);
  }

  private write(level: pino.Level, message: unknown, rest: unknown[], mayHaveStack = false): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const params = [...rest];
    const context = params.length > 0 && typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    const fields: Record<string, unknown> = {};
    if (context) fields['context'] = context;
    if (mayHaveStack && typeof params[0] === 'string' && params[0].includes('\n    at ')) fields['stack'] = params.shift();
    if (message instanceof Error) {
      fields['err'] = message;
      this.logger[level](fields, message.message);
      return;
    }
    if (message !== null && typeof message === 'object') {
      this.logger[level]({ ...fields, ...(message as Record<string, unknown>) });
      return;
    }
    const extra = params.filter((p) => p !== undefined).map((p) => (typeof p === 'string' ? p : JSON.stringify(p)));
    this.logger[level](fields, [String(message), ...extra].join(' '));
  }
}
