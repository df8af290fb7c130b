import 'reflect-metadata';
import { hubDayStart, hubLocalDate } from '@cargo/contracts';
import { clockFromConfig, ConfigValidationError, loadConfig, type ClientCredentials } from '@cargo/service-runtime';
import { parseArgs } from 'node:util';
import { SimulationRunner } from './application/simulation.runner';
import { SimulatorConfig } from './config/simulator.config';
import { arrivalWavesText, firstArrivalWaveAt, generateDayPlan } from './domain/day-plan.generator';
import { formatDaySummary, hubLocalClock, type KpiFigures } from './domain/day-summary.formatter';
import { HubApiClient, type SimulatedParty } from './infrastructure/hub-api.client';

const USAGE = `Usage: simulator [--shipments N] [--seed N]
Drives the running services' HTTP APIs with a realistic day of cargo. The clock is the shared one
(CLOCK_SPEED, CLOCK_SIM_ORIGIN, CLOCK_REAL_ORIGIN; npm start sets them, e.g. npm start -- --speed 60).`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { shipments: { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const config = loadConfig(SimulatorConfig, {
    ...process.env,
    ...(values.shipments ? { SIM_SHIPMENTS: values.shipments } : {}),
    ...(values.seed ? { SIM_SEED: values.seed } : {}),
  });
  const clock = clockFromConfig(config);
  const start = clock.now();
  // The day of the shared clock, in Wuhan (the hub's local date).
  const date = hubLocalDate(start);
  const plan = generateDayPlan({ date, shipments: config.SIM_SHIPMENTS, seed: config.SIM_SEED }).filter(
    (planned) => planned.arrivesAt >= start,
  );
  const endsAt = new Date(hubDayStart(date).getTime() + 30 * 3_600_000);
  const api = new HubApiClient(
    {
      stationIntake: config.STATION_INTAKE_URL,
      customsHold: config.CUSTOMS_HOLD_URL,
      flightAssignment: config.FLIGHT_ASSIGNMENT_URL,
      tracking: config.TRACKING_URL,
    },
    config.ADMIN_API_KEY,
    config.OIDC_TOKEN_URL,
    JSON.parse(config.SIM_CLIENTS) as Partial<Record<SimulatedParty, ClientCredentials>>,
  );
  const runner = new SimulationRunner({ plan, clock, api, endsAt, log: console.log });
  console.log(
    `simulator started: ${plan.length} shipments on ${date} (seed ${config.SIM_SEED}), clock ×${config.CLOCK_SPEED}, until ${endsAt.toISOString()}`,
  );
  console.log(firstWaveLine(start, date));
  const progress = setInterval(() => runner.progressLines().forEach((line) => console.log(line)), 5_000);
  const stop = () => runner.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await runner.run();
  clearInterval(progress);
  for (const line of runner.progressLines()) console.log(line);
  for (const line of await daySummary(api, clock.now())) console.log(line);
}

/** When cargo starts to arrive at the stations (no intakes before), in simulated hub-local time. */
function firstWaveLine(start: Date, date: string): string {
  const first = firstArrivalWaveAt(date);
  const when = start < first ? `starts at ${hubLocalClock(first)} hub-local time, ${Math.round((first.getTime() - start.getTime()) / 60_000)} simulated minutes from now: no intakes before` : `started at ${hubLocalClock(first)} hub-local time`;
  return `First arrival wave ${when} (waves at the stations: ${arrivalWavesText()})`;
}

/** Where the day's shipments ended and the KPIs, as readable lines (tracking and flight assignment asked as ops). */
async function daySummary(api: HubApiClient, at: Date): Promise<string[]> {
  try {
    const statuses = ['RCS', 'FOH', 'TGC', 'CCD', 'BKD', 'MAN', 'DEP', 'ARR', 'RCF', 'NFD', 'DLV'];
    const totals = await Promise.all(statuses.map((status) => api.shipmentTotal(status)));
    const kpis = await api.kpis().catch(() => undefined);
    return formatDaySummary({ at, statusCounts: Object.fromEntries(statuses.map((s, i) => [s, totals[i] ?? 0])), exceptions: await api.openExceptions(), kpis: kpis as KpiFigures | undefined });
  } catch (error) {
    return [`Day summary unavailable: ${error instanceof Error ? error.message : String(error)}`];
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigValidationError ? error.message : error);
  process.exit(1);
});
