import { readFileSync } from 'node:fs';
import type { SASLOptions } from 'kafkajs';
import type { ConnectionOptions } from 'node:tls';

/**
 * How a service authenticates to Apache Kafka: TLS (`KAFKA_SSL*`) and SASL
 * (`KAFKA_SASL_MECHANISM` = plain | scram-sha-256 | scram-sha-512, with user and password). On a
 * shared cluster each party has its own Kafka user with ACLs (see deploy/kubernetes/kafka-users.yaml).
 */
export interface KafkaSecurity {
  ssl?: boolean | ConnectionOptions;
  sasl?: SASLOptions;
}

/** The security variables of a service's validated config. */
export interface KafkaSecurityConfig {
  KAFKA_SSL?: string;
  KAFKA_SSL_CA_FILE?: string;
  KAFKA_SSL_CERT_FILE?: string;
  KAFKA_SSL_KEY_FILE?: string;
  KAFKA_SSL_REJECT_UNAUTHORIZED?: string;
  KAFKA_SASL_MECHANISM?: string;
  KAFKA_SASL_USERNAME?: string;
  KAFKA_SASL_PASSWORD?: string;
}

export const KAFKA_SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;

/** kafkajs `ssl` and `sasl` options from the variables (files read once, at boot). */
export function kafkaSecurityOf(config: KafkaSecurityConfig): KafkaSecurity {
  const security: KafkaSecurity = {};
  const files = { ca: config.KAFKA_SSL_CA_FILE, cert: config.KAFKA_SSL_CERT_FILE, key: config.KAFKA_SSL_KEY_FILE };
  const anyFile = Object.values(files).some((f) => f);
  if (config.KAFKA_SSL === 'true' || anyFile) {
    security.ssl = anyFile || config.KAFKA_SSL_REJECT_UNAUTHORIZED === 'false'
      ? {
          ...(files.ca ? { ca: [readFileSync(files.ca, 'utf8')] } : {}),
          ...(files.cert ? { cert: readFileSync(files.cert, 'utf8') } : {}),
          ...(files.key ? { key: readFileSync(files.key, 'utf8') } : {}),
          rejectUnauthorized: config.KAFKA_SSL_REJECT_UNAUTHORIZED !== 'false',
        }
      : true;
  }
  const mechanism = config.KAFKA_SASL_MECHANISM;
  if (mechanism) {
    const username = config.KAFKA_SASL_USERNAME ?? '';
    const password = config.KAFKA_SASL_PASSWORD ?? '';
    security.sasl = mechanism === 'plain' ? { mechanism: 'plain', username, password } : mechanism === 'scram-sha-256' ? { mechanism: 'scram-sha-256', username, password } : { mechanism: 'scram-sha-512', username, password };
  }
  return security;
}
