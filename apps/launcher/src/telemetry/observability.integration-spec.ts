import { createTestDatabase, parsePrometheusText, TestDatabase, waitFor } from '@cargo/testing';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HubTestClient } from '../lifecycle/hub-client.spec-helper';
import { startHub, stopHub, type RunningHub } from '../lifecycle/hub-fixture.spec-helper';
import { bookedView, consumerElectronicsIntake, nextAwb } from '../lifecycle/lifecycle-scenarios.spec-helper';

/** OTLP span kinds (the protocol's enum, as in OTLP/JSON). */
const PRODUCER = 4;
const CONSUMER = 5;

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: string | number };
}
interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  links: { traceId: string; spanId: string }[];
  attributes: Record<string, string>;
}

/**
 * A tiny OTLP/HTTP receiver on loopback (JSON encoding, `POST /v1/traces`), as a collector would
 * be: the services export their spans here through the standard OTEL_* variables.
 */
class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.read(req).then((body) => {
        if (req.method === 'POST' && req.url === '/v1/traces') this.accept(body);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((done) => this.server?.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((done) => (this.server ? this.server.close(() => done()) : done()));
  }

  private async read(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  private accept(body: string): void {
    const text = (attributes: OtlpAttribute[] | undefined) =>
      Object.fromEntries((attributes ?? []).map((a) => [a.key, String(a.value.stringValue ?? a.value.intValue ?? '')]));
    const request = JSON.parse(body) as {
      resourceSpans: {
        resource: { attributes: OtlpAttribute[] };
        scopeSpans: { spans: (Omit<ReceivedSpan, 'service' | 'attributes' | 'links'> & { attributes?: OtlpAttribute[]; links?: ReceivedSpan['links'] })[] }[];
      }[];
    };
    for (const resourceSpans of request.resourceSpans) {
      const service = text(resourceSpans.resource.attributes)['service.name'] ?? '';
      for (const scope of resourceSpans.scopeSpans) {
        for (const span of scope.spans) {
          this.spans.push({ ...span, service, links: span.links ?? [], attributes: text(span.attributes) });
        }
      }
    }
  }
}

const SERVICES = ['station-intake', 'customs-hold', 'flight-assignment', 'tracking'] as const;

describe('observability of the running hub (four service processes, embedded broker, real PostgreSQL)', () => {
  let db: TestDatabase;
  let running: RunningHub | undefined;
  let hub: HubTestClient;
  const receiver = new OtlpReceiver();

  beforeAll(async () => {
    const endpoint = await receiver.start();
    db = await createTestDatabase('observability');
    running = await startHub(db.url, {
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_BSP_SCHEDULE_DELAY: '200' },
    });
    hub = running.client;
  });
  afterAll(async () => {
    await stopHub(running);
    await db?.drop();
    await receiver.stop();
  });

  it('one intake is one trace across the four services, Kafka produce → consume spans linked, the batch linked to it', async () => {
    // An intake customs releases at once (no deep-screening draw): its whole way is automatic.
    let awb = '';
    for (let attempt = 0; attempt < 10 && !awb; attempt++) {
      const candidate = nextAwb();
      expect((await hub.intake('OVS', consumerElectronicsIntake(candidate, new Date()))).status).toBe(201);
      const decided = await waitFor(async () => {
        const found = await hub.customsCase(candidate);
        return found && found['state'] !== 'OPEN' ? found : undefined;
      }, { description: `customs decision on ${candidate}` });
      if (decided['state'] !== 'HELD') awb = candidate;
    }
    expect(awb).not.toBe('');
    await bookedView(hub, awb);

    const sendIntake = await waitFor(
      () => receiver.spans.find((s) => s.kind === PRODUCER && s.name === 'send cargo.intake.v1' && s.attributes['messaging.kafka.message.key'] === awb),
      { description: `the producer span of ${awb}'s intake` },
    );
    const traceId = sendIntake.traceId;
    const inTrace = () => receiver.spans.filter((s) => s.traceId === traceId);
    await waitFor(
      () => {
        const services = new Set(inTrace().map((s) => s.service));
        const consumed = new Set(inTrace().filter((s) => s.kind === CONSUMER).map((s) => `${s.service} ${s.name}`));
        return (
          SERVICES.every((service) => services.has(service)) &&
          consumed.has('customs-hold process cargo.intake.v1') &&
          consumed.has('flight-assignment process customs.release.v1') &&
          consumed.has('tracking process flight.assignment.v1') &&
          consumed.has('station-intake process flight.assignment.v1')
        );
      },
      { timeoutMs: 30_000, description: `spans of all four services in trace ${traceId}, down to station-intake's dispatch` },
    );

    const spans = inTrace();
    // The HTTP request that took the intake is the root of the trace.
    const root = spans.filter((s) => !s.parentSpanId);
    expect(root.map((s) => `${s.service} ${s.kind}`)).toEqual(['station-intake 2']);
    // Every consume span is the child of the produce span whose traceparent its record carried.
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    for (const consume of spans.filter((s) => s.kind === CONSUMER)) {
      const parent = byId.get(consume.parentSpanId ?? '');
      expect(parent?.kind).toBe(PRODUCER);
      expect(parent?.name.replace('send ', '')).toBe(consume.name.replace('process ', ''));
    }
    // The assignment came from a batch: its span lives in its own trace and links to this one.
    const batch = receiver.spans.find((s) => s.name === 'flight-assignment batch' && s.links.some((link) => link.traceId === traceId));
    expect(batch).toBeDefined();
    const assignment = spans.find((s) => s.kind === PRODUCER && s.name === 'send flight.assignment.v1' && s.attributes['messaging.kafka.message.key'] === awb);
    expect(assignment?.service).toBe('flight-assignment');
  });

  it('every service answers /metrics in Prometheus text with its series, without authentication', async () => {
    const expected: Record<(typeof SERVICES)[number], string[]> = {
      'station-intake': [],
      'customs-hold': [],
      'flight-assignment': ['cargo_assignment_batch_duration_seconds', 'cargo_assignment_batch_size', 'cargo_assignment_waitlist_size', 'cargo_assignment_exceptions_open'],
      tracking: ['cargo_kpi_air_self_transport_rate', 'cargo_kpi_on_time_rate', 'cargo_kpi_customs_holds_open', 'cargo_kpi_load_factor'],
    };
    const common = [
      'http_requests_total',
      'http_request_duration_seconds',
      'cargo_outbox_backlog',
      'cargo_outbox_oldest_unpublished_age_seconds',
      'cargo_outbox_published_total',
      'cargo_consumer_lag',
      'cargo_consumer_records_total',
      'cargo_consumer_retries_total',
      'cargo_consumer_dead_letters_total',
      'process_cpu_seconds_total',
    ];
    for (const service of SERVICES) {
      const response = await fetch(`${hub.urls[service]}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      const families = parsePrometheusText(await response.text());
      for (const name of [...common, ...expected[service]]) expect([service, families.has(name)]).toEqual([service, true]);
      // Labels name routes, topics and outcomes, never a shipment.
      const labels = [...families.values()].flatMap((f) => f.metrics.flatMap((m) => Object.values(m.labels ?? {})));
      expect(labels.filter((label) => /\d{3}-\d{8}/.test(label))).toEqual([]);
    }
    const intakeFamilies = parsePrometheusText(await (await fetch(`${hub.urls['station-intake']}/metrics`)).text());
    const routes = intakeFamilies.get('http_requests_total')?.metrics.map((m) => m.labels?.['route']) ?? [];
    expect(routes.some((route) => route?.startsWith('/v1/'))).toBe(true);
  });
});
