import { BenchArgsError, describeLoad, parseBenchArgs } from './bench-args.parser';

describe('parseBenchArgs', () => {
  it('defaults to 1,000 shipments, 16 in flight, one replica, real-time clock, pgbench and rebuild on', () => {
    const options = parseBenchArgs([]);
    expect(options).toMatchObject({ shipments: 1000, load: { kind: 'concurrency', inFlight: 16 }, replicas: 1, speed: 1, json: false, rebuild: true, pgbench: { clients: 8, seconds: 10 } });
    expect(options.compare).toBeUndefined();
  });

  it('reads an open-loop run compared with a revision', () => {
    const options = parseBenchArgs(['--shipments', '10000', '--rate', '100', '--replicas', '2', '--compare', 'a7b0c2b', '--json', '--no-pgbench', '--no-rebuild']);
    expect(options).toMatchObject({ shipments: 10000, load: { kind: 'rate', perSecond: 100 }, replicas: 2, compare: 'a7b0c2b', json: true, rebuild: false });
    expect(options.pgbench).toBeUndefined();
    expect(describeLoad(options.load)).toBe('open loop, 100 intakes/s offered');
  });

  it.each([
    [['--rate', '10', '--concurrency', '4'], /exclude each other/],
    [['--shipments', '0'], /--shipments must be a positive whole number/],
    [['--concurrency', '2.5'], /--concurrency must be a positive whole number/],
    [['--rate', 'fast'], /--rate must be a positive number/],
    [['--replicas', '9'], /--replicas must be a whole number from 1 to 8/],
    [['--compare', 'HEAD; rm -rf /'], /--compare must name a git revision/],
    [['--shipmets', '5'], /Unknown option '--shipmets'[\s\S]*usage: npm run bench/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(BenchArgsError);
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });
});
