import { TrackingError, TrackingErrorCodes } from '../../application/tracking.errors';
import { TrackingErrorFilter, httpStatusOf } from './tracking-error.filter';

describe('TrackingErrorFilter', () => {
  it('maps every code to an HTTP status', () => {
    expect(Object.values(TrackingErrorCodes).map((code) => [code, httpStatusOf(code)])).toEqual([
      ['TRACKING.INVALID_AWB', 400],
      ['TRACKING.INVALID_QUERY', 400],
      ['TRACKING.SHIPMENT_NOT_FOUND', 404],
    ]);
  });

  it('answers { error: { code, message, fields } }', () => {
    let status = 0;
    let body: unknown;
    const res = { status: (s: number) => ((status = s), { json: (b: unknown) => void (body = b) }) };
    const host = { switchToHttp: () => ({ getResponse: () => res }) };
    new TrackingErrorFilter().catch(new TrackingError(TrackingErrorCodes.InvalidAwb, 'bad', [{ field: 'awb', message: 'bad' }]), host as never);
    expect(status).toBe(400);
    expect(body).toEqual({ error: { code: 'TRACKING.INVALID_AWB', message: 'bad', fields: [{ field: 'awb', message: 'bad' }] } });
  });
});
