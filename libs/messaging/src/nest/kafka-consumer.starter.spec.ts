import type { DataSource } from 'typeorm';
import type { TopicProvisioner, TopicProvisioningOptions } from '../kafka/topic-provisioner.service';
import type { MessagingLogger } from '../shared/messaging.logger';
import { KafkaConsumerStarter } from './kafka-consumer.starter';
import { resolveMessagingOptions, type MessagingModuleOptions } from './messaging.options';

const silent: MessagingLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };
const dataSource = { options: { schema: 'svc' } } as unknown as DataSource;

function optionsWith(overrides: Partial<MessagingModuleOptions> = {}) {
  return resolveMessagingOptions({
    serviceName: 'svc',
    dataSource,
    brokers: ['k:9092'],
    topics: ['cargo.intake.v1'],
    provisionTopics: 'background',
    consumer: { startBackoff: { initialMs: 1, maxMs: 5, jitter: 0 } },
    ...overrides,
  });
}

/** A provisioner that fails while `down` is true (the broker is unreachable). */
class FakeProvisioner {
  down = false;
  readonly calls: TopicProvisioningOptions[] = [];
  async ensureTopics(options: TopicProvisioningOptions) {
    this.calls.push(options);
    if (this.down) throw new Error('Connection error: connect ECONNREFUSED');
    return { created: [...options.topics], existing: [], underPartitioned: [] };
  }
}

function starterWith(provisioner: FakeProvisioner, overrides: Partial<MessagingModuleOptions> = {}) {
  return new KafkaConsumerStarter(optionsWith(overrides), provisioner as unknown as TopicProvisioner, silent);
}

describe('KafkaConsumerStarter', () => {
  it('provisions the topics, then starts the transport, once', async () => {
    const provisioner = new FakeProvisioner();
    const order: string[] = [];
    const starter = starterWith(provisioner);
    starter.attach(async () => void order.push(`transport after ${provisioner.calls.length} provisioning`));
    expect(starter.isConsuming).toBe(false);
    starter.begin();
    await starter.whenStarted();
    expect(order).toEqual(['transport after 1 provisioning']);
    expect(provisioner.calls[0]).toMatchObject({ topics: ['cargo.intake.v1'], partitions: 3, replicationFactor: 1 });
    expect(starter.isConsuming).toBe(true);
    expect(starter.startState).toEqual({ state: 'consuming', topicsProvisioned: true, attempts: 1 });
    starter.begin();
    await starter.whenStarted();
    expect(order).toHaveLength(1);
  });

  it('retries while the broker is down and starts when it answers', async () => {
    const provisioner = new FakeProvisioner();
    provisioner.down = true;
    let transportStarts = 0;
    const starter = starterWith(provisioner);
    starter.attach(async () => void (transportStarts += 1));
    starter.begin();
    while (provisioner.calls.length < 3) await new Promise((resolve) => setImmediate(resolve));
    expect(starter.isConsuming).toBe(false);
    expect(starter.startState).toMatchObject({ state: 'starting', topicsProvisioned: false, lastError: expect.stringContaining('ECONNREFUSED') });
    expect(transportStarts).toBe(0);
    provisioner.down = false;
    await starter.whenStarted();
    expect(starter.isConsuming).toBe(true);
    expect(transportStarts).toBe(1);
  });

  it('retries a failing transport start without provisioning again', async () => {
    const provisioner = new FakeProvisioner();
    let attempts = 0;
    const starter = starterWith(provisioner);
    starter.attach(async () => {
      attempts += 1;
      if (attempts < 3) throw new Error('group coordinator not available');
    });
    starter.begin();
    await starter.whenStarted();
    expect(attempts).toBe(3);
    expect(provisioner.calls).toHaveLength(1);
    expect(starter.isConsuming).toBe(true);
  });

  it('stops retrying on shutdown and never starts the transport afterwards', async () => {
    const provisioner = new FakeProvisioner();
    provisioner.down = true;
    let transportStarts = 0;
    const starter = starterWith(provisioner, { consumer: { startBackoff: { initialMs: 60_000, maxMs: 60_000 } } });
    starter.attach(async () => void (transportStarts += 1));
    starter.begin();
    while (provisioner.calls.length < 1) await new Promise((resolve) => setImmediate(resolve));
    starter.stop();
    provisioner.down = false;
    await starter.whenStarted();
    expect(transportStarts).toBe(0);
    expect(provisioner.calls).toHaveLength(1);
    expect(starter.startState.state).toBe('stopped');
  });

  it('with topics provisioned at start-up (provisionTopics: true) only starts the transport', async () => {
    const provisioner = new FakeProvisioner();
    const starter = starterWith(provisioner, { provisionTopics: true });
    let started = false;
    starter.attach(async () => void (started = true));
    starter.begin();
    await starter.whenStarted();
    expect(started).toBe(true);
    expect(provisioner.calls).toHaveLength(0);
  });

  it('provisions in the background without a transport, and starts one attached after bootstrap', async () => {
    const provisioner = new FakeProvisioner();
    const starter = starterWith(provisioner);
    starter.begin();
    await starter.whenStarted();
    expect(provisioner.calls).toHaveLength(1);
    expect(starter.startState).toMatchObject({ state: 'waiting', topicsProvisioned: true });
    let started = false;
    starter.attach(async () => void (started = true));
    await starter.whenStarted();
    expect(started).toBe(true);
    expect(provisioner.calls).toHaveLength(1);
    expect(starter.isConsuming).toBe(true);
  });

  it('does nothing without topics to provision or a transport to start', async () => {
    const provisioner = new FakeProvisioner();
    const starter = starterWith(provisioner, { provisionTopics: false });
    starter.begin();
    await starter.whenStarted();
    expect(provisioner.calls).toHaveLength(0);
    expect(starter.startState.state).toBe('waiting');
  });
});
