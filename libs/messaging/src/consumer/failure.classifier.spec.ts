import { QueryFailedError } from 'typeorm';
import { EventRejectedError, MessagingError } from '../errors/messaging.error';
import { classifyFailure, deadLetterCode } from './failure.classifier';

function pgError(code: string, message = 'pg'): Error {
  return Object.assign(new Error(message), { code });
}

describe('classifyFailure', () => {
  it.each([
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['admin shutdown (57P01)', pgError('57P01', 'terminating connection due to administrator command')],
    ['connection failure (08006) wrapped by TypeORM', new QueryFailedError('SELECT 1', [], pgError('08006'))],
    ['serialization failure (40001)', new QueryFailedError('UPDATE', [], pgError('40001'))],
    ['deadlock (40P01)', pgError('40P01')],
    ['too many connections (53300)', pgError('53300')],
    ['pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['connection terminated', new Error('Connection terminated unexpectedly')],
    ['kafkajs connection error', Object.assign(new Error('Connection error'), { name: 'KafkaJSConnectionError' })],
    ['cause chain', new Error('outer', { cause: pgError('08001') })],
  ])('%s is an infrastructure failure (retried, then redelivered, never dead-lettered)', (_name, error) => {
    expect(classifyFailure(error)).toBe('infrastructure');
  });

  it.each([
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['a unique violation (23505)', new QueryFailedError('INSERT', [], pgError('23505'))],
    ['a check violation (23514)', pgError('23514')],
    ['a thrown string', 'boom'],
  ])('%s is a handler failure (retried, then dead-lettered)', (_name, error) => {
    expect(classifyFailure(error)).toBe('handler');
    expect(deadLetterCode(error, 'handler')).toBe('MESSAGING.HANDLER_FAILED');
  });

  it('a domain rejection is permanent and keeps its own code', () => {
    const error = new EventRejectedError('CUSTOMS.HOLD_NOT_FOUND', 'no hold for 160-12345675');
    expect(classifyFailure(error)).toBe('permanent');
    expect(deadLetterCode(error, 'permanent')).toBe('CUSTOMS.HOLD_NOT_FOUND');
  });

  it('malformed, unknown-type and invalid-payload errors are permanent', () => {
    for (const code of ['MESSAGING.MALFORMED_RECORD', 'MESSAGING.UNKNOWN_EVENT_TYPE', 'MESSAGING.INVALID_PAYLOAD'] as const) {
      expect(classifyFailure(new MessagingError(code, 'x'))).toBe('permanent');
    }
  });
});
