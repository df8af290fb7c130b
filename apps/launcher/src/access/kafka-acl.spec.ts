import { ALL_TOPICS, Topics } from '@cargo/contracts';
import { WORKSPACE_ROOT } from '@cargo/testing';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

interface Acl {
  resource: { type: string; name: string; patternType: string };
  operations: string[];
}
interface KafkaUser {
  kind: string;
  metadata: { name: string };
  spec: { authentication: { type: string }; authorization: { type: string; acls: Acl[] } };
}

const users = parseAllDocuments(readFileSync(resolve(WORKSPACE_ROOT, 'deploy/kubernetes/base/kafka/kafka-users.yaml'), 'utf8'))
  .map((doc) => doc.toJS() as KafkaUser | null)
  .filter((doc): doc is KafkaUser => doc?.kind === 'KafkaUser');
const user = (name: string) => users.find((u) => u.metadata.name === name) as KafkaUser;
const topicsWith = (u: KafkaUser, operation: string) => u.spec.authorization.acls.filter((a) => a.resource.type === 'topic' && a.operations.includes(operation)).map((a) => a.resource.name).sort();

/** The Strimzi Kafka users of deploy/: one per service and per outside party, each with only what its role needs. */
describe('Kafka users and ACLs (deploy/kubernetes/base/kafka/kafka-users.yaml)', () => {
  it('gives every service and party its own SCRAM-SHA-512 user with simple authorization', () => {
    expect(users.map((u) => u.metadata.name).sort()).toEqual(['airline-cz', 'airline-o3', 'customs-hold', 'customs-system-wuhan', 'flight-assignment', 'station-intake', 'tracking']);
    for (const u of users) expect([u.metadata.name, u.spec.authentication.type, u.spec.authorization.type]).toEqual([u.metadata.name, 'scram-sha-512', 'simple']);
  });

  it('lets each service write only its own topics (and the dead letters of what it reads)', () => {
    expect(topicsWith(user('station-intake'), 'Write')).toEqual([Topics.CargoHandling, Topics.CargoIntake, `${Topics.FlightAssignment}.dlq`].sort());
    expect(topicsWith(user('customs-hold'), 'Write').filter((t) => !t.endsWith('.dlq'))).toEqual([Topics.CustomsHold, Topics.CustomsRelease].sort());
    expect(topicsWith(user('customs-hold'), 'Read')).toEqual([Topics.CargoHandling, Topics.CargoIntake, Topics.FlightAssignment, Topics.FlightManifest].sort());
    expect(topicsWith(user('flight-assignment'), 'Write').filter((t) => !t.endsWith('.dlq'))).toEqual([Topics.CargoHandling, Topics.FlightAssignment, Topics.FlightManifest].sort());
    expect(topicsWith(user('tracking'), 'Write').filter((t) => !t.endsWith('.dlq'))).toEqual([Topics.CargoStatus]);
    expect(topicsWith(user('tracking'), 'Read')).toEqual(ALL_TOPICS.filter((t) => t !== Topics.CargoStatus).sort());
    for (const u of users) for (const acl of u.spec.authorization.acls) expect([u.metadata.name, acl.operations.includes('All')]).toEqual([u.metadata.name, false]);
  });

  it('lets customs systems read hold and release decisions and airlines read manifests, assignments and FSU statuses, nothing more', () => {
    const customs = user('customs-system-wuhan');
    expect(topicsWith(customs, 'Read')).toEqual([Topics.CustomsHold, Topics.CustomsRelease].sort());
    for (const airline of [user('airline-cz'), user('airline-o3')]) expect(topicsWith(airline, 'Read')).toEqual([Topics.CargoStatus, Topics.FlightAssignment, Topics.FlightManifest].sort());
    for (const party of [customs, user('airline-cz'), user('airline-o3')]) {
      const operations = new Set(party.spec.authorization.acls.flatMap((a) => a.operations));
      expect([party.metadata.name, [...operations].sort()]).toEqual([party.metadata.name, ['Describe', 'Read']]);
    }
  });
});
