import { randomUUID } from 'node:crypto';
import { ErrorCode } from '../protocol/error-codes.constants';
import { GroupOffsetStore } from '../storage/group-offsets.store';

export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

export interface JoinGroupRequest {
  groupId: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  memberId: string;
  groupInstanceId: string | null;
  protocolType: string;
  protocols: { name: string; metadata: Buffer }[];
  clientId: string;
  clientHost: string;
  connectionId: number;
}

export interface JoinGroupResult {
  errorCode: number;
  generationId: number;
  protocolName: string;
  leader: string;
  memberId: string;
  members: { memberId: string; groupInstanceId: string | null; metadata: Buffer }[];
}

export interface SyncGroupResult {
  errorCode: number;
  assignment: Buffer;
}

export interface DescribedGroup {
  errorCode: number;
  groupId: string;
  state: GroupState;
  protocolType: string;
  protocol: string;
  members: { memberId: string; clientId: string; clientHost: string; metadata: Buffer; assignment: Buffer }[];
}

interface Member {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  connectionId: number;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocolType: string;
  protocols: { name: string; metadata: Buffer }[];
  assignment: Buffer;
  lastHeartbeat: number;
  /** Generation for which the member sent SyncGroup (members that never do are removed). */
  syncedGeneration: number;
  joinCallback?: (r: JoinGroupResult) => void;
  syncCallback?: (r: SyncGroupResult) => void;
}

interface Group {
  id: string;
  state: GroupState;
  generation: number;
  protocolType: string;
  protocol: string;
  leaderId: string;
  members: Map<string, Member>;
  /** group.instance.id → member id of the static member currently holding it. */
  staticMembers: Map<string, string>;
  rebalanceTimer?: NodeJS.Timeout;
  delayTimer?: NodeJS.Timeout;
  /** Runs out when members that got their JoinGroup answer have not sent SyncGroup in time. */
  syncTimer?: NodeJS.Timeout;
  /** End of the initial rebalance delay (0 when none applies). */
  delayUntil: number;
  rebalanceStartedAt: number;
}

export interface GroupCoordinatorOptions {
  initialRebalanceDelayMs: number;
  /** Kafka's group.min.session.timeout.ms / group.max.session.timeout.ms (JoinGroup outside → 26). */
  minSessionTimeoutMs?: number;
  maxSessionTimeoutMs?: number;
  /** Called when a group starts rebalancing, with its members' client ids and connections. */
  onRebalanceStart?: (clientIds: Set<string>, connectionIds: Set<number>) => void;
  /** Called after offsets/group records were written (durable stores flush here). */
  sweepIntervalMs?: number;
}

const EMPTY = Buffer.alloc(0);
/** Longest delay a Node timer accepts (larger ones fire after 1 ms). */
const MAX_TIMER_MS = 0x7fffffff;

/**
 * The group coordinator (Kafka's classic protocol). States: Empty → PreparingRebalance (joins
 * collected) → CompletingRebalance (waiting for the leader's SyncGroup) → Stable.
 *
 * Invariants: a join completes when every known member has a pending JoinGroup (or the rebalance
 * timeout removes those that have not), never before the initial delay of a group that was Empty;
 * the generation increases by one per completed join; members that are neither joining nor syncing
 * are evicted only when their session times out (heartbeats, joins, syncs and commits keep it
 * alive) or they send LeaveGroup — as in Kafka, a closed connection is not a LeaveGroup: a client
 * that reconnects keeps its membership, one that vanished is evicted after session.timeout.ms.
 * Members answered by JoinGroup that do not send SyncGroup within the rebalance timeout are
 * removed. Static members (KIP-345, group.instance.id) that rejoin take over their old member.
 */
export class GroupCoordinator {
  private readonly groups = new Map<string, Group>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly store: GroupOffsetStore,
    private readonly options: GroupCoordinatorOptions,
  ) {
    this.sweeper = setInterval(() => this.expireSessions(), options.sweepIntervalMs ?? 100);
    this.sweeper.unref();
  }

  private group(groupId: string): Group {
    let g = this.groups.get(groupId);
    if (!g) {
      const rec = this.store.groupRecord(groupId);
      g = {
        id: groupId,
        state: 'Empty',
        generation: rec?.generation ?? 0,
        protocolType: rec?.protocolType ?? '',
        protocol: rec?.protocol ?? '',
        leaderId: '',
        members: new Map(),
        staticMembers: new Map(),
        delayUntil: 0,
        rebalanceStartedAt: 0,
      };
      this.groups.set(groupId, g);
    }
    return g;
  }

  joinGroup(req: JoinGroupRequest): Promise<JoinGroupResult> {
    const fail = (errorCode: number, memberId = req.memberId): Promise<JoinGroupResult> =>
      Promise.resolve({ errorCode, generationId: -1, protocolName: '', leader: '', memberId, members: [] });
    if (!req.groupId) return fail(ErrorCode.INVALID_GROUP_ID);
    const minSession = this.options.minSessionTimeoutMs ?? 1;
    const maxSession = this.options.maxSessionTimeoutMs ?? MAX_TIMER_MS;
    if (req.sessionTimeoutMs < Math.max(minSession, 1) || req.sessionTimeoutMs > maxSession) return fail(ErrorCode.INVALID_SESSION_TIMEOUT);
    if (!req.protocolType || req.protocols.length === 0) return fail(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    const g = this.group(req.groupId);
    let member = req.memberId ? g.members.get(req.memberId) : undefined;
    if (req.memberId) {
      // A static member's old id (replaced by a restart of the same instance) is fenced.
      if (!member) return fail(req.groupInstanceId && g.staticMembers.has(req.groupInstanceId) ? ErrorCode.FENCED_INSTANCE_ID : ErrorCode.UNKNOWN_MEMBER_ID);
      if (member.groupInstanceId !== req.groupInstanceId) return fail(ErrorCode.FENCED_INSTANCE_ID);
    }
    const others = [...g.members.values()].filter((m) => m !== member && !(req.groupInstanceId && m.groupInstanceId === req.groupInstanceId));
    if (others.length > 0) {
      if (others[0].protocolType !== req.protocolType) return fail(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
      const names = new Set(req.protocols.map((p) => p.name));
      const common = others.reduce((acc, m) => acc.filter((n) => m.protocols.some((p) => p.name === n)), [...names]);
      if (common.length === 0) return fail(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    }
    const protocols = req.protocols.map((p) => ({ name: p.name, metadata: Buffer.from(p.metadata) }));
    const sessionTimeoutMs = Math.min(req.sessionTimeoutMs, MAX_TIMER_MS);
    const rebalanceTimeoutMs = Math.min(Math.max(req.rebalanceTimeoutMs, 1), MAX_TIMER_MS);
    if (!member && req.groupInstanceId && g.staticMembers.has(req.groupInstanceId)) {
      return this.rejoinStaticMember(g, req, protocols, sessionTimeoutMs, rebalanceTimeoutMs);
    }
    const isNew = !member;
    if (!member) {
      member = {
        memberId: `${req.groupInstanceId || req.clientId || 'member'}-${randomUUID()}`,
        groupInstanceId: req.groupInstanceId,
        clientId: req.clientId,
        clientHost: req.clientHost,
        connectionId: req.connectionId,
        sessionTimeoutMs,
        rebalanceTimeoutMs,
        protocolType: req.protocolType,
        protocols,
        assignment: EMPTY,
        lastHeartbeat: Date.now(),
        syncedGeneration: -1,
      };
      g.members.set(member.memberId, member);
      if (req.groupInstanceId) g.staticMembers.set(req.groupInstanceId, member.memberId);
    } else {
      member.protocols = protocols;
      member.protocolType = req.protocolType;
      member.sessionTimeoutMs = sessionTimeoutMs;
      member.rebalanceTimeoutMs = rebalanceTimeoutMs;
      member.connectionId = req.connectionId;
      member.clientHost = req.clientHost;
      member.lastHeartbeat = Date.now();
    }
    const m = member;
    if (m.syncCallback) {
      m.syncCallback({ errorCode: ErrorCode.REBALANCE_IN_PROGRESS, assignment: EMPTY });
      m.syncCallback = undefined;
    }
    return new Promise<JoinGroupResult>((resolve) => {
      const previous = m.joinCallback;
      m.joinCallback = resolve;
      if (previous) previous({ errorCode: ErrorCode.REBALANCE_IN_PROGRESS, generationId: -1, protocolName: '', leader: '', memberId: m.memberId, members: [] });
      this.prepareRebalance(g, isNew);
      this.tryCompleteJoin(g);
    });
  }

  /**
   * KIP-345: a static member (group.instance.id) that joins again without its member id — a
   * restarted process — takes over the old member: a new member id, the old id fenced (82), the
   * old assignment kept. A Stable group whose protocol choice does not change is not rebalanced:
   * the member is answered at once with the current generation and the current leader's id (so
   * it never computes an assignment itself) and gets its assignment from SyncGroup.
   */
  private rejoinStaticMember(
    g: Group,
    req: JoinGroupRequest,
    protocols: { name: string; metadata: Buffer }[],
    sessionTimeoutMs: number,
    rebalanceTimeoutMs: number,
  ): Promise<JoinGroupResult> {
    const instanceId = req.groupInstanceId as string;
    const old = g.members.get(g.staticMembers.get(instanceId) as string) as Member;
    const fenced = { errorCode: ErrorCode.FENCED_INSTANCE_ID, generationId: -1, protocolName: '', leader: '', memberId: old.memberId, members: [] };
    old.joinCallback?.(fenced);
    old.syncCallback?.({ errorCode: ErrorCode.FENCED_INSTANCE_ID, assignment: EMPTY });
    const currentLeader = g.leaderId;
    const m: Member = {
      ...old,
      memberId: `${instanceId}-${randomUUID()}`,
      clientId: req.clientId,
      clientHost: req.clientHost,
      connectionId: req.connectionId,
      sessionTimeoutMs,
      rebalanceTimeoutMs,
      protocolType: req.protocolType,
      protocols,
      lastHeartbeat: Date.now(),
      joinCallback: undefined,
      syncCallback: undefined,
    };
    // Same position in the member map (the leader is the first member when it has to be re-chosen).
    const entries = [...g.members].map(([id, x]): [string, Member] => (id === old.memberId ? [m.memberId, m] : [id, x]));
    g.members = new Map(entries);
    g.staticMembers.set(instanceId, m.memberId);
    if (g.leaderId === old.memberId) g.leaderId = m.memberId;
    if (g.state === 'Stable') {
      const members = [...g.members.values()];
      const leader = g.members.get(g.leaderId);
      const next = leader?.protocols.find((p) => members.every((x) => x.protocols.some((q) => q.name === p.name)))?.name;
      if (next === g.protocol) {
        return Promise.resolve({
          errorCode: ErrorCode.NONE,
          generationId: g.generation,
          protocolName: g.protocol,
          leader: currentLeader,
          memberId: m.memberId,
          members: [],
        });
      }
    }
    return new Promise<JoinGroupResult>((resolve) => {
      m.joinCallback = resolve;
      this.prepareRebalance(g, false);
      this.tryCompleteJoin(g);
    });
  }

  private prepareRebalance(g: Group, newMember: boolean): void {
    const now = Date.now();
    if (g.state === 'PreparingRebalance') {
      // Joiners arriving during the initial delay extend it, up to the rebalance timeout.
      if (newMember && g.delayUntil > now && this.options.initialRebalanceDelayMs > 0) {
        const limit = g.rebalanceStartedAt + this.maxRebalanceTimeout(g);
        g.delayUntil = Math.min(now + this.options.initialRebalanceDelayMs, limit);
        this.scheduleDelay(g);
      }
      return;
    }
    if (g.state === 'CompletingRebalance') {
      for (const m of g.members.values()) {
        if (m.syncCallback) {
          m.syncCallback({ errorCode: ErrorCode.REBALANCE_IN_PROGRESS, assignment: EMPTY });
          m.syncCallback = undefined;
        }
      }
    }
    const wasEmpty = g.state === 'Empty';
    clearTimeout(g.syncTimer);
    g.state = 'PreparingRebalance';
    g.rebalanceStartedAt = now;
    g.delayUntil = wasEmpty && this.options.initialRebalanceDelayMs > 0 ? now + this.options.initialRebalanceDelayMs : 0;
    if (g.delayUntil > 0) this.scheduleDelay(g);
    clearTimeout(g.rebalanceTimer);
    g.rebalanceTimer = setTimeout(() => this.onRebalanceTimeout(g), this.maxRebalanceTimeout(g));
    g.rebalanceTimer.unref();
    if (this.options.onRebalanceStart) {
      const clientIds = new Set<string>();
      const connections = new Set<number>();
      for (const m of g.members.values()) {
        clientIds.add(m.clientId);
        connections.add(m.connectionId);
      }
      this.options.onRebalanceStart(clientIds, connections);
    }
  }

  private scheduleDelay(g: Group): void {
    clearTimeout(g.delayTimer);
    g.delayTimer = setTimeout(() => this.tryCompleteJoin(g), Math.max(1, g.delayUntil - Date.now() + 1));
    g.delayTimer.unref();
  }

  private maxRebalanceTimeout(g: Group): number {
    let t = 0;
    for (const m of g.members.values()) t = Math.max(t, m.rebalanceTimeoutMs, m.sessionTimeoutMs);
    return Math.min(Math.max(t, 1), MAX_TIMER_MS);
  }

  private onRebalanceTimeout(g: Group): void {
    if (g.state !== 'PreparingRebalance') return;
    for (const m of [...g.members.values()]) if (!m.joinCallback) this.removeMember(g, m);
    g.delayUntil = 0;
    this.tryCompleteJoin(g);
  }

  private tryCompleteJoin(g: Group): void {
    if (g.state !== 'PreparingRebalance') return;
    if (g.delayUntil > Date.now()) {
      // Timers may fire a millisecond early: check again when the delay is really over.
      this.scheduleDelay(g);
      return;
    }
    for (const m of g.members.values()) if (!m.joinCallback) return;
    this.completeJoin(g);
  }

  private completeJoin(g: Group): void {
    clearTimeout(g.rebalanceTimer);
    clearTimeout(g.delayTimer);
    g.delayUntil = 0;
    g.generation++;
    if (g.members.size === 0) {
      g.state = 'Empty';
      g.leaderId = '';
      this.persist(g);
      return;
    }
    if (!g.members.has(g.leaderId)) g.leaderId = g.members.keys().next().value as string;
    const leader = g.members.get(g.leaderId) as Member;
    const members = [...g.members.values()];
    const protocol =
      leader.protocols.find((p) => members.every((m) => m.protocols.some((q) => q.name === p.name)))?.name ??
      leader.protocols[0].name;
    g.protocol = protocol;
    g.protocolType = leader.protocolType;
    g.state = 'CompletingRebalance';
    this.persist(g);
    clearTimeout(g.syncTimer);
    const generation = g.generation;
    let syncTimeoutMs = 1;
    for (const m of members) syncTimeoutMs = Math.max(syncTimeoutMs, m.rebalanceTimeoutMs);
    g.syncTimer = setTimeout(() => this.onSyncTimeout(g, generation), syncTimeoutMs);
    g.syncTimer.unref();
    const now = Date.now();
    const all = members.map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      metadata: m.protocols.find((p) => p.name === protocol)?.metadata ?? EMPTY,
    }));
    for (const m of members) {
      const cb = m.joinCallback;
      m.joinCallback = undefined;
      m.lastHeartbeat = now;
      m.assignment = EMPTY;
      cb?.({
        errorCode: ErrorCode.NONE,
        generationId: g.generation,
        protocolName: protocol,
        leader: g.leaderId,
        memberId: m.memberId,
        members: m.memberId === g.leaderId ? all : [],
      });
    }
  }

  private persist(g: Group): void {
    this.store.recordGroup(g.id, { generation: g.generation, protocolType: g.protocolType, protocol: g.protocol });
  }

  syncGroup(req: {
    groupId: string;
    generationId: number;
    memberId: string;
    groupInstanceId?: string | null;
    connectionId: number;
    assignments: { memberId: string; assignment: Buffer }[];
  }): Promise<SyncGroupResult> {
    const g = this.groups.get(req.groupId);
    const known = this.findMember(g, req.memberId, req.groupInstanceId ?? null);
    if (typeof known === 'number') return Promise.resolve({ errorCode: known, assignment: EMPTY });
    const m = known;
    if (!g) return Promise.resolve({ errorCode: ErrorCode.UNKNOWN_MEMBER_ID, assignment: EMPTY });
    m.lastHeartbeat = Date.now();
    m.connectionId = req.connectionId;
    if (req.generationId !== g.generation) return Promise.resolve({ errorCode: ErrorCode.ILLEGAL_GENERATION, assignment: EMPTY });
    m.syncedGeneration = g.generation;
    if (g.state === 'PreparingRebalance') return Promise.resolve({ errorCode: ErrorCode.REBALANCE_IN_PROGRESS, assignment: EMPTY });
    if (g.state === 'Stable') return Promise.resolve({ errorCode: ErrorCode.NONE, assignment: m.assignment });
    return new Promise<SyncGroupResult>((resolve) => {
      m.syncCallback?.({ errorCode: ErrorCode.REBALANCE_IN_PROGRESS, assignment: EMPTY });
      m.syncCallback = resolve;
      if (m.memberId === g.leaderId) {
        const given = new Map(req.assignments.map((a) => [a.memberId, Buffer.from(a.assignment)]));
        g.state = 'Stable';
        for (const member of g.members.values()) {
          member.assignment = given.get(member.memberId) ?? EMPTY;
          const cb = member.syncCallback;
          member.syncCallback = undefined;
          cb?.({ errorCode: ErrorCode.NONE, assignment: member.assignment });
        }
      }
    });
  }

  heartbeat(req: { groupId: string; generationId: number; memberId: string; groupInstanceId?: string | null; connectionId: number }): number {
    const g = this.groups.get(req.groupId);
    const m = this.findMember(g, req.memberId, req.groupInstanceId ?? null);
    if (typeof m === 'number') return m;
    if (!g) return ErrorCode.UNKNOWN_MEMBER_ID;
    m.lastHeartbeat = Date.now();
    m.connectionId = req.connectionId;
    if (g.state === 'PreparingRebalance') return ErrorCode.REBALANCE_IN_PROGRESS;
    if (req.generationId !== g.generation) return ErrorCode.ILLEGAL_GENERATION;
    return ErrorCode.NONE;
  }

  /**
   * A member by id; with a group.instance.id, the id must be the one currently holding that
   * instance (else 82, FENCED_INSTANCE_ID). Returns the error code when there is none.
   */
  private findMember(g: Group | undefined, memberId: string, groupInstanceId: string | null): Member | number {
    if (groupInstanceId && g) {
      const current = g.staticMembers.get(groupInstanceId);
      if (current !== undefined && current !== memberId) return ErrorCode.FENCED_INSTANCE_ID;
    }
    const m = g?.members.get(memberId);
    return m ?? ErrorCode.UNKNOWN_MEMBER_ID;
  }

  /**
   * LeaveGroup: v0–2 name one member id; v3 a list of (member id, group.instance.id), where a
   * static member may be named by its instance id alone.
   */
  leaveGroup(
    groupId: string,
    leaving: { memberId: string; groupInstanceId?: string | null }[],
  ): { errorCode: number; members: { memberId: string; groupInstanceId: string | null; errorCode: number }[] } {
    const g = this.groups.get(groupId);
    let removed = false;
    const results = leaving.map(({ memberId, groupInstanceId = null }) => {
      const out = (errorCode: number) => ({ memberId, groupInstanceId, errorCode });
      if (!g) return out(ErrorCode.UNKNOWN_MEMBER_ID);
      let m: Member | number;
      if (groupInstanceId) {
        const current = g.staticMembers.get(groupInstanceId);
        if (current === undefined) m = ErrorCode.UNKNOWN_MEMBER_ID;
        else if (memberId && memberId !== current) m = ErrorCode.FENCED_INSTANCE_ID;
        else m = g.members.get(current) ?? ErrorCode.UNKNOWN_MEMBER_ID;
      } else {
        m = g.members.get(memberId) ?? ErrorCode.UNKNOWN_MEMBER_ID;
      }
      if (typeof m === 'number') return out(m);
      this.removeMember(g, m);
      removed = true;
      return out(ErrorCode.NONE);
    });
    if (g && removed) this.afterMembershipChange(g);
    const errorCode = leaving.length === 1 ? results[0].errorCode : ErrorCode.NONE;
    return { errorCode, members: results };
  }

  private removeMember(g: Group, m: Member): void {
    g.members.delete(m.memberId);
    if (m.groupInstanceId && g.staticMembers.get(m.groupInstanceId) === m.memberId) g.staticMembers.delete(m.groupInstanceId);
    m.joinCallback?.({ errorCode: ErrorCode.UNKNOWN_MEMBER_ID, generationId: -1, protocolName: '', leader: '', memberId: m.memberId, members: [] });
    m.syncCallback?.({ errorCode: ErrorCode.UNKNOWN_MEMBER_ID, assignment: EMPTY });
    m.joinCallback = undefined;
    m.syncCallback = undefined;
  }

  /** After members were removed: rebalance the rest, or become Empty. */
  private afterMembershipChange(g: Group): void {
    if (g.members.size === 0) {
      if (g.state !== 'Empty') {
        clearTimeout(g.rebalanceTimer);
        clearTimeout(g.delayTimer);
        clearTimeout(g.syncTimer);
        g.state = 'Empty';
        g.generation++;
        g.leaderId = '';
        this.persist(g);
      }
      return;
    }
    this.prepareRebalance(g, false);
    this.tryCompleteJoin(g);
  }

  /**
   * SyncGroup deadline (the rebalance timeout, as in Kafka): members that got their JoinGroup
   * answer but have not sent SyncGroup for this generation — a vanished leader, a follower whose
   * process died — are removed and the rest rebalance.
   */
  private onSyncTimeout(g: Group, generation: number): void {
    if (g.generation !== generation || (g.state !== 'CompletingRebalance' && g.state !== 'Stable')) return;
    let changed = false;
    for (const m of [...g.members.values()]) {
      if (m.syncedGeneration !== generation && !m.syncCallback) {
        this.removeMember(g, m);
        changed = true;
      }
    }
    if (changed) this.afterMembershipChange(g);
  }

  private expireSessions(): void {
    const now = Date.now();
    for (const g of this.groups.values()) {
      let changed = false;
      for (const m of [...g.members.values()]) {
        if (m.joinCallback || m.syncCallback) continue;
        if (now - m.lastHeartbeat > m.sessionTimeoutMs) {
          this.removeMember(g, m);
          changed = true;
        }
      }
      if (changed) this.afterMembershipChange(g);
    }
  }

  /** Validates an OffsetCommit against the group's membership; returns the error code. */
  validateCommit(groupId: string, generationId: number, memberId: string): number {
    if (!groupId) return ErrorCode.INVALID_GROUP_ID;
    const g = this.groups.get(groupId);
    if (generationId < 0 && !memberId) {
      // Simple (non-member) commit: allowed while nobody is in the group.
      return !g || g.members.size === 0 ? ErrorCode.NONE : ErrorCode.UNKNOWN_MEMBER_ID;
    }
    const m = g?.members.get(memberId);
    if (!g || !m) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (generationId !== g.generation) return ErrorCode.ILLEGAL_GENERATION;
    m.lastHeartbeat = Date.now();
    return ErrorCode.NONE;
  }

  describeGroup(groupId: string): DescribedGroup {
    const g = this.groups.get(groupId);
    if (!g) {
      const rec = this.store.groupRecord(groupId);
      return {
        errorCode: 0,
        groupId,
        state: rec ? 'Empty' : 'Dead',
        protocolType: rec?.protocolType ?? '',
        protocol: '',
        members: [],
      };
    }
    const stable = g.state === 'Stable';
    return {
      errorCode: 0,
      groupId,
      state: g.state,
      protocolType: g.protocolType,
      protocol: stable || g.state === 'CompletingRebalance' ? g.protocol : '',
      members: [...g.members.values()].map((m) => ({
        memberId: m.memberId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        metadata: m.protocols.find((p) => p.name === g.protocol)?.metadata ?? EMPTY,
        assignment: stable ? m.assignment : EMPTY,
      })),
    };
  }

  /**
   * DeleteGroups: a group with members gets NON_EMPTY_GROUP (68), an unknown one
   * GROUP_ID_NOT_FOUND (69); otherwise its offsets and record are deleted.
   */
  deleteGroup(groupId: string): number {
    if (!groupId) return ErrorCode.INVALID_GROUP_ID;
    const g = this.groups.get(groupId);
    if (g && g.members.size > 0) return ErrorCode.NON_EMPTY_GROUP;
    const known = g !== undefined || this.store.groupRecord(groupId) !== undefined || this.store.all(groupId).size > 0;
    if (!known) return ErrorCode.GROUP_ID_NOT_FOUND;
    if (g) {
      clearTimeout(g.rebalanceTimer);
      clearTimeout(g.delayTimer);
      clearTimeout(g.syncTimer);
      this.groups.delete(groupId);
    }
    this.store.deleteGroup(groupId);
    return ErrorCode.NONE;
  }

  listGroups(): { groupId: string; protocolType: string }[] {
    const out = new Map<string, string>();
    for (const id of this.store.knownGroups()) out.set(id, this.store.groupRecord(id)?.protocolType ?? '');
    for (const g of this.groups.values()) out.set(g.id, g.protocolType);
    return [...out].map(([groupId, protocolType]) => ({ groupId, protocolType }));
  }

  /**
   * True while a group this client belongs to is rebalancing and the member has not rejoined yet:
   * its fetches are answered quickly instead of being parked, so it heartbeats, learns of the
   * rebalance and rejoins.
   */
  isRebalancing(clientId: string, connectionId: number): boolean {
    for (const g of this.groups.values()) {
      if (g.state !== 'PreparingRebalance') continue;
      for (const m of g.members.values()) {
        if (!m.joinCallback && (m.connectionId === connectionId || m.clientId === clientId)) return true;
      }
    }
    return false;
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const g of this.groups.values()) {
      clearTimeout(g.rebalanceTimer);
      clearTimeout(g.delayTimer);
      clearTimeout(g.syncTimer);
    }
  }
}
