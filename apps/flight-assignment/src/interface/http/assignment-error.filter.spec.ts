import { AssignmentErrorCodes } from '../../domain/assignment.errors';
import { httpStatusOf } from './assignment-error.filter';

describe('httpStatusOf', () => {
  it('maps every error code to a 4xx status', () => {
    for (const code of Object.values(AssignmentErrorCodes)) {
      const status = httpStatusOf(code);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
    }
    expect(httpStatusOf(AssignmentErrorCodes.FlightNotFound)).toBe(404);
    expect(httpStatusOf(AssignmentErrorCodes.FlightNotOpen)).toBe(409);
    expect(httpStatusOf(AssignmentErrorCodes.InvalidRequest)).toBe(400);
  });
});
