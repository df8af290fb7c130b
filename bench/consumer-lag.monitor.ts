import { AssignerProtocol, type Admin } from 'kafkajs';

/** Offsets of one topic: partition → offset. */
export type PartitionOffsets = ReadonlyMap<number, number>;

/**
 * Records a consumer group has yet to read: for each partition of each topic it consumes, the high
 * watermark minus its committed offset (the low watermark when it has committed none yet).
 */
export function groupLag(
  topics: Iterable<string>,
  high: ReadonlyMap<string, PartitionOffsets>,
  low: ReadonlyMap<string, PartitionOffsets>,
  committed: ReadonlyMap<string, PartitionOffsets>,
): number {
  let lag = 0;
  for (const topic of topics) {
    for (const [partition, end] of high.get(topic) ?? new Map<number, number>()) {
      const done = committed.get(topic)?.get(partition);
      const from = done !== undefined && done >= 0 ? done : (low.get(topic)?.get(partition) ?? 0);
      lag += Math.max(0, end - from);
    }
  }
  return lag;
}

/**
 * Polls every consumer group's lag (kafkajs admin: high watermarks minus committed offsets) and
 * keeps each group's peak. A group's topics are those its members are assigned; during a rebalance
 * (no assignment) the last known ones. Groups whose id starts with `ignorePrefix` (the benchmark's
 * own observer) are left out.
 */
export class ConsumerLagMonitor {
  readonly peaks = new Map<string, number>();
  private readonly topicsOf = new Map<string, Set<string>>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> = Promise.resolve();
  private failures = 0;

  constructor(
    private readonly admin: Admin,
    private readonly ignorePrefix: string,
    private readonly intervalMs = 500,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.polling = this.polling.then(() => this.poll()).catch(() => {
        this.failures += 1;
      });
    }, this.intervalMs);
  }

  async stop(): Promise<{ peaks: Map<string, number>; failedPolls: number }> {
    if (this.timer) clearInterval(this.timer);
    await this.polling;
    return { peaks: this.peaks, failedPolls: this.failures };
  }

  private async poll(): Promise<void> {
    const { groups } = await this.admin.listGroups();
    const ids = groups.map((g) => g.groupId).filter((id) => !id.startsWith(this.ignorePrefix));
    if (ids.length === 0) return;
    const described = await this.admin.describeGroups(ids);
    for (const group of described.groups) {
      const topics = new Set<string>();
      for (const member of group.members) {
        if (member.memberAssignment.length === 0) continue;
        const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
        for (const topic of Object.keys(decoded?.assignment ?? {})) topics.add(topic);
      }
      if (topics.size > 0) this.topicsOf.set(group.groupId, topics);
    }
    const allTopics = new Set([...this.topicsOf.values()].flatMap((t) => [...t]));
    const high = new Map<string, Map<number, number>>();
    const low = new Map<string, Map<number, number>>();
    for (const topic of allTopics) {
      const offsets = await this.admin.fetchTopicOffsets(topic);
      high.set(topic, new Map(offsets.map((o) => [o.partition, Number(o.high)])));
      low.set(topic, new Map(offsets.map((o) => [o.partition, Number(o.low)])));
    }
    for (const [groupId, topics] of this.topicsOf) {
      const fetched = await this.admin.fetchOffsets({ groupId, topics: [...topics] });
      const committed = new Map(fetched.map((t) => [t.topic, new Map(t.partitions.map((p) => [p.partition, Number(p.offset)]))]));
      const lag = groupLag(topics, high, low, committed);
      this.peaks.set(groupId, Math.max(this.peaks.get(groupId) ?? 0, lag));
    }
  }
}
