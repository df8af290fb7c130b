import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaSecurityOf } from './kafka-security.config';

describe('Kafka security settings', () => {
  it('adds nothing for the embedded broker', () => {
    expect(kafkaSecurityOf({})).toEqual({});
  });

  it('builds SASL/SCRAM from the mechanism, user and password', () => {
    expect(kafkaSecurityOf({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'customs-hold', KAFKA_SASL_PASSWORD: 's3cret' })).toEqual({
      sasl: { mechanism: 'scram-sha-512', username: 'customs-hold', password: 's3cret' },
    });
    expect(kafkaSecurityOf({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }).sasl?.mechanism).toBe('plain');
  });

  it('turns TLS on, reading the CA, certificate and key files', () => {
    expect(kafkaSecurityOf({ KAFKA_SSL: 'true' })).toEqual({ ssl: true });
    const dir = mkdtempSync(join(tmpdir(), 'kafka-tls-'));
    writeFileSync(join(dir, 'ca.pem'), 'CA PEM');
    writeFileSync(join(dir, 'user.crt'), 'CERT PEM');
    writeFileSync(join(dir, 'user.key'), 'KEY PEM');
    expect(kafkaSecurityOf({ KAFKA_SSL_CA_FILE: join(dir, 'ca.pem'), KAFKA_SSL_CERT_FILE: join(dir, 'user.crt'), KAFKA_SSL_KEY_FILE: join(dir, 'user.key') })).toEqual({
      ssl: { ca: ['CA PEM'], cert: 'CERT PEM', key: 'KEY PEM', rejectUnauthorized: true },
    });
  });
});
