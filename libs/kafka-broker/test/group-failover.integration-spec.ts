import { ChildProcess, spawn } from 'node:child_process';
import { Admin, Consumer, Kafka, logLevel } from 'kafkajs';
import { KafkaBroker } from '../src';
import { KcatProcess, kcat, requireKcat } from './support/kcat';
import { RawKafkaClient } from './support/raw-kafka.client';
import { unique, waitFor } from './support/wait';

/** Kafka's smallest allowed session timeout (group.min.session.timeout.ms), to keep the waits short. */
const SESSION_MS = 6000;
const HEARTBEAT_MS = 500;

/**
 * Group failover as Kafka does it: a member that vanishes (process killed, no LeaveGroup) keeps
 * its partitions until its session times out; a clean stop (LeaveGroup) rebalances at once; a
 * static member (group.instance.id) that restarts within its session takes its partitions back
 * without a rebalance.
 */
describe('group failover: session timeouts, LeaveGroup, static membership', () => {
  let broker: KafkaBroker;
  let kafka: Kafka;
  let admin: Admin;
  const cleanup: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    requireKcat();
    broker = await KafkaBroker.start({ port: 0, inMemory: true, initialRebalanceDelayMs: 0, log: () => undefined });
    kafka = new Kafka({ clientId: 'failover-spec', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    admin = kafka.admin();
    await admin.connect();
  });
  afterEach(async () => {
    await Promise.allSettled(cleanup.splice(0).map((f) => f()));
  });
  afterAll(async () => {
    await admin?.disconnect();
    await broker?.stop();
  });

  async function topicWith(partitions: number): Promise<string> {
    const topic = unique('failover');
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }] });
    return topic;
  }

  /** An in-process kafkajs member that counts its completed joins. */
  async function observer(groupId: string, topic: string): Promise<{ consumer: Consumer; joins: () => number }> {
    let joins = 0;
    const consumer = new Kafka({ clientId: 'observer', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING }).consumer({
      groupId,
      sessionTimeout: SESSION_MS,
      heartbeatInterval: HEARTBEAT_MS,
      maxWaitTimeInMs: 100,
    });
    consumer.on(consumer.events.GROUP_JOIN, () => joins++);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async () => undefined });
    cleanup.push(() => consumer.disconnect());
    return { consumer, joins: () => joins };
  }

  async function members(groupId: string): Promise<{ state: string; ids: string[] }> {
    const g = (await admin.describeGroups([groupId])).groups[0];
    return { state: g.state, ids: g.members.map((m) => m.memberId) };
  }

  /** Polls the group until it has `count` members in state Stable; returns when that happened. */
  async function untilMembers(groupId: string, count: number, timeoutMs = 20_000): Promise<number> {
    await waitFor(
      async () => {
        const g = await members(groupId);
        return g.state === 'Stable' && g.ids.length === count;
      },
      `${count} member(s) in group ${groupId}`,
      timeoutMs,
      50,
    );
    return Date.now();
  }

  /** Assignments kcat reported (one per completed rebalance it took part in). */
  const rebalances = (k: KcatProcess) => (k.stderr.match(/rebalanced \(memberid [^)]*\): assigned/g) ?? []).length;

  /** A kafkajs consumer in its own process, so that SIGKILL makes it vanish without LeaveGroup. */
  function kafkajsChild(groupId: string, topic: string): { child: ChildProcess; joined: Promise<void> } {
    const script = `
      const { Kafka, logLevel } = require('kafkajs');
      const [bootstrap, groupId, topic] = process.argv.slice(1);
      const c = new Kafka({ clientId: 'child', brokers: [bootstrap], logLevel: logLevel.NOTHING })
        .consumer({ groupId, sessionTimeout: ${SESSION_MS}, heartbeatInterval: ${HEARTBEAT_MS}, maxWaitTimeInMs: 100 });
      c.on(c.events.GROUP_JOIN, () => console.log('joined'));
      (async () => {
        await c.connect();
        await c.subscribe({ topic, fromBeginning: true });
        await c.run({ eachMessage: async () => undefined });
      })();`;
    const child = spawn(process.execPath, ['-e', script, broker.bootstrap, groupId, topic], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    cleanup.push(async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    const joined = new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (d: Buffer) => {
        if (d.toString().includes('joined')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`kafkajs child exited with ${code} before joining`)));
    });
    return { child, joined };
  }

  /**
   * Args of a kcat group member. librdkafka's assignors (range, roundrobin) and kafkajs's
   * (RoundRobinAssigner) share no protocol name, so — as with Apache Kafka — the two clients
   * cannot be members of one group: kcat groups here have only kcat members. Without -q kcat
   * reports every assignment on stderr ("Group ... rebalanced ... assigned").
   */
  const kcatGroupArgs = (groupId: string, topic: string, extra: string[] = []) => [
    '-b',
    broker.bootstrap,
    '-G',
    groupId,
    topic,
    '-o',
    'beginning',
    '-u',
    '-f',
    '%p:%s\n',
    '-X',
    `session.timeout.ms=${SESSION_MS}`,
    '-X',
    `heartbeat.interval.ms=${HEARTBEAT_MS}`,
    ...extra,
  ];

  it('a vanished member (SIGKILL, no LeaveGroup) keeps its place until session.timeout.ms, then is evicted — kafkajs and kcat', async () => {
    const check = async (flavour: 'kafkajs' | 'kcat') => {
      const topic = await topicWith(2);
      const groupId = unique(`vanish-${flavour}`);
      let survivorJoins: () => number;
      let kill: () => Promise<unknown>;
      if (flavour === 'kafkajs') {
        survivorJoins = (await observer(groupId, topic)).joins;
        const { child, joined } = kafkajsChild(groupId, topic);
        await joined;
        kill = async () => {
          child.kill('SIGKILL');
          await new Promise((r) => child.once('exit', r));
        };
      } else {
        const survivor = new KcatProcess(kcatGroupArgs(groupId, topic));
        cleanup.push(() => survivor.kill('SIGKILL'));
        survivorJoins = () => rebalances(survivor);
        await untilMembers(groupId, 1);
        const k = new KcatProcess(kcatGroupArgs(groupId, topic));
        cleanup.push(() => k.kill('SIGKILL'));
        kill = () => k.kill('SIGKILL');
      }
      await untilMembers(groupId, 2);
      const joinsBefore = survivorJoins();
      const killedAt = Date.now();
      await kill();
      const evictedAt = await untilMembers(groupId, 1, SESSION_MS + 10_000);
      const waited = evictedAt - killedAt;
      // Its last heartbeat was at most one interval before the kill; eviction comes a session later.
      expect(waited).toBeGreaterThanOrEqual(SESSION_MS - HEARTBEAT_MS - 100);
      expect(waited).toBeLessThan(SESSION_MS + 3000);
      await waitFor(() => survivorJoins() > joinsBefore, 'the survivor to rejoin and take every partition');
      return waited;
    };
    const [viaKafkajs, viaKcat] = await Promise.all([check('kafkajs'), check('kcat')]);
    expect(viaKafkajs).toBeGreaterThan(0);
    expect(viaKcat).toBeGreaterThan(0);
  }, 40_000);

  it('a clean stop sends LeaveGroup and the group rebalances at once — kafkajs disconnect and kcat SIGTERM', async () => {
    const topic = await topicWith(2);
    const jsGroup = unique('leave-js');
    const obsJs = await observer(jsGroup, topic);
    const leaving = kafka.consumer({ groupId: jsGroup, sessionTimeout: 30_000, heartbeatInterval: HEARTBEAT_MS, maxWaitTimeInMs: 100 });
    await leaving.connect();
    await leaving.subscribe({ topic, fromBeginning: true });
    await leaving.run({ eachMessage: async () => undefined });
    await untilMembers(jsGroup, 2);
    let t = Date.now();
    await leaving.disconnect();
    await untilMembers(jsGroup, 1);
    expect(Date.now() - t).toBeLessThan(3000);
    expect(obsJs.joins()).toBeGreaterThanOrEqual(2);

    const rdGroup = unique('leave-rd');
    const stays = new KcatProcess(kcatGroupArgs(rdGroup, topic, ['-X', 'session.timeout.ms=30000']));
    cleanup.push(() => stays.kill('SIGKILL'));
    await untilMembers(rdGroup, 1);
    const k = new KcatProcess(kcatGroupArgs(rdGroup, topic, ['-X', 'session.timeout.ms=30000']));
    cleanup.push(() => k.kill('SIGKILL'));
    await untilMembers(rdGroup, 2);
    t = Date.now();
    await k.kill('SIGTERM');
    await untilMembers(rdGroup, 1);
    expect(Date.now() - t).toBeLessThan(3000);
  });

  it('kcat static member (group.instance.id) restarted within its session gets its partition back without a rebalance', async () => {
    const topic = await topicWith(2);
    const groupId = unique('static-rd');
    const stays = new KcatProcess(kcatGroupArgs(groupId, topic));
    cleanup.push(() => stays.kill('SIGKILL'));
    await untilMembers(groupId, 1);
    const args = kcatGroupArgs(groupId, topic, ['-X', 'group.instance.id=static-kcat']);
    const first = new KcatProcess(args);
    cleanup.push(() => first.kill('SIGKILL'));
    await untilMembers(groupId, 2);
    const before = await members(groupId);
    await waitFor(() => rebalances(stays) >= 2, 'the dynamic member to be rebalanced with the static one');
    const joins = rebalances(stays);
    // Which partition kcat owns: produce one record to each and see which one it prints.
    const producer = kafka.producer();
    await producer.connect();
    cleanup.push(() => producer.disconnect());
    await producer.send({ topic, messages: [{ value: 'a', partition: 0 }, { value: 'b', partition: 1 }] });
    await waitFor(() => first.lines.length === 1 && stays.lines.length === 1, 'each member to print its partition');
    const owned = first.lines[0].split(':')[0];
    expect(stays.lines[0].split(':')[0]).not.toBe(owned);

    // A static member does not send LeaveGroup when it closes; restart it under the same instance id.
    expect(await first.kill('SIGTERM')).toBe(0);
    const second = new KcatProcess(args);
    cleanup.push(() => second.kill('SIGKILL'));
    await waitFor(async () => {
      const g = await members(groupId);
      return g.ids.length === 2 && g.ids.some((id) => !before.ids.includes(id));
    }, 'the restarted instance to take over its member');
    await producer.send({ topic, messages: [{ value: 'after-restart', partition: Number(owned) }] });
    await waitFor(() => second.lines.includes(`${owned}:after-restart`), 'the restarted kcat to consume its old partition');
    const after = await members(groupId);
    expect(after.state).toBe('Stable');
    expect(rebalances(stays)).toBe(joins);
    expect(second.stderr).not.toMatch(/rebalanced.*revoked/);
  });

  it('static membership and reconnection at the protocol level (kafkajs encoders): takeover without rebalance, old id fenced', async () => {
    const topic = await topicWith(1);
    const groupId = unique('static-raw');
    const protocols = [{ name: 'RoundRobinAssigner', metadata: Buffer.from('meta') }];
    const join = (c: RawKafkaClient, memberId: string, instance: string) =>
      c.call('JoinGroup', 5, {
        groupId,
        sessionTimeout: SESSION_MS,
        rebalanceTimeout: 10_000,
        memberId,
        groupInstanceId: instance,
        protocolType: 'consumer',
        groupProtocols: protocols,
      }) as Promise<{ errorCode: number; generationId: number; leaderId: string; memberId: string; members: unknown[] }>;
    const c1 = await RawKafkaClient.connect(broker.port);
    cleanup.push(async () => c1.close());
    const first = await join(c1, '', 'inst-1');
    expect(first).toMatchObject({ errorCode: 0, generationId: 1 });
    expect(first.leaderId).toBe(first.memberId);
    const sync = (c: RawKafkaClient, memberId: string, assignment: Buffer | null) =>
      c.call('SyncGroup', 3, {
        groupId,
        generationId: 1,
        memberId,
        groupInstanceId: 'inst-1',
        groupAssignment: assignment ? [{ memberId, memberAssignment: assignment }] : [],
      }) as Promise<{ errorCode: number; memberAssignment: Buffer }>;
    expect(await sync(c1, first.memberId, Buffer.from('assigned-p0'))).toMatchObject({ errorCode: 0 });

    // The connection drops; the member is still there (a closed connection is not a LeaveGroup).
    c1.close();
    await c1.closedPromise;
    const c2 = await RawKafkaClient.connect(broker.port);
    cleanup.push(async () => c2.close());
    const hb = (memberId: string) => c2.call('Heartbeat', 3, { groupId, groupGenerationId: 1, memberId, groupInstanceId: 'inst-1' }) as Promise<{ errorCode: number }>;
    expect((await hb(first.memberId)).errorCode).toBe(0);

    // The process "restarts": no member id, the same instance id → its old place, same generation.
    const again = await join(c2, '', 'inst-1');
    expect(again).toMatchObject({ errorCode: 0, generationId: 1, leaderId: first.memberId, members: [] });
    expect(again.memberId).not.toBe(first.memberId);
    const resynced = await sync(c2, again.memberId, null);
    expect(resynced.errorCode).toBe(0);
    expect(Buffer.from(resynced.memberAssignment).toString()).toBe('assigned-p0');
    expect((await hb(first.memberId)).errorCode).toBe(82); // FENCED_INSTANCE_ID
    expect((await hb(again.memberId)).errorCode).toBe(0);
    expect((await members(groupId)).state).toBe('Stable');
    const leave = (await c2.call('LeaveGroup', 3, { groupId, memberId: again.memberId, groupInstanceId: 'inst-1' })) as { errorCode: number };
    expect(leave.errorCode).toBe(0);
    expect((await members(groupId)).state).toBe('Empty');
    expect(topic).toBeTruthy();
  });

  it('refuses a session timeout below group.min.session.timeout.ms (26), as Kafka — kafkajs and kcat', async () => {
    const topic = await topicWith(1);
    const consumer = kafka.consumer({ groupId: unique('short-session'), sessionTimeout: 1000, heartbeatInterval: 100, retry: { retries: 0 } });
    await consumer.connect();
    cleanup.push(() => consumer.disconnect());
    await consumer.subscribe({ topic, fromBeginning: true });
    const crashed = new Promise<string>((resolve) => consumer.on(consumer.events.CRASH, (e) => resolve(String(e.payload.error.message))));
    await consumer.run({ eachMessage: async () => undefined }).catch(() => undefined);
    expect(await crashed).toMatch(/session timeout is not within the range/i);
    const res = await kcat(
      ['-b', broker.bootstrap, '-G', unique('short-session-rd'), topic, '-e', '-X', 'session.timeout.ms=1000', '-X', 'heartbeat.interval.ms=100'],
      '',
      20_000,
    ).catch((e: Error) => ({ code: -1, stdout: '', stderr: e.message }));
    expect(res.stderr).toMatch(/session timeout/i);
  });
});
