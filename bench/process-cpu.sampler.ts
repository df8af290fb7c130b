import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** The fields of `/proc/<pid>/stat` the benchmark reads; times in clock ticks. */
export interface ProcStat {
  pid: number;
  comm: string;
  ppid: number;
  utime: number;
  stime: number;
  /** CPU of children this process has waited for (ended ones). */
  cutime: number;
  cstime: number;
}

/**
 * Parses one `/proc/<pid>/stat` line. The command name is in parentheses and may itself hold spaces
 * and parentheses, so the fields are counted from the last `)`.
 */
export function parseProcStat(line: string): ProcStat {
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 0 || close < open) throw new Error(`not a /proc stat line: ${line.slice(0, 80)}`);
  const fields = line.slice(close + 2).trim().split(/\s+/);
  const field = (i: number) => Number(fields[i]);
  return { pid: Number(line.slice(0, open).trim()), comm: line.slice(open + 1, close), ppid: field(1), utime: field(11), stime: field(12), cutime: field(13), cstime: field(14) };
}

/** A process of the system under test: its stat line and its command line (arguments joined by spaces). */
export interface ObservedProcess {
  stat: ProcStat;
  cmdline: string;
}

/** The launcher process runs the embedded broker in-process, and nothing else of note once the system is up. */
export const BROKER_ROLE = 'kafka broker (launcher)';
export const POSTGRES_ROLE = 'postgresql';

/**
 * CPU ticks per component of the process tree under `rootPid` (the launcher).
 *
 * Invariants: the launcher counts only its own time (its children are the other components);
 * PostgreSQL is the postmaster with everything it has reaped (ended backends) plus its live
 * backends, so backends that come and go during a run are not lost; a service (any program under
 * `dist/apps/<name>/src/main.js`) is summed over its replicas, with `count` the number of processes.
 */
export function cpuTicksByRole(processes: readonly ObservedProcess[], rootPid: number): Map<string, { ticks: number; count: number }> {
  const byPid = new Map(processes.map((p) => [p.stat.pid, p]));
  const out = new Map<string, { ticks: number; count: number }>();
  const add = (role: string, ticks: number, counted: boolean) => {
    const entry = out.get(role) ?? { ticks: 0, count: 0 };
    entry.ticks += ticks;
    if (counted) entry.count += 1;
    out.set(role, entry);
  };
  for (const { stat, cmdline } of processes) {
    const own = stat.utime + stat.stime;
    const reaped = stat.cutime + stat.cstime;
    if (stat.pid === rootPid) {
      add(BROKER_ROLE, own, true);
    } else if (stat.comm === 'postgres') {
      const postmaster = byPid.get(stat.ppid)?.stat.comm !== 'postgres';
      add(POSTGRES_ROLE, postmaster ? own + reaped : own, postmaster);
    } else {
      const service = /dist\/apps\/([\w-]+)\/src\/main\.js/.exec(cmdline)?.[1];
      add(service ?? `other (${stat.comm})`, own + reaped, true);
    }
  }
  return out;
}

/** Every process under `rootPid` (itself included), read from /proc; processes that end meanwhile are skipped. */
export function processTree(rootPid: number): ObservedProcess[] {
  const stats: ProcStat[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      stats.push(parseProcStat(readFileSync(`/proc/${entry}/stat`, 'utf8')));
    } catch {
      // ended between the listing and the read
    }
  }
  const children = new Map<number, ProcStat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const root = stats.find((s) => s.pid === rootPid);
  if (!root) return [];
  const tree: ObservedProcess[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const stat = queue.shift() as ProcStat;
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${stat.pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    } catch {
      // ended meanwhile
    }
    tree.push({ stat, cmdline });
    queue.push(...(children.get(stat.pid) ?? []));
  }
  return tree;
}

let ticksPerSecond: number | undefined;

/** The kernel's clock ticks per second (`getconf CLK_TCK`, 100 on Linux as a rule). */
export function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** Busy and total ticks of the whole machine (all processes, other users' too) from /proc/stat. */
export function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  const total = cpu.reduce((a, b) => a + b, 0);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  return { busy: total - idle, total };
}

/** CPU seconds per component between two samples of {@link cpuTicksByRole}. */
export function cpuSecondsBetween(
  before: Map<string, { ticks: number; count: number }>,
  after: Map<string, { ticks: number; count: number }>,
  hz: number,
): { role: string; seconds: number; processes: number }[] {
  return [...after.entries()]
    .map(([role, end]) => ({ role, seconds: Math.max(0, end.ticks - (before.get(role)?.ticks ?? 0)) / hz, processes: end.count }))
    .sort((a, b) => b.seconds - a.seconds);
}
