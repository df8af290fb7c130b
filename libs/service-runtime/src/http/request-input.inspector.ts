import type { FieldError } from '@cargo/contracts';

/** Default deepest nesting of arrays/objects in a body or a query (the contracts nest 3–4 levels). */
export const DEFAULT_MAX_DEPTH = 32;

/** A UTF-16 surrogate without its partner: the text has no UTF-8 form. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a string cannot be stored: PostgreSQL refuses the NUL byte in text, and an unpaired UTF-16
 * surrogate (from a `\ud800` JSON escape) has no UTF-8 form. `undefined` when it is fine.
 */
export function unstorableReason(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode (no unpaired surrogates)';
  return undefined;
}

/**
 * Walks a parsed body or query without recursion (a 5,000-level document must not overflow the
 * stack) and returns the first problem: nesting deeper than `maxDepth`, or a key or string value that
 * a database cannot store. Paths are dotted from `root` (`''` for a body, `query` for a query).
 */
export function inspectInput(value: unknown, root: string, maxDepth = DEFAULT_MAX_DEPTH): FieldError | undefined {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: root, depth: 0 }];
  const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof item.value === 'string') {
      const reason = unstorableReason(item.value);
      if (reason) return { field: item.path, message: `${item.path || 'value'} ${reason}` };
      continue;
    }
    if (item.value === null || typeof item.value !== 'object') continue;
    if (item.depth >= maxDepth) return { field: item.path, message: `nesting is deeper than ${maxDepth} levels` };
    for (const [key, child] of Object.entries(item.value)) {
      const reason = unstorableReason(key);
      if (reason) return { field: join(item.path, key.replace(/[^\x20-\x7e]/g, '?')), message: `a key ${reason}` };
      stack.push({ value: child, path: join(item.path, key), depth: item.depth + 1 });
    }
  }
  return undefined;
}

/** Checks a URL path: every segment must decode (`%zz` does not) to storable text. */
export function inspectPath(rawPath: string): FieldError | undefined {
  for (const segment of rawPath.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return { field: 'path', message: `path segment "${segment.slice(0, 40)}" is not valid percent-encoded UTF-8` };
    }
    const reason = unstorableReason(decoded);
    if (reason) return { field: 'path', message: `a path segment ${reason}` };
  }
  return undefined;
}
