import type { FieldError } from '@cargo/contracts';

/**
 * Fields of an intake that are bookkeeping, not content: re-posting the same shipment with a new
 * `recordedAt` (the terminal's clock when it re-sent) is still the same intake.
 */
const NON_CONTENT_FIELDS: readonly string[] = ['recordedAt'];

/** One field whose value differs between the intake on record and a re-post. */
interface ContentDifference {
  field: string;
  recorded: unknown;
  submitted: unknown;
}

/**
 * Differences between the content on record and a re-posted content, by dotted path (arrays by
 * index, e.g. `dangerousGoods.0.unNumber`). Missing and `undefined` are the same; key order does
 * not matter; {@link NON_CONTENT_FIELDS} are ignored at the top level.
 *
 * Invariant: an empty result means the re-post is the same intake (idempotent replay).
 */
export function diffIntakeContent(recorded: Record<string, unknown>, submitted: Record<string, unknown>): ContentDifference[] {
  const out: ContentDifference[] = [];
  diff(stripNonContent(recorded), stripNonContent(submitted), '', out);
  return out;
}

/** The differences as field errors for a 409 response. */
export function differencesAsFieldErrors(differences: readonly ContentDifference[]): FieldError[] {
  return differences.map((d) => ({
    field: d.field,
    message: `on record: ${JSON.stringify(d.recorded) ?? 'absent'}; submitted: ${JSON.stringify(d.submitted) ?? 'absent'}`,
  }));
}

function stripNonContent(value: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...value };
  for (const field of NON_CONTENT_FIELDS) delete copy[field];
  return copy;
}

function diff(a: unknown, b: unknown, path: string, out: ContentDifference[]): void {
  if (a === b) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) {
      out.push({ field: path, recorded: a, submitted: b });
      return;
    }
    a.forEach((item, i) => diff(item, b[i], join(path, String(i)), out));
    return;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of [...keys].sort()) diff(a[key], b[key], join(path, key), out);
    return;
  }
  out.push({ field: path, recorded: a, submitted: b });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
