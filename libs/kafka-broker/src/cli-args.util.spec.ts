import { parseCliArgs } from './cli-args.util';

describe('parseCliArgs', () => {
  it('defaults to port 9092 and a data dir', () => {
    expect(parseCliArgs([]).options).toEqual({ port: 9092, dataDir: '.data/kafka-broker' });
  });

  it('reads every flag, with spaces or =', () => {
    const { options } = parseCliArgs([
      '--port=9093',
      '--host',
      '0.0.0.0',
      '--advertised-host',
      'broker.local',
      '--in-memory',
      '--default-partitions',
      '3',
      '--node-id=2',
      '--initial-rebalance-delay-ms',
      '0',
      '--group-min-session-timeout-ms',
      '1000',
      '--group-max-session-timeout-ms=60000',
      '--flush',
      'interval',
      '--flush-interval-ms=250',
    ]);
    expect(options).toEqual({
      port: 9093,
      host: '0.0.0.0',
      advertisedHost: 'broker.local',
      inMemory: true,
      defaultPartitions: 3,
      nodeId: 2,
      initialRebalanceDelayMs: 0,
      groupMinSessionTimeoutMs: 1000,
      groupMaxSessionTimeoutMs: 60000,
      flush: { mode: 'interval', intervalMs: 250 },
    });
    expect(parseCliArgs(['--data-dir', '/tmp/x']).options.dataDir).toBe('/tmp/x');
    expect(parseCliArgs(['--in-memory=true']).options.inMemory).toBe(true);
    expect(parseCliArgs(['-h']).help).toBe(true);
  });

  it('reads SASL users and mechanisms, limits', () => {
    expect(parseCliArgs(['--in-memory', '--sasl-users', 'alice:secret,bob:pa:ss', '--sasl-mechanisms', 'SCRAM-SHA-512', '--message-max-bytes', '2000000']).options).toMatchObject({
      sasl: { users: { alice: 'secret', bob: 'pa:ss' }, mechanisms: ['SCRAM-SHA-512'] },
      messageMaxBytes: 2000000,
    });
  });

  it.each([
    [['--sasl-users', 'nopassword']],
    [['--sasl-mechanisms', 'GSSAPI', '--sasl-users', 'a:b']],
    [['--sasl-mechanisms', 'PLAIN']],
    [['--port', 'abc']],
    [['--port']],
    [['--default-partitions', '0']],
    [['--flush', 'sometimes']],
    [['--bogus']],
    [['--in-memory', '--data-dir', '/tmp/x']],
  ])('rejects %j', (argv) => {
    expect(() => parseCliArgs(argv)).toThrow();
  });
});
