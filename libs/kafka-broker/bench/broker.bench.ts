/**
 * Benchmark of the broker with kafkajs: produce and consume throughput (1 KB values, batches of
 * 1000) and produce→consume latency at a fixed rate, in durable mode (temp dir, default flush
 * policy: fsync every batch, acks=-1 answered after the fsync) and in-memory.
 *
 * The broker runs as its own process (the CLI), as it would in use, so that kafkajs and the
 * broker each get a core; the broker's CPU time is reported to show which side is the bottleneck.
 * Last, the broker's memory while eight connections each send 40 MiB of a 100 MiB request.
 *
 *   npm run build && node dist/libs/kafka-broker/bench/broker.bench.js [--messages 200000] [--rate 2000] [--seconds 10]
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';

interface Args {
  messages: number;
  batch: number;
  valueBytes: number;
  rate: number;
  seconds: number;
  modes: string[];
}

function parseArgs(argv: string[]): Args {
  const a: Args = { messages: 200_000, batch: 1000, valueBytes: 1024, rate: 2000, seconds: 10, modes: ['durable', 'memory'] };
  for (let i = 0; i < argv.length; i += 2) {
    const v = argv[i + 1];
    switch (argv[i]) {
      case '--messages':
        a.messages = Number(v);
        break;
      case '--batch':
        a.batch = Number(v);
        break;
      case '--value-bytes':
        a.valueBytes = Number(v);
        break;
      case '--rate':
        a.rate = Number(v);
        break;
      case '--seconds':
        a.seconds = Number(v);
        break;
      case '--modes':
        a.modes = v.split(',');
        break;
      default:
        throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  return a;
}

/** CPU seconds (user+system) used so far by a process, from /proc. */
function cpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

async function startBroker(mode: string, dataDir: string, bench: Args): Promise<{ child: ChildProcess; port: number }> {
  const main = path.join(__dirname, '../src/main.js');
  // Batches larger than Kafka's default message.max.bytes (1048588) need the limit raised, as on
  // Kafka. A record costs its value plus about 16 bytes (lengths, deltas, the 6-byte key).
  const batchBytes = bench.batch * (bench.valueBytes + 24) + 61;
  const args = [
    '--port',
    '0',
    '--initial-rebalance-delay-ms',
    '0',
    ...(batchBytes > 1_048_588 ? ['--message-max-bytes', String(batchBytes)] : []),
    ...(mode === 'memory' ? ['--in-memory'] : ['--data-dir', dataDir]),
  ];
  const child = spawn(process.execPath, [main, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on [^:\s]+:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`broker exited with ${code}: ${out}`)));
  });
  return { child, port };
}

/**
 * Broker capacity without kafkajs in the way: one Produce v7 request (a batch of `batch` records,
 * encoded once by kafkajs's encoder) sent `count` times over one socket, `inflight` pipelined.
 */
async function rawProduce(port: number, topic: string, args: Args, count: number, inflight: number): Promise<number> {
  const { requests } = require('kafkajs/src/protocol/requests') as {
    requests: Record<string, { protocol: (o: { version: number }) => (a: Record<string, unknown>) => { request: unknown } }>;
  };
  const encodeRequest = require('kafkajs/src/protocol/request') as (o: Record<string, unknown>) => Promise<{ buffer: Buffer }>;
  const value = Buffer.alloc(args.valueBytes, 'r');
  const messages = Array.from({ length: args.batch }, (_, i) => ({ key: `key-${i % 64}`, value }));
  const proto = requests.Produce.protocol({ version: 7 })({
    acks: -1,
    timeout: 30000,
    topicData: [{ topic, partitions: [{ partition: 0, messages }] }],
  });
  const frame = Buffer.from((await encodeRequest({ correlationId: 1, clientId: 'bench-raw', request: proto.request })).buffer);
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  socket.setNoDelay(true);
  let sent = 0;
  let received = 0;
  let pending: Buffer = Buffer.alloc(0);
  const t0 = process.hrtime.bigint();
  await new Promise<void>((resolve, reject) => {
    socket.on('error', reject);
    const pump = () => {
      while (sent < count && sent - received < inflight) {
        socket.write(frame);
        sent++;
      }
    };
    socket.on('data', (d: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, d]) : d;
      while (pending.length >= 4 && pending.length >= 4 + pending.readInt32BE(0)) {
        const size = pending.readInt32BE(0);
        // error code of the single partition: after corr id, topics[1], name, partitions[1], index
        const nameLen = pending.readInt16BE(12);
        const errorCode = pending.readInt16BE(14 + nameLen + 8);
        if (errorCode !== 0) reject(new Error(`produce error ${errorCode}`));
        pending = pending.subarray(4 + size);
        received++;
      }
      if (received === count) resolve();
      else pump();
    });
    pump();
  });
  socket.destroy();
  return (count * args.batch) / (Number(process.hrtime.bigint() - t0) / 1e9);
}

/** Resident memory of a process in MB, from /proc. */
function rssMb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
  } catch {
    return Number.NaN;
  }
}

/**
 * What slow or hostile clients cost: eight connections each send 40 MiB of a request that
 * declares 100 MiB (the largest socket.request.max.bytes allows) and stop there.
 */
async function partialRequestsMemory(pid: number, port: number): Promise<{ before: number; peak: number }> {
  const before = rssMb(pid);
  const body = Buffer.alloc(40 * 1024 * 1024, 1);
  const head = Buffer.alloc(4);
  head.writeInt32BE(100 * 1024 * 1024, 0);
  const sockets = Array.from({ length: 8 }, () => {
    const s = net.connect(port, '127.0.0.1');
    s.on('error', () => undefined);
    s.write(head);
    s.write(body);
    return s;
  });
  let peak = before;
  for (let i = 0; i < 40; i++) {
    await new Promise((r) => setTimeout(r, 100));
    peak = Math.max(peak, rssMb(pid));
  }
  for (const s of sockets) s.destroy();
  return { before, peak };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function runMode(mode: string, args: Args): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-bench-'));
  const { child, port } = await startBroker(mode, dataDir, args);
  const kafka = new Kafka({ clientId: `bench-${mode}`, brokers: [`127.0.0.1:${port}`], logLevel: logLevel.NOTHING });
  const label = mode === 'memory' ? 'in-memory' : 'durable (fsync every batch, acks=-1)';
  console.log(`\n== ${label} ==`);
  try {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [
        { topic: 'bench.throughput', numPartitions: 4 },
        { topic: 'bench.latency', numPartitions: 1 },
        { topic: 'bench.raw', numPartitions: 1 },
      ] });
    await admin.disconnect();

    // --- produce throughput ---
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const value = Buffer.alloc(args.valueBytes, 'x');
    const batch = Array.from({ length: args.batch }, (_, i) => ({ key: `key-${i % 64}`, value }));
    await producer.send({ topic: 'bench.throughput', acks: -1, messages: batch.slice(0, 10) }); // warm-up
    const produceRun = async (inflight: number, total: number) => {
      const cpu0 = cpuSeconds(child.pid as number);
      const t0 = process.hrtime.bigint();
      let sent = 0;
      const worker = async () => {
        while (sent < total) {
          sent += args.batch;
          await producer.send({ topic: 'bench.throughput', acks: -1, messages: batch });
        }
      };
      await Promise.all(Array.from({ length: inflight }, worker));
      const secs = Number(process.hrtime.bigint() - t0) / 1e9;
      const cpu = cpuSeconds(child.pid as number) - cpu0;
      const msgs = sent / secs;
      console.log(
        `produce  ${inflight} send(s) in flight: ${fmt(sent)} msgs in ${fmt(secs, 2)} s = ${fmt(msgs)} msgs/s, ${fmt((msgs * args.valueBytes) / 1048576, 1)} MB/s (broker CPU ${fmt((cpu / secs) * 100)}% of a core)`,
      );
      return sent;
    };
    let produced = 10;
    produced += await produceRun(1, args.messages);
    produced += await produceRun(4, args.messages);
    {
      const cpu0 = cpuSeconds(child.pid as number);
      const t = process.hrtime.bigint();
      const count = Math.ceil(args.messages / args.batch);
      const rate = await rawProduce(port, 'bench.raw', args, count, 8);
      const cpu = cpuSeconds(child.pid as number) - cpu0;
      const secs = Number(process.hrtime.bigint() - t) / 1e9;
      console.log(
        `produce  raw pre-encoded requests, 8 in flight (broker capacity, no kafkajs encoding): ${fmt(rate)} msgs/s, ${fmt((rate * args.valueBytes) / 1048576, 1)} MB/s (broker CPU ${fmt((cpu / secs) * 100)}% of a core)`,
      );
    }

    // --- consume throughput ---
    const consumer = kafka.consumer({ groupId: `bench-consume-${mode}`, maxBytesPerPartition: 4 * 1048576, maxBytes: 16 * 1048576, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'bench.throughput', fromBeginning: true });
    let consumed = 0;
    let t0 = 0n;
    let cpu0 = 0;
    const done = new Promise<number>((resolve) => {
      void consumer.run({
        autoCommitInterval: 1000,
        eachBatch: async ({ batch: b }) => {
          if (t0 === 0n) {
            t0 = process.hrtime.bigint();
            cpu0 = cpuSeconds(child.pid as number);
          }
          consumed += b.messages.length;
          if (consumed >= produced) resolve(Number(process.hrtime.bigint() - t0) / 1e9);
        },
      });
    });
    const secs = await done;
    const cpu = cpuSeconds(child.pid as number) - cpu0;
    await consumer.disconnect();
    console.log(
      `consume  ${fmt(consumed)} msgs in ${fmt(secs, 2)} s = ${fmt(consumed / secs)} msgs/s, ${fmt((consumed / secs) * args.valueBytes / 1048576, 1)} MB/s (broker CPU ${fmt((cpu / secs) * 100)}% of a core)`,
    );

    // --- latency at a fixed rate ---
    const latencies: number[] = [];
    const latencyConsumer = kafka.consumer({ groupId: `bench-latency-${mode}`, maxWaitTimeInMs: 500 });
    await latencyConsumer.connect();
    await latencyConsumer.subscribe({ topic: 'bench.latency', fromBeginning: false });
    await latencyConsumer.run({
      eachMessage: async ({ message }) => {
        const sentAt = Number(message.headers?.sent?.toString());
        latencies.push(Number(process.hrtime.bigint()) / 1e6 - sentAt);
      },
    });
    const perTick = Math.max(1, Math.round(args.rate / 100)); // 100 sends per second
    const ticks = args.seconds * 100;
    const small = Buffer.alloc(args.valueBytes, 'y');
    const start = Date.now();
    let sentLatency = 0;
    for (let t = 0; t < ticks; t++) {
      const due = start + t * 10;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const now = String(Number(process.hrtime.bigint()) / 1e6);
      await producer.send({
        topic: 'bench.latency',
        acks: -1,
        messages: Array.from({ length: perTick }, () => ({ value: small, headers: { sent: now } })),
      });
      sentLatency += perTick;
    }
    const deadline = Date.now() + 10_000;
    while (latencies.length < sentLatency && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await latencyConsumer.disconnect();
    await producer.disconnect();
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(
      `latency  ${fmt(args.rate)} msgs/s for ${args.seconds} s (${fmt(sentLatency)} sent, ${fmt(latencies.length)} received): p50 ${fmt(percentile(sorted, 50), 2)} ms, p99 ${fmt(percentile(sorted, 99), 2)} ms, max ${fmt(sorted[sorted.length - 1] ?? Number.NaN, 2)} ms`,
    );
    const memory = await partialRequestsMemory(child.pid as number, port);
    console.log(
      `memory   8 connections each sending 40 MiB of a declared 100 MiB request: broker RSS ${fmt(memory.before)} MB, peak ${fmt(memory.peak)} MB within 4 s (+${fmt(memory.peak - memory.before)} MB)`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  console.log(
    `kafka-broker benchmark: kafkajs, ${args.valueBytes} B values, batches of ${args.batch}, ${fmt(args.messages)} msgs per produce run; node ${process.version}, ${os.cpus().length} cores`,
  );
  for (const mode of args.modes) await runMode(mode, args);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
