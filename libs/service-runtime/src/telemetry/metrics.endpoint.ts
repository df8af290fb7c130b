import type { INestApplication } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** The parts of Express's request and response the metrics middleware reads (structural, as in http/). */
interface MetricsRequest {
  method?: string;
  path?: string;
  baseUrl?: string;
  route?: { path?: string };
}
interface MetricsResponse {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
  once(event: 'finish' | 'close', listener: () => void): unknown;
}
type Next = (error?: unknown) => void;

export const METRICS_PATH = '/metrics';

/** Route label of a request that matched no route (keeps the label set small: no raw paths). */
export const UNMATCHED_ROUTE = 'unmatched';

/** Creates the service's registry with the Node.js process metrics (`process_*`, `nodejs_*`) and `service` as a default label. */
export function createServiceRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/**
 * Installs, before every other middleware (so neither authentication nor the error edge applies):
 * - `GET /metrics`: the registry in Prometheus text format. Unauthenticated by design and harmless:
 *   counts, durations and backlog sizes only, no party data (no AWB, shipper or station). It is
 *   meant to be reachable inside the cluster only (see README, "Operations").
 * - HTTP request metrics by method, route template (`/v1/intakes/:awb`, never the raw path) and status:
 *   `http_requests_total` and `http_request_duration_seconds`.
 */
export function installMetricsEndpoint(app: INestApplication, registry: Registry): void {
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route template and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from request to response, by method, route template and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.use((req: MetricsRequest, res: MetricsResponse, next: Next) => {
    if (req.path === METRICS_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
      registry.metrics().then(
        (text) => {
          res.statusCode = 200;
          res.setHeader('content-type', registry.contentType);
          res.setHeader('cache-control', 'no-store');
          res.end(req.method === 'HEAD' ? undefined : text);
        },
        (error: unknown) => {
          res.statusCode = 500;
          res.setHeader('content-type', 'text/plain; charset=utf-8');
          res.end(`# metrics collection failed: ${error instanceof Error ? error.message : String(error)}\n`);
        },
      );
      return;
    }
    const started = process.hrtime.bigint();
    let recorded = false;
    const record = () => {
      if (recorded) return;
      recorded = true;
      const route = req.route?.path !== undefined ? `${req.baseUrl ?? ''}${req.route.path}` : UNMATCHED_ROUTE;
      const labels = { method: req.method ?? 'UNKNOWN', route, status: String(res.statusCode) };
      requests.inc(labels);
      duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    };
    res.once('finish', record);
    res.once('close', record);
    next();
  });
}
