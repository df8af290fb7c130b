/** Network error codes of a dependency that cannot be reached (Node's `errno` codes). */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs that mean the database is not there right now (class 08 connection exceptions,
 * 57P01–57P03 shutdown/cannot connect now, 53300 too many connections).
 */
const UNAVAILABLE_SQLSTATES = /^(08\d{3}|57P0[123]|53300)$/;

/** Messages of pg / TypeORM / kafkajs when the other side is gone. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Connection is not established|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery mode)|KafkaJSConnectionError|KafkaJSNumberOfRetriesExceeded|Client was closed and is not queryable/i;

/**
 * SQLSTATE class 22 (data exception: invalid text, out-of-range numbers, impossible dates) and 23514
 * (check violation) come from the input: the edge refuses such input first, this is the safety net
 * that keeps a value it missed from becoming a 500.
 */
const INPUT_SQLSTATES = /^(22[0-9A-Z]{3}|23514)$/;

function chainOf(error: unknown): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  let current: unknown = error;
  while (current !== null && typeof current === 'object' && out.length < 8) {
    const record = current as Record<string, unknown>;
    out.push(record);
    current = record['driverError'] ?? record['cause'] ?? record['originalError'];
  }
  return out;
}

/** True when an error means a dependency (PostgreSQL, Kafka) is unreachable: answer 503 and ask to retry. */
export function isDependencyUnavailable(error: unknown): boolean {
  return chainOf(error).some((e) => {
    const code = typeof e['code'] === 'string' ? e['code'] : '';
    if (UNREACHABLE_CODES.has(code) || UNAVAILABLE_SQLSTATES.test(code)) return true;
    const text = `${String(e['name'] ?? '')} ${String(e['message'] ?? '')}`;
    return UNAVAILABLE_MESSAGES.test(text);
  });
}

/** True when the database refused a value as data (see {@link INPUT_SQLSTATES}). */
export function isDatabaseInputError(error: unknown): boolean {
  return chainOf(error).some((e) => typeof e['code'] === 'string' && INPUT_SQLSTATES.test(e['code']));
}
