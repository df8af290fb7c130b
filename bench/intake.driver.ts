import { Agent, request } from 'node:http';
import type { LoadShape } from './bench-args.parser';

/** One intake as the driver saw it: wall-clock ms (comparable with Kafka record timestamps). */
export interface IntakeOutcome {
  awb: string;
  sentAt: number;
  answeredAt: number;
  /** HTTP status; 0 when the request failed without an answer. */
  status: number;
}

export interface IntakeTarget {
  /** Base URLs of the station-intake replicas; requests go round-robin. */
  urls: readonly string[];
  station: string;
  apiKey: string;
  /** The intake body of the i-th AWB (called when it is sent, so times in it are current). */
  body(awb: string, index: number): unknown;
}

/**
 * Posts one intake per AWB to station-intake's HTTP API. `rate`: open loop, request i is sent at
 * start + i / rate whatever the answers (at most `maxInFlight` sockets: beyond, a request waits for
 * one, and that wait counts in its latency, as it would for a terminal whose request is queued);
 * `concurrency`: closed loop, that many requests in flight, each sent when one is answered.
 * Plain `node:http` with keep-alive sockets: the driver shares the machine, so it keeps its cost low.
 */
export async function driveIntakes(target: IntakeTarget, awbs: readonly string[], load: LoadShape, maxInFlight: number): Promise<IntakeOutcome[]> {
  const sockets = load.kind === 'concurrency' ? load.inFlight : maxInFlight;
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const outcomes: IntakeOutcome[] = new Array(awbs.length);
  const post = (index: number): Promise<void> =>
    new Promise((done) => {
      const awb = awbs[index] as string;
      const url = new URL(`/v1/stations/${target.station}/intakes`, target.urls[index % target.urls.length]);
      const payload = Buffer.from(JSON.stringify(target.body(awb, index)));
      const sentAt = Date.now();
      const finish = (status: number) => {
        outcomes[index] = { awb, sentAt, answeredAt: Date.now(), status };
        done();
      };
      const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': payload.length, 'x-api-key': target.apiKey } }, (res) => {
        res.resume();
        res.on('end', () => finish(res.statusCode ?? 0));
        res.on('error', () => finish(0));
      });
      req.on('error', () => finish(0));
      req.end(payload);
    });
  try {
    if (load.kind === 'concurrency') {
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(load.inFlight, awbs.length) }, async () => {
          while (next < awbs.length) await post(next++);
        }),
      );
    } else {
      const started = Date.now();
      const pending: Promise<void>[] = [];
      for (let i = 0; i < awbs.length; i++) {
        const due = started + (i * 1000) / load.perSecond;
        const wait = due - Date.now();
        if (wait > 1) await new Promise((r) => setTimeout(r, wait));
        pending.push(post(i));
      }
      await Promise.all(pending);
    }
  } finally {
    agent.destroy();
  }
  return outcomes;
}
