import { ErrorCode } from '../protocol/error-codes.constants';
import { GroupOffsetStore } from '../storage/group-offsets.store';
import { GroupCoordinator, JoinGroupRequest, JoinGroupResult } from './group-coordinator.service';

describe('GroupCoordinator', () => {
  let coordinator: GroupCoordinator;
  let rebalances: Set<string>[];

  const make = (initialRebalanceDelayMs = 0) => {
    rebalances = [];
    coordinator = new GroupCoordinator(new GroupOffsetStore(null), {
      initialRebalanceDelayMs,
      onRebalanceStart: (clientIds) => rebalances.push(clientIds),
    });
  };

  const join = (over: Partial<JoinGroupRequest> = {}): Promise<JoinGroupResult> =>
    coordinator.joinGroup({
      groupId: 'g',
      sessionTimeoutMs: 1000,
      rebalanceTimeoutMs: 5000,
      memberId: '',
      groupInstanceId: null,
      protocolType: 'consumer',
      protocols: [{ name: 'rr', metadata: Buffer.from(`meta-${over.clientId ?? 'c'}`) }],
      clientId: 'c',
      clientHost: '/127.0.0.1',
      connectionId: 1,
      ...over,
    });

  /** Lets promise callbacks run (fake timers do not block microtasks). */
  const settle = () => new Promise<void>((r) => jest.requireActual<typeof import('timers')>('timers').setImmediate(r));

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    coordinator.close();
    jest.useRealTimers();
  });

  it('a lone member joins at once with delay 0 and leads with its own metadata', async () => {
    make(0);
    const r = await join({ clientId: 'a' });
    expect(r).toMatchObject({ errorCode: 0, generationId: 1, protocolName: 'rr', leader: r.memberId });
    expect(r.members).toEqual([{ memberId: r.memberId, groupInstanceId: null, metadata: Buffer.from('meta-a') }]);
    const s = await coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: r.memberId, connectionId: 1, assignments: [{ memberId: r.memberId, assignment: Buffer.from('all') }] });
    expect(s).toEqual({ errorCode: 0, assignment: Buffer.from('all') });
    expect(coordinator.describeGroup('g').state).toBe('Stable');
  });

  it('the initial delay batches concurrent joiners into one generation', async () => {
    make(100);
    let a: JoinGroupResult | undefined;
    let b: JoinGroupResult | undefined;
    void join({ clientId: 'a', connectionId: 1 }).then((r) => (a = r));
    jest.advanceTimersByTime(50);
    void join({ clientId: 'b', connectionId: 2 }).then((r) => (b = r));
    await settle();
    expect(a).toBeUndefined();
    jest.advanceTimersByTime(200);
    await settle();
    expect(a?.generationId).toBe(1);
    expect(b?.generationId).toBe(1);
    expect(a?.leader).toBe(a?.memberId);
    expect(a?.members).toHaveLength(2);
    expect(b?.members).toEqual([]);
  });

  it('a new joiner rebalances a stable group: 27 on heartbeat, releases fetches, follower waits for leader sync', async () => {
    make(0);
    const a = await join({ clientId: 'a', connectionId: 1 });
    await coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: a.memberId, connectionId: 1, assignments: [] });
    let b: JoinGroupResult | undefined;
    void join({ clientId: 'b', connectionId: 2 }).then((r) => (b = r));
    await settle();
    expect(rebalances.at(-1)?.has('a')).toBe(true);
    expect(coordinator.isRebalancing('a', 1)).toBe(true);
    expect(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: a.memberId, connectionId: 1 })).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    expect(b).toBeUndefined();
    const a2 = await join({ clientId: 'a', connectionId: 1, memberId: a.memberId });
    await settle();
    expect(a2.generationId).toBe(2);
    expect(b?.generationId).toBe(2);
    expect(coordinator.isRebalancing('a', 1)).toBe(false);
    let bSync: { errorCode: number; assignment: Buffer } | undefined;
    void coordinator.syncGroup({ groupId: 'g', generationId: 2, memberId: b?.memberId ?? '', connectionId: 2, assignments: [] }).then((r) => (bSync = r));
    await settle();
    expect(bSync).toBeUndefined();
    // Heartbeats while awaiting sync are fine.
    expect(coordinator.heartbeat({ groupId: 'g', generationId: 2, memberId: a.memberId, connectionId: 1 })).toBe(0);
    const leaderSync = await coordinator.syncGroup({
      groupId: 'g',
      generationId: 2,
      memberId: a.memberId,
      connectionId: 1,
      assignments: [{ memberId: a.memberId, assignment: Buffer.from('p0') }],
    });
    await settle();
    expect(leaderSync.assignment).toEqual(Buffer.from('p0'));
    expect(bSync).toEqual({ errorCode: 0, assignment: Buffer.alloc(0) });
  });

  it('evicts a member whose session times out (a closed connection alone does not)', async () => {
    make(0);
    const a = await join({ clientId: 'a', connectionId: 1, sessionTimeoutMs: 500 });
    await coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: a.memberId, connectionId: 1, assignments: [] });
    jest.advanceTimersByTime(400);
    expect(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: a.memberId, connectionId: 1 })).toBe(0);
    jest.advanceTimersByTime(700);
    expect(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: a.memberId, connectionId: 1 })).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(coordinator.describeGroup('g').state).toBe('Empty');

    // A client whose connection dropped heartbeats again on a new one: still a member.
    const b = await join({ clientId: 'b', connectionId: 7, sessionTimeoutMs: 500 });
    await coordinator.syncGroup({ groupId: 'g', generationId: b.generationId, memberId: b.memberId, connectionId: 7, assignments: [] });
    jest.advanceTimersByTime(400);
    expect(coordinator.heartbeat({ groupId: 'g', generationId: b.generationId, memberId: b.memberId, connectionId: 8 })).toBe(0);
    expect(coordinator.describeGroup('g').members).toHaveLength(1);
  });

  it('refuses session timeouts outside group.min/max.session.timeout.ms with 26', async () => {
    rebalances = [];
    coordinator = new GroupCoordinator(new GroupOffsetStore(null), { initialRebalanceDelayMs: 0, minSessionTimeoutMs: 6000, maxSessionTimeoutMs: 60_000 });
    expect((await join({ sessionTimeoutMs: 5999 })).errorCode).toBe(ErrorCode.INVALID_SESSION_TIMEOUT);
    expect((await join({ sessionTimeoutMs: 60_001 })).errorCode).toBe(ErrorCode.INVALID_SESSION_TIMEOUT);
    expect((await join({ sessionTimeoutMs: 6000 })).errorCode).toBe(0);
  });

  it('removes members that do not send SyncGroup within the rebalance timeout (a vanished leader)', async () => {
    make(0);
    const a = await join({ clientId: 'a', connectionId: 1, sessionTimeoutMs: 60_000, rebalanceTimeoutMs: 2000 });
    await coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: a.memberId, connectionId: 1, assignments: [] });
    const b = join({ clientId: 'b', connectionId: 2, sessionTimeoutMs: 60_000, rebalanceTimeoutMs: 2000 });
    const a2 = await join({ clientId: 'a', connectionId: 1, memberId: a.memberId, sessionTimeoutMs: 60_000, rebalanceTimeoutMs: 2000 });
    const b2 = await b;
    expect(a2.leader).toBe(a.memberId);
    // The follower syncs and waits; the leader never does.
    let bSync: { errorCode: number } | undefined;
    void coordinator.syncGroup({ groupId: 'g', generationId: 2, memberId: b2.memberId, connectionId: 2, assignments: [] }).then((r) => (bSync = r));
    jest.advanceTimersByTime(1900);
    await settle();
    expect(bSync).toBeUndefined();
    jest.advanceTimersByTime(200);
    await settle();
    expect(bSync).toEqual({ errorCode: ErrorCode.REBALANCE_IN_PROGRESS, assignment: Buffer.alloc(0) });
    expect(coordinator.describeGroup('g').members.map((m) => m.memberId)).toEqual([b2.memberId]);
    expect((await join({ clientId: 'b', connectionId: 2, memberId: b2.memberId })).leader).toBe(b2.memberId);
  });

  it('static membership: a restarted instance takes over its member without a rebalance; the old id is fenced', async () => {
    make(0);
    const a = await join({ clientId: 'a', connectionId: 1, groupInstanceId: 'inst-a' });
    await coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: a.memberId, connectionId: 1, assignments: [] });
    const b = join({ clientId: 'b', connectionId: 2, groupInstanceId: 'inst-b' });
    await join({ clientId: 'a', connectionId: 1, memberId: a.memberId, groupInstanceId: 'inst-a' });
    const b1 = await b;
    const followerSync = coordinator.syncGroup({ groupId: 'g', generationId: 2, memberId: b1.memberId, connectionId: 2, assignments: [] });
    await coordinator.syncGroup({
      groupId: 'g',
      generationId: 2,
      memberId: a.memberId,
      connectionId: 1,
      assignments: [
        { memberId: a.memberId, assignment: Buffer.from('pa') },
        { memberId: b1.memberId, assignment: Buffer.from('pb') },
      ],
    });
    expect((await followerSync).assignment).toEqual(Buffer.from('pb'));
    const before = rebalances.length;
    // b restarts: a new connection, no member id, the same instance id.
    const b2 = await join({ clientId: 'b', connectionId: 3, groupInstanceId: 'inst-b' });
    expect(b2).toMatchObject({ errorCode: 0, generationId: 2, leader: a.memberId, members: [] });
    expect(b2.memberId).not.toBe(b1.memberId);
    expect(rebalances.length).toBe(before);
    expect(coordinator.describeGroup('g').state).toBe('Stable');
    expect(await coordinator.syncGroup({ groupId: 'g', generationId: 2, memberId: b2.memberId, groupInstanceId: 'inst-b', connectionId: 3, assignments: [] })).toEqual({
      errorCode: 0,
      assignment: Buffer.from('pb'),
    });
    expect(coordinator.heartbeat({ groupId: 'g', generationId: 2, memberId: b1.memberId, groupInstanceId: 'inst-b', connectionId: 2 })).toBe(ErrorCode.FENCED_INSTANCE_ID);
    expect((await join({ clientId: 'b', connectionId: 2, memberId: b1.memberId, groupInstanceId: 'inst-b' })).errorCode).toBe(ErrorCode.FENCED_INSTANCE_ID);
    expect(coordinator.heartbeat({ groupId: 'g', generationId: 2, memberId: a.memberId, groupInstanceId: 'inst-a', connectionId: 1 })).toBe(0);
    // LeaveGroup by instance id alone rebalances the rest.
    expect(coordinator.leaveGroup('g', [{ memberId: '', groupInstanceId: 'inst-b' }]).errorCode).toBe(0);
    expect(coordinator.heartbeat({ groupId: 'g', generationId: 2, memberId: a.memberId, connectionId: 1 })).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
  });

  it('a member that does not rejoin within the rebalance timeout is dropped and the others proceed', async () => {
    make(0);
    const a = await join({ clientId: 'a', connectionId: 1, sessionTimeoutMs: 60_000, rebalanceTimeoutMs: 2000 });
    await coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: a.memberId, connectionId: 1, assignments: [] });
    let b: JoinGroupResult | undefined;
    void join({ clientId: 'b', connectionId: 2, sessionTimeoutMs: 60_000, rebalanceTimeoutMs: 2000 }).then((r) => (b = r));
    jest.advanceTimersByTime(1500);
    await settle();
    expect(b).toBeUndefined();
    jest.advanceTimersByTime(60_000);
    await settle();
    expect(b).toMatchObject({ errorCode: 0, generationId: 2 });
    expect(b?.leader).toBe(b?.memberId);
  });

  it('LeaveGroup rebalances the rest; the last leaver empties the group', async () => {
    make(0);
    const a = await join({ clientId: 'a', connectionId: 1 });
    let b: JoinGroupResult | undefined;
    void join({ clientId: 'b', connectionId: 2 }).then((r) => (b = r));
    await join({ clientId: 'a', connectionId: 1, memberId: a.memberId });
    await settle();
    expect(b?.generationId).toBe(2);
    expect(coordinator.leaveGroup('g', [{ memberId: a.memberId }])).toEqual({ errorCode: 0, members: [{ memberId: a.memberId, groupInstanceId: null, errorCode: 0 }] });
    expect(coordinator.heartbeat({ groupId: 'g', generationId: 2, memberId: b?.memberId ?? '', connectionId: 2 })).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    const b2 = await join({ clientId: 'b', connectionId: 2, memberId: b?.memberId });
    expect(b2.generationId).toBe(3);
    coordinator.leaveGroup('g', [{ memberId: b2.memberId }]);
    expect(coordinator.describeGroup('g')).toMatchObject({ state: 'Empty', members: [] });
    expect(coordinator.leaveGroup('g', [{ memberId: 'nobody' }]).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('refuses incompatible protocols (23), unknown members (25) and stale generations (22)', async () => {
    make(0);
    const a = await join({ clientId: 'a' });
    expect((await join({ protocolType: 'connect' })).errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    expect((await join({ protocols: [{ name: 'range', metadata: Buffer.alloc(0) }] })).errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    expect((await join({ memberId: 'ghost' })).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(coordinator.heartbeat({ groupId: 'g', generationId: 99, memberId: a.memberId, connectionId: 1 })).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect(coordinator.validateCommit('g', 99, a.memberId)).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect(coordinator.validateCommit('g', 1, a.memberId)).toBe(0);
    expect(coordinator.validateCommit('g', -1, '')).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(coordinator.validateCommit('other', -1, '')).toBe(0);
    expect(coordinator.describeGroup('nope')).toMatchObject({ errorCode: 0, state: 'Dead' });
  });

  it('chooses the leader\'s first protocol that every member supports', async () => {
    make(50);
    const p1 = join({ clientId: 'a', connectionId: 1, protocols: [{ name: 'x', metadata: Buffer.from('ax') }, { name: 'y', metadata: Buffer.from('ay') }] });
    const p2 = join({ clientId: 'b', connectionId: 2, protocols: [{ name: 'y', metadata: Buffer.from('by') }, { name: 'x', metadata: Buffer.from('bx') }, { name: 'z', metadata: Buffer.alloc(0) }] });
    jest.advanceTimersByTime(100);
    const [a] = await Promise.all([p1, p2]);
    expect(a.protocolName).toBe('x');
    expect(a.members.map((m) => m.metadata.toString())).toEqual(['ax', 'bx']);
  });
});
