import { deadLetterTopic } from '@cargo/contracts';
import type { Kafka } from 'kafkajs';
import { MessagingError, MessagingErrorCodes, errorMessage } from '../errors/messaging.error';
import { stderrLogger, type MessagingLogger } from '../shared/messaging.logger';

export interface TopicProvisioningOptions {
  /** Topics the service produces or consumes; their `.dlq` topics are added. */
  topics: readonly string[];
  /** `KAFKA_TOPIC_PARTITIONS`. */
  partitions: number;
  /** `KAFKA_REPLICATION_FACTOR`. */
  replicationFactor: number;
  /** Also create `<topic>.dlq` for every topic (default true). */
  withDeadLetterTopics?: boolean;
  timeoutMs?: number;
}

export interface ProvisioningReport {
  created: string[];
  existing: string[];
  /** Existing topics with fewer partitions than configured (left as they are: repartitioning breaks key order). */
  underPartitioned: { topic: string; partitions: number }[];
}

/**
 * Creates the topics a service needs, explicitly, at start-up: clients run with
 * `allowAutoTopicCreation: false`, so the same code works on Apache Kafka where auto-creation is off.
 *
 * Invariants: idempotent (existing topics are left alone, a concurrent creator is not an error);
 * an existing topic is never repartitioned (that would move keys between partitions and break
 * per-key order) — a smaller partition count is only reported.
 */
export class TopicProvisioner {
  private readonly logger: MessagingLogger;

  constructor(
    private readonly kafka: Kafka,
    logger?: MessagingLogger,
  ) {
    this.logger = logger ?? stderrLogger('TopicProvisioner');
  }

  async ensureTopics(options: TopicProvisioningOptions): Promise<ProvisioningReport> {
    const wanted = expandTopics(options.topics, options.withDeadLetterTopics ?? true);
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      const existingNow = new Set(await admin.listTopics());
      const missing = wanted.filter((topic) => !existingNow.has(topic));
      if (missing.length > 0) {
        await admin.createTopics({
          waitForLeaders: true,
          timeout: options.timeoutMs ?? 10_000,
          topics: missing.map((topic) => ({
            topic,
            numPartitions: options.partitions,
            replicationFactor: options.replicationFactor,
          })),
        });
      }
      const existing = wanted.filter((topic) => existingNow.has(topic));
      const underPartitioned: ProvisioningReport['underPartitioned'] = [];
      if (existing.length > 0) {
        const { topics } = await admin.fetchTopicMetadata({ topics: existing });
        for (const topic of topics) {
          if (topic.partitions.length < options.partitions) {
            underPartitioned.push({ topic: topic.name, partitions: topic.partitions.length });
            this.logger.warn(
              `topic ${topic.name} has ${topic.partitions.length} partitions, fewer than the configured ${options.partitions}; left unchanged`,
            );
          }
        }
      }
      if (missing.length > 0) this.logger.log(`created topics: ${missing.join(', ')}`);
      return { created: missing, existing, underPartitioned };
    } catch (error) {
      if (error instanceof MessagingError) throw error;
      throw new MessagingError(
        MessagingErrorCodes.TopicProvisioningFailed,
        `cannot provision topics ${wanted.join(', ')}: ${errorMessage(error)}`,
        undefined,
        { cause: error },
      );
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}

/** `topics` plus their dead-letter topics, de-duplicated, in a stable order. */
export function expandTopics(topics: readonly string[], withDeadLetterTopics: boolean): string[] {
  const out = new Set<string>();
  for (const topic of topics) {
    out.add(topic);
    if (withDeadLetterTopics) out.add(deadLetterTopic(topic));
  }
  return [...out];
}
