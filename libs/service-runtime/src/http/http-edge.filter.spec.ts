import { HttpException, NotFoundException } from '@nestjs/common';
import { DomainError } from '@cargo/contracts';
import { HttpErrorRenderer } from './http-edge.filter';
import { HttpEdgeError } from './http-edge.types';

type Code = 'PROBE.NOT_THERE' | 'PROBE.BAD';
const renderer = new HttpErrorRenderer('PROBE', { 'PROBE.NOT_THERE': 404, 'PROBE.BAD': 400 } satisfies Record<Code, number>);
const request = (id?: string) => ({ headers: id ? { 'x-request-id': id } : {}, method: 'POST', url: '/v1/x' });

describe('HTTP error renderer', () => {
  it("renders a service's DomainError with its table's status, fields and the correlation id", () => {
    const out = renderer.render(new DomainError<Code>('PROBE.BAD', 'bad', [{ field: 'awb', message: 'wrong' }]), request('req-1'));
    expect(out).toEqual({ status: 400, headers: {}, body: { error: { code: 'PROBE.BAD', message: 'bad', fields: [{ field: 'awb', message: 'wrong' }], correlationId: 'req-1' } } });
  });

  it('renders edge refusals, Nest HTTP errors and body-parser errors in the same shape with the prefix', () => {
    expect(renderer.render(new HttpEdgeError('INVALID_REQUEST', 'nul'), request()).body.error.code).toBe('PROBE.INVALID_REQUEST');
    expect(renderer.render(new NotFoundException('Cannot GET /nope'), request())).toMatchObject({ status: 404, body: { error: { code: 'PROBE.ROUTE_NOT_FOUND' } } });
    expect(renderer.render(new HttpException('gone', 405), request())).toMatchObject({ status: 405, body: { error: { code: 'PROBE.METHOD_NOT_ALLOWED' } } });
    expect(renderer.render({ status: 413, type: 'entity.too.large' }, request())).toMatchObject({ status: 413, body: { error: { code: 'PROBE.PAYLOAD_TOO_LARGE' } } });
    expect(renderer.render({ status: 400, type: 'entity.parse.failed', message: 'Unexpected token' }, request())).toMatchObject({ status: 400, body: { error: { code: 'PROBE.MALFORMED_BODY' } } });
    expect(renderer.render({ status: 415, type: 'encoding.unsupported', message: 'unsupported content encoding "br2"' }, request())).toMatchObject({ status: 415 });
    expect(renderer.render({ status: 400, message: 'incorrect header check' }, request())).toMatchObject({ status: 400, body: { error: { code: 'PROBE.MALFORMED_BODY' } } });
  });

  it('answers 503 with Retry-After when a dependency is down, 400 for a value the database refused', () => {
    const down = renderer.render(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), request());
    expect(down).toMatchObject({ status: 503, headers: { 'retry-after': '5' }, body: { error: { code: 'PROBE.UNAVAILABLE' } } });
    expect(renderer.render({ message: 'invalid input', driverError: { code: '22P02' } }, request())).toMatchObject({ status: 400, body: { error: { code: 'PROBE.INVALID_REQUEST' } } });
  });

  it('keeps 500 for real bugs, without internals, with a fresh correlation id', () => {
    const out = renderer.render(new TypeError("Cannot read properties of undefined (reading 'secret')"), request());
    expect(out.status).toBe(500);
    expect(out.body.error.code).toBe('PROBE.INTERNAL');
    expect(out.body.error.message).not.toContain('secret');
    expect(out.body.error.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.body.error.message).toContain(out.body.error.correlationId);
  });

  it('does not take a malicious request id', () => {
    expect(renderer.render(new HttpEdgeError('INVALID_REQUEST', 'x'), request('a b<script>')).body.error.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
