/**
 * Kafka topic names. Every name carries its schema generation (`.v1`): a breaking change to a
 * topic's payloads gets a new topic (`.v2`) that runs beside the old one until its consumers move,
 * instead of surprising them on the old name. Non-breaking additions bump the event's
 * `schemaversion` (see the event catalog) and stay on the same topic.
 *
 * Records are keyed by the canonical AWB for shipment topics (per-shipment ordering, including
 * `cargo.status.v1`) and by the flight id on `flight.manifest.v1`.
 */
export const Topics = {
  /** Cargo received at a forward station (station-intake → customs-hold, flight-assignment, tracking). */
  CargoIntake: 'cargo.intake.v1',
  /** Handling scans (FSU-style status) posted by station terminals and hubs. */
  CargoHandling: 'cargo.handling.v1',
  /** Customs or security holds (customs-hold → customs systems, flight-assignment, tracking). */
  CustomsHold: 'customs.hold.v1',
  /** Customs releases: full, conditional ("two-stage" first stage) or final. */
  CustomsRelease: 'customs.release.v1',
  /** Every flight-assignment outcome: assigned, re-assigned, road feeder, wait-listed, offloaded. */
  FlightAssignment: 'flight.assignment.v1',
  /** Closed flight manifests, keyed by flight id (flight-assignment → airlines, tracking). */
  FlightManifest: 'flight.manifest.v1',
  /**
   * Every status of a shipment's timeline as an IATA Cargo-IMP FSU/15 message plus its JSON form,
   * keyed by AWB (tracking → airlines, forwarders and shippers' systems that subscribe).
   */
  CargoStatus: 'cargo.status.v1',
} as const;

export type TopicName = keyof typeof Topics;
export type Topic = (typeof Topics)[TopicName];

/** Every topic, in flow order. Infrastructure creates these (and their dead-letter topics) at start. */
export const ALL_TOPICS: readonly Topic[] = Object.freeze(Object.values(Topics));

/** Suffix of a dead-letter topic: poison records of `<topic>` go to `<topic>.dlq`. */
export const DEAD_LETTER_SUFFIX = '.dlq';

export function isTopic(name: string): name is Topic {
  return (ALL_TOPICS as readonly string[]).includes(name);
}

export function isDeadLetterTopic(topic: string): boolean {
  return topic.endsWith(DEAD_LETTER_SUFFIX);
}

/**
 * The dead-letter topic of `topic` (`<topic>.dlq`). A dead-letter topic has no dead-letter topic
 * of its own: asking for one is a programming error (it would let a poison record loop), so it throws.
 */
export function deadLetterTopic(topic: string): string {
  if (topic.length === 0) throw new Error('deadLetterTopic: topic name is empty');
  if (isDeadLetterTopic(topic)) throw new Error(`deadLetterTopic: "${topic}" is already a dead-letter topic`);
  return `${topic}${DEAD_LETTER_SUFFIX}`;
}

/** The topic a dead-letter topic collects for (`cargo.intake.v1.dlq` → `cargo.intake.v1`), or undefined. */
export function sourceTopicOfDeadLetter(topic: string): string | undefined {
  return isDeadLetterTopic(topic) ? topic.slice(0, -DEAD_LETTER_SUFFIX.length) : undefined;
}
