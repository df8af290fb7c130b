import { MessagingMetricNames } from '@cargo/messaging';
import { WORKSPACE_ROOT } from '@cargo/testing';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

/** Every metric name the services register: the messaging library's, the HTTP edge's, and the apps' `cargo_*` series. */
function exportedMetricNames(): Set<string> {
  const names = new Set<string>([...Object.values(MessagingMetricNames), 'http_requests_total', 'http_request_duration_seconds']);
  for (const app of ['flight-assignment', 'tracking']) {
    const dir = join(WORKSPACE_ROOT, 'apps', app, 'src', 'infrastructure');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))) {
      for (const match of readFileSync(join(dir, file), 'utf8').matchAll(/'(cargo_[a-z0-9_]+)'/g)) names.add(match[1] as string);
    }
  }
  return names;
}

/** Metric names a PromQL expression uses (series selectors; histogram suffixes folded into their family). */
function metricsIn(expr: string): string[] {
  const found = [...expr.matchAll(/\b((?:cargo|http)_[a-z0-9_]+)/g)].map((m) => m[1] as string);
  return found.map((name) => name.replace(/_(bucket|sum|count)$/, ''));
}

const read = (path: string) => readFileSync(resolve(WORKSPACE_ROOT, path), 'utf8');

describe('operator tooling in docker-compose.yml and deploy/', () => {
  const exported = exportedMetricNames();

  it('compose mounts only configuration files that exist, and points the services at the collector', () => {
    const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, { volumes?: string[]; environment?: Record<string, string> }> };
    for (const name of ['otel-collector', 'jaeger', 'prometheus']) expect(Object.keys(compose.services)).toContain(name);
    const mounted = Object.values(compose.services).flatMap((s) => (s.volumes ?? []).filter((v) => v.startsWith('./')).map((v) => v.split(':')[0] as string));
    expect(mounted.length).toBeGreaterThanOrEqual(3);
    for (const file of mounted) expect([file, existsSync(resolve(WORKSPACE_ROOT, file))]).toEqual([file, true]);
    for (const service of ['station-intake', 'customs-hold', 'flight-assignment', 'tracking']) {
      expect(compose.services[service]?.environment?.['OTEL_EXPORTER_OTLP_ENDPOINT']).toBe('http://otel-collector:4318');
    }
    const prometheus = parse(read('deploy/prometheus.yml')) as { rule_files: string[]; scrape_configs: { metrics_path: string; static_configs: { targets: string[] }[] }[] };
    expect(prometheus.rule_files.map((f) => f.split('/').pop())).toEqual(['prometheus-alerts.yml']);
    expect(prometheus.scrape_configs[0]?.metrics_path).toBe('/metrics');
    expect(prometheus.scrape_configs[0]?.static_configs[0]?.targets).toHaveLength(4);
  });

  it('alert rules cover lag, outbox age, dead letters, wait-list growth and 5xx, on metrics the services export', () => {
    const rules = (parse(read('deploy/prometheus-alerts.yml')) as { groups: { rules: { alert: string; expr: string }[] }[] }).groups.flatMap((g) => g.rules);
    const used = rules.flatMap((rule) => metricsIn(rule.expr));
    for (const needed of ['cargo_consumer_lag', 'cargo_outbox_oldest_unpublished_age_seconds', 'cargo_consumer_dead_letters_total', 'cargo_assignment_waitlist_size', 'http_requests_total']) {
      expect(used).toContain(needed);
    }
    for (const name of used) expect([name, exported.has(name)]).toEqual([name, true]);
  });

  it('the Grafana dashboard parses and charts only exported metrics, all of them', () => {
    const dashboard = JSON.parse(read('deploy/grafana-dashboard.json')) as { panels: { targets: { expr: string }[] }[] };
    const used = new Set(dashboard.panels.flatMap((p) => p.targets.flatMap((t) => metricsIn(t.expr))));
    for (const name of used) expect([name, exported.has(name)]).toEqual([name, true]);
    for (const name of exported) expect([name, used.has(name)]).toEqual([name, true]);
  });
});
