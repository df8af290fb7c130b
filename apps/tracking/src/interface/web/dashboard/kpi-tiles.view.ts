/// <reference lib="dom" />
/**
 * The KPI tiles against the 2027 targets (`GET /v1/kpis`), each with its trend over the simulated
 * days as a sparkline (`GET /v1/kpis/daily`); a tile's tooltip is the KPI's written definition.
 */
import type { DailyKpiRow } from '../../../domain/kpi-trend.model';
import type { KpiReport } from '../../../domain/kpi.calculator';
import { getJson, isDenied } from './api.client';
import { fmtDay, fmtTime, lang, num, pct, t, tf } from './dashboard.i18n';
import { KPI_HELP, type KpiKey } from './dashboard.translations';
import { bar, esc, sparkline } from './markup.util';

/** The daily fields a trend is drawn of (numbers or null). */
type DailyField = { [K in keyof DailyKpiRow]: DailyKpiRow[K] extends number | null ? K : never }[keyof DailyKpiRow];

const state = { denied: false, kpis: null as KpiReport | null, days: [] as DailyKpiRow[] };
const root = () => document.getElementById('kpis') as HTMLElement;

/** The trend of one daily field, with the days it spans in the tooltip. */
function trend(field: DailyField, target: number | null = null): string {
  const values = state.days.map((d) => d[field]);
  const line = sparkline(values, target);
  if (!line) return '';
  const first = state.days[0]?.date ?? '';
  const last = state.days[state.days.length - 1]?.date ?? '';
  return `<div class="trend" data-trend="${field}" title="${esc(`${fmtDay(first)} – ${fmtDay(last)}`)}">${line}<span class="mute">${esc(tf('trendDays', { n: state.days.length }))}</span></div>`;
}

function tile(key: KpiKey, title: string, value: string, chart: string, sub: string, trendHtml: string): string {
  return `<div class="tile" data-kpi="${key}" title="${esc(KPI_HELP[lang()][key])}"><div class="t">${esc(title)} <span class="mute" aria-hidden="true">ⓘ</span></div><div class="v">${value}</div>${chart}<div class="t">${sub}</div>${trendHtml}</div>`;
}

function selfTransportTile(k: KpiReport): string {
  const a = k.airSelfTransport;
  const b = a.breakdown;
  const parts = `${t('flown')} ${b.flown} · ${t('roadFed')} ${b.roadFed} · ${t('waitlisted')} ${b.waitlisted} · ${t('exceptions')} ${b.exceptions} · ${t('undecided')} ${b.undecided}`;
  return tile('airSelfTransport', t('airSelfTransport'), pct(a.value), bar(a.value, 1, a.target, (a.value ?? 0) >= a.target), `${t('target')} 90% · ${a.numerator}/${a.denominator}<br>${parts}`, trend('airSelfTransportRate', a.target));
}

function onTimeTile(o: KpiReport['onTime'][number]): string {
  const parts = `${t('lateDelivered')} ${o.lateDelivered} · ${t('lateNotDelivered')} ${o.lateNotDelivered} · ${t('notYetDue')} ${o.notYetDue}`;
  const field = `onTime${o.serviceLevel}` as DailyField;
  return tile('onTime', `${t('onTime')} ${o.serviceLevel}`, pct(o.value), bar(o.value, 1, 0.95, (o.value ?? 0) >= 0.95), `${o.numerator}/${o.denominator}<br>${parts}`, field in (state.days[0] ?? {}) ? trend(field, 0.95) : '');
}

function expressTiles(e: KpiReport['expressLines']): string[] {
  const days = `${t('completedDays')} ${e.completedDays}`;
  return [
    tile('shanghai', t('shanghai'), num(e.shanghaiPerDay), bar(e.shanghaiPerDay, 25, e.targets.shanghai, (e.shanghaiPerDay ?? 0) >= e.targets.shanghai), `${t('target')} ~${e.targets.shanghai} · ${days}`, trend('shanghaiFlights', e.targets.shanghai)),
    tile('hongKong', t('hongKong'), num(e.hongKongPerDay), bar(e.hongKongPerDay, 8, e.targets.hongKong.min, (e.hongKongPerDay ?? 0) >= e.targets.hongKong.min), `${t('target')} 5–6 · ${days}`, trend('hongKongFlights', e.targets.hongKong.min)),
  ];
}

/** Load factor per airport or aircraft kind, each with its own small trend line. */
function loadFactorGroups(list: KpiReport['loadFactors']['byAirport'], label: (key: string) => string, field: (key: string) => DailyField): string {
  const days = (key: string) => state.days.map((d) => d[field(key)] ?? null);
  return list.map((g) => `<div class="lf" data-group="${esc(g.key)}">${esc(label(g.key))} ${bar(g.value, 1, null, true, 100)} ${pct(g.value)} ${sparkline(days(g.key), null, 70, 18)}</div>`).join('') || `<span class="mute">${esc(t('noData'))}</span>`;
}

export function renderKpis(operatorOnly: string, kindLabel: (kind: string) => string): void {
  const k = state.kpis;
  if (!k) {
    root().innerHTML = state.denied ? operatorOnly : '';
    return;
  }
  const h = k.customsHoldHours;
  const tiles = [
    selfTransportTile(k),
    ...k.onTime.map(onTimeTile),
    ...expressTiles(k.expressLines),
    tile('intlRoutes', t('intlRoutes'), String(k.internationalRoutes.count), bar(k.internationalRoutes.count, 30, k.internationalRoutes.target, k.internationalRoutes.count >= k.internationalRoutes.target), `${t('target')} ${k.internationalRoutes.target}+`, trend('internationalRoutes', k.internationalRoutes.target)),
    tile('transferRoutes', t('transferRoutes'), String(k.transferRoutes.count), bar(k.transferRoutes.count, 30, k.transferRoutes.target, k.transferRoutes.count >= k.transferRoutes.target), `${t('target')} ${k.transferRoutes.target}+`, trend('transferRoutes', k.transferRoutes.target)),
    tile('holdTime', t('holdTime'), `${num(h.medianHours)} / ${num(h.p90Hours)}`, '', `${t('holdsReleased')} ${h.count} · ${t('open')} ${h.open}`, trend('customsHoldMedianHours')),
    tile('loadFactor', t('lfAirport'), '', loadFactorGroups(k.loadFactors.byAirport, (key) => key, (key) => `loadFactor${key}` as DailyField), '', ''),
    tile('loadFactor', t('lfKind'), '', loadFactorGroups(k.loadFactors.byAircraftKind, kindLabel, (key) => `loadFactor${key.charAt(0)}${key.slice(1).toLowerCase()}` as DailyField), '', ''),
  ];
  root().innerHTML = `${tiles.join('')}<p class="mute" id="kpi-as-of">${esc(t('asOf'))} ${fmtTime(k.asOf)}</p>`;
}

export async function refreshKpis(render: () => void): Promise<void> {
  const [kpis, daily] = await Promise.all([getJson<KpiReport>('/v1/kpis'), getJson<{ items?: DailyKpiRow[] }>('/v1/kpis/daily')]);
  state.denied = isDenied(kpis.status);
  state.kpis = kpis.status === 200 ? kpis.body : null;
  state.days = daily.status === 200 ? (daily.body.items ?? []) : [];
  render();
}
