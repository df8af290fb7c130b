import { AssignmentErrorCodes } from '../../domain/assignment.errors';
import { FLIGHT_ASSIGNMENT_HTTP_ERRORS } from './flight-assignment.http-errors';

describe('flight-assignment HTTP error table', () => {
  it('maps every error code to a 4xx status', () => {
    for (const code of Object.values(AssignmentErrorCodes)) {
      const status = FLIGHT_ASSIGNMENT_HTTP_ERRORS[code];
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
    }
    expect(FLIGHT_ASSIGNMENT_HTTP_ERRORS[AssignmentErrorCodes.FlightNotFound]).toBe(404);
    expect(FLIGHT_ASSIGNMENT_HTTP_ERRORS[AssignmentErrorCodes.FlightNotOpen]).toBe(409);
    expect(FLIGHT_ASSIGNMENT_HTTP_ERRORS[AssignmentErrorCodes.InvalidRequest]).toBe(400);
  });
});
