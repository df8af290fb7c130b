import { isDatabaseInputError, isDependencyUnavailable } from './dependency-failure.util';

describe('dependency failure classification', () => {
  it('knows an unreachable database or broker', () => {
    expect(isDependencyUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDependencyUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDependencyUnavailable({ message: 'query failed', driverError: { code: '57P01' } })).toBe(true);
    expect(isDependencyUnavailable(new Error('boom', { cause: { code: '08006' } }))).toBe(true);
  });

  it('does not take a bug or bad input for an outage', () => {
    expect(isDependencyUnavailable(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe(false);
    expect(isDependencyUnavailable({ code: '22021' })).toBe(false);
  });

  it('knows a value the database refused as data (class 22)', () => {
    expect(isDatabaseInputError({ message: 'invalid byte sequence', driverError: { code: '22021' } })).toBe(true);
    expect(isDatabaseInputError({ code: '22008' })).toBe(true);
    expect(isDatabaseInputError({ code: '23505' })).toBe(false);
  });
});
