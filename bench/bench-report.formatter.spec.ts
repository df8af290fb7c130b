import { formatReport, type RunResult } from './bench-report.formatter';

function run(label: string, e2e: number, commits: number): RunResult {
  const latency = { count: 1, p50: 100, p95: 200, p99: 300, max: 300 };
  return {
    label,
    commit: label,
    load: 'closed loop, 8 in flight',
    replicas: 1,
    shipments: { posted: 10, accepted: 10, rejected: {}, held: 0, notBooked: 0, measured: 10 },
    offeredPerSecond: 20,
    acceptedPerSecond: 20,
    httpLatencyMs: latency,
    endToEnd: { seconds: 10 / e2e, shipmentsPerSecond: e2e },
    intakeToAssignmentMs: latency,
    intakeToTrackingMs: latency,
    database: { commitsPerShipment: commits, writingTransactionsPerShipment: commits, commitsPerSecond: 100, idleCommitsPerSecond: 12, benchStatementsSubtracted: 2 },
    cpu: [{ role: 'postgresql', seconds: 5, processes: 1, coreShare: 0.5 }],
    machineBusyShare: 0.9,
    consumerLagPeaks: { tracking: 40 },
    notes: [],
  };
}

describe('formatReport', () => {
  it('prints one aligned column per run and the ratio current / old of the numbers', () => {
    const lines = formatReport([run('a7b0c2b', 10, 12), run('current tree', 40, 3)]).split('\n');
    expect(lines[0]).toBe('10 intakes, closed loop, 8 in flight, 1 replica of each service');
    const e2e = lines.find((l) => l.startsWith('end to end shipments/s'));
    expect(e2e).toMatch(/10\.0\s+40\.0\s+4\.00×$/);
    expect(lines.find((l) => l.startsWith('DB commits/shipment'))).toMatch(/12\.0\s+3\.0\s+0\.25×$/);
    expect(lines.find((l) => l.startsWith('revision'))).toMatch(/a7b0c2b\s+current tree$/);
    // Right-aligned columns: every row with a ratio ends at the same place.
    const withRatio = lines.filter((l) => l.endsWith('×'));
    expect(withRatio.length).toBeGreaterThan(10);
    expect(new Set(withRatio.map((l) => l.length)).size).toBe(1);
  });
});
