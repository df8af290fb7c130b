/** One sample of a metric family as `parse-prometheus-text-format` returns it (histograms: `buckets`, `count`, `sum`). */
export interface PrometheusSample {
  labels?: Record<string, string>;
  value?: string;
  buckets?: Record<string, string>;
  count?: string;
  sum?: string;
}

export interface PrometheusFamily {
  name: string;
  help: string;
  type: string;
  metrics: PrometheusSample[];
}

// The parser ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const parse = require('parse-prometheus-text-format') as (text: string) => PrometheusFamily[];

/**
 * Parses a `/metrics` body with a Prometheus text-format parser (throws on text it cannot read),
 * by family name.
 */
export function parsePrometheusText(text: string): Map<string, PrometheusFamily> {
  return new Map(parse(text).map((family) => [family.name, family]));
}

/** The value of the first sample of `name` whose labels include `labels`, if any. */
export function prometheusValue(families: Map<string, PrometheusFamily>, name: string, labels: Record<string, string> = {}): number | undefined {
  const sample = families.get(name)?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return sample?.value === undefined ? undefined : Number(sample.value);
}
