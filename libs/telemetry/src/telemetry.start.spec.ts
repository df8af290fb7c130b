import { spanExportersFromEnv } from './telemetry.start';

describe('span exporters from the standard OTEL_* variables', () => {
  it('exports nothing when neither OTEL_TRACES_EXPORTER nor an OTLP endpoint is set', () => {
    expect(spanExportersFromEnv({})).toEqual({ exporters: [], target: undefined });
  });

  it('exports OTLP over HTTP (protobuf by default, JSON when asked) when an endpoint is set', () => {
    const proto = spanExportersFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' });
    expect(proto.exporters).toHaveLength(1);
    expect(proto.target).toBe('otlp http/protobuf → http://collector:4318');
    const json = spanExportersFromEnv({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:9/v1/traces', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' });
    expect(json.target).toBe('otlp http/json → http://127.0.0.1:9/v1/traces');
  });

  it('honours OTEL_TRACES_EXPORTER: none wins, console is supported, unknown names are ignored', () => {
    expect(spanExportersFromEnv({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).exporters).toEqual([]);
    expect(spanExportersFromEnv({ OTEL_TRACES_EXPORTER: 'console' }).target).toBe('console');
    expect(spanExportersFromEnv({ OTEL_TRACES_EXPORTER: 'zipkin' }).exporters).toEqual([]);
  });
});
