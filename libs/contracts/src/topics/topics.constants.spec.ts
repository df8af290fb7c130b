import { ALL_TOPICS, deadLetterTopic, isDeadLetterTopic, isTopic, sourceTopicOfDeadLetter, Topics } from './topics.constants';

describe('Topics', () => {
  it('names every topic with a version', () => {
    expect(ALL_TOPICS).toEqual([
      'cargo.intake.v1',
      'cargo.handling.v1',
      'customs.hold.v1',
      'customs.release.v1',
      'flight.assignment.v1',
      'flight.manifest.v1',
      'cargo.status.v1',
    ]);
    for (const topic of ALL_TOPICS) expect(topic).toMatch(/^[a-z]+\.[a-z]+\.v\d+$/);
  });

  it('derives dead-letter topics as <topic>.dlq', () => {
    expect(deadLetterTopic(Topics.CargoIntake)).toBe('cargo.intake.v1.dlq');
    expect(isDeadLetterTopic('cargo.intake.v1.dlq')).toBe(true);
    expect(isDeadLetterTopic(Topics.CargoIntake)).toBe(false);
    expect(sourceTopicOfDeadLetter('flight.manifest.v1.dlq')).toBe('flight.manifest.v1');
    expect(sourceTopicOfDeadLetter('flight.manifest.v1')).toBeUndefined();
  });

  it('refuses a dead-letter topic of a dead-letter topic, and an empty name', () => {
    expect(() => deadLetterTopic('cargo.intake.v1.dlq')).toThrow('already a dead-letter topic');
    expect(() => deadLetterTopic('')).toThrow('empty');
  });

  it('recognises its own topics only', () => {
    expect(isTopic('customs.hold.v1')).toBe(true);
    expect(isTopic('customs.hold.v2')).toBe(false);
    expect(isTopic('customs.hold.v1.dlq')).toBe(false);
  });
});
