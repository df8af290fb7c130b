/// <reference lib="dom" />
/**
 * The tracking dashboard (plain TypeScript, bundled by esbuild): four views behind tabs — the hub
 * control view (today's departures of WUH and EHU with their shipments and trucks), the exceptions
 * queue (live over server-sent events), the network picture with the KPI tiles and their trends, and
 * shipment tracking by AWB with a live timeline. One search box finds an AWB, a flight or a station.
 * Texts in Chinese and English; "now" is the service's shared clock.
 */
import type { ExceptionsReport, SearchMatch } from '../../../application/hub-control-queries.use-case';
import { accessToken, getJson, openEventStream, SharedClock, TOKEN_KEY, type EventStream } from './api.client';
import { filterControl, initControl, kindLabel, openFlight, refreshControl, renderControl } from './control.view';
import { fmtCountdown, fmtMinutes, fmtTime, lang, setLang, shipmentsText, t } from './dashboard.i18n';
import type { Lang } from './dashboard.translations';
import { denyExceptions, initExceptions, renderExceptions, setExceptions } from './exceptions.view';
import { refreshKpis, renderKpis } from './kpi-tiles.view';
import { esc } from './markup.util';
import { refreshNetwork, renderNetwork } from './network.view';
import { refreshHolds, renderHolds, renderShipment, track } from './tracking.view';

const VIEWS = ['control', 'exceptions', 'network', 'track'] as const;
type View = (typeof VIEWS)[number];
const NAV_TEXT = { control: 'navControl', exceptions: 'navExceptions', network: 'navNetwork', track: 'navTrack' } as const;
const AWB_PATTERN = /^\d{3}-?\d{8}$/;

const $ = (id: string) => document.getElementById(id) as HTMLElement;
const clock = new SharedClock();
let view: View = 'track';
let exceptionCount: number | null = null;

/** Operator panels say why they are empty when the caller is not `ops`. */
const operatorOnly = () => `<p class="mute" data-operator-only>${esc(t('operatorOnly'))}</p>`;

/** Countdowns and ages are filled in by `tick`, at once after each drawing. */
const drawControl = () => {
  renderControl(operatorOnly());
  tick();
};
const drawExceptions = () => {
  renderExceptions(operatorOnly());
  tick();
};
const drawNetwork = () => renderNetwork(operatorOnly());
const drawKpis = () => renderKpis(operatorOnly(), kindLabel);
const drawShipment = () => renderShipment(kindLabel);
const drawHolds = () => renderHolds(operatorOnly());

function renderStatic(): void {
  document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title');
  $('title').textContent = t('title');
  for (const v of VIEWS) {
    $(`tab-${v}`).classList.toggle('active', v === view);
    $(`tab-${v}-label`).textContent = t(NAV_TEXT[v]);
    $(`view-${v}`).hidden = v !== view;
  }
  $('exceptions-count').textContent = exceptionCount ? String(exceptionCount) : '';
  ($('awb-input') as HTMLInputElement).placeholder = t('searchPlaceholder');
  $('search-button').textContent = t('searchButton');
  $('search-title').textContent = t('search');
  $('holds-title').textContent = t('holds');
  $('kpi-title').textContent = t('kpis');
  $('lang-zh').classList.toggle('active', lang() === 'zh');
  $('lang-en').classList.toggle('active', lang() === 'en');
  const signedIn = accessToken() !== null;
  ($('token-input') as HTMLInputElement).placeholder = t('tokenPlaceholder');
  $('signin-button').textContent = t('signIn');
  $('signout-button').textContent = t('signOut');
  $('signin-form').hidden = signedIn;
  $('signout-button').hidden = !signedIn;
  $('live-text').textContent = $('live').classList.contains('on') ? t('live') : t('offline');
  $('clock-label').textContent = t('clockNow');
  renderSearchResults();
}

function renderAll(): void {
  renderStatic();
  drawControl();
  drawExceptions();
  drawNetwork();
  drawKpis();
  drawShipment();
  drawHolds();
  tick();
}

/** The location hash names the view and, in the control view, the open flight: `#control/O36921-2026-11-25`. */
function applyRoute(): void {
  const [name, arg] = location.hash.replace(/^#/, '').split('/');
  const next = (VIEWS as readonly string[]).includes(name ?? '') ? (name as View) : accessToken() ? 'control' : 'track';
  const changed = next !== view;
  view = next;
  if (view === 'control') openFlight(arg ? decodeURIComponent(arg) : null, drawControl);
  renderStatic();
  if (changed && view === 'network') drawNetwork(); // drawn to the width it now has
}
const navigate = (hash: string) => {
  if (location.hash === `#${hash}`) applyRoute();
  else location.hash = hash;
};

/** Search results (`GET /v1/control/search`) shown under the search box. */
let results: SearchMatch[] | null = null;

function renderSearchResults(): void {
  const box = $('search-results');
  if (results === null) {
    box.innerHTML = '';
    return;
  }
  const describe = (r: SearchMatch) => {
    if (r.kind === 'FLIGHT') return `${r.detail.airport} → ${r.detail.destination} · ${fmtTime(r.detail.departureAt)}`;
    if (r.kind === 'STATION') return `${lang() === 'zh' ? r.detail.nameZh : r.detail.nameEn} · ${t('today')} ${shipmentsText(r.detail.shipmentsToday)}`;
    return `${r.detail.status ?? ''} ${r.detail.station ?? ''}`;
  };
  const kindText = { AWB: t('resultAwb'), FLIGHT: t('resultFlight'), STATION: t('resultStation') };
  box.innerHTML =
    results.length === 0
      ? `<p class="mute" id="no-results">${esc(t('noMatches'))}</p>`
      : `<ul>${results.map((r) => `<li><button type="button" data-result-kind="${r.kind}" data-result-id="${esc(r.id)}"><span class="badge">${esc(kindText[r.kind])}</span> <strong>${esc(r.label)}</strong> <span class="mute">${esc(describe(r))}</span></button></li>`).join('')}</ul>`;
}

function showTracked(awb: string): void {
  ($('awb-input') as HTMLInputElement).value = awb;
  results = null;
  renderSearchResults();
  navigate('track');
  void track(awb, drawShipment);
  history.replaceState(null, '', `?${new URLSearchParams({ awb, lang: lang() }).toString()}#track`);
}

function openResult(kind: string, id: string): void {
  results = null;
  renderSearchResults();
  if (kind === 'AWB') return showTracked(id);
  if (kind === 'FLIGHT') return navigate(`control/${id}`);
  navigate('control');
  filterControl(id, drawControl);
}

async function search(q: string): Promise<void> {
  if (AWB_PATTERN.test(q) || !accessToken()) return showTracked(q);
  const res = await getJson<{ items?: SearchMatch[] }>(`/v1/control/search?${new URLSearchParams({ q }).toString()}`);
  results = res.body.items ?? [];
  const only = results.length === 1 ? results[0] : undefined;
  if (only) openResult(only.kind, only.id);
  else renderSearchResults();
}

/** Every second: countdowns to cut-off, ages of exceptions and the clock, from the shared clock. */
let lastTickMs: number | null = null;
function tick(): void {
  const now = clock.nowMs();
  if (now === null) return;
  let crossed = false;
  document.querySelectorAll<HTMLElement>('[data-cutoff]').forEach((el) => {
    const left = (Date.parse(el.dataset['cutoff'] ?? '') - now) / 1000;
    if (lastTickMs !== null && left <= 0 && Date.parse(el.dataset['cutoff'] ?? '') > lastTickMs) crossed = true;
    el.textContent = left > 0 ? `${t('cutoffIn')} ${fmtCountdown(left)}` : t('cutoffPassed');
    el.classList.toggle('soon', left > 0 && left < 1800);
  });
  document.querySelectorAll<HTMLElement>('[data-since]').forEach((el) => {
    el.textContent = fmtMinutes((now - Date.parse(el.dataset['since'] ?? '')) / 60_000);
  });
  $('clock-now').textContent = fmtTime(new Date(now).toISOString());
  lastTickMs = now;
  if (crossed) refreshSoon();
}

function refreshData(): void {
  void clock.sync().then(tick);
  void refreshControl(drawControl);
  void refreshNetwork(drawNetwork);
  void refreshKpis(drawKpis);
  void refreshHolds(drawHolds);
}

let pending: number | undefined;
function refreshSoon(): void {
  if (pending !== undefined) return;
  pending = window.setTimeout(() => {
    pending = undefined;
    refreshData();
  }, 1_000);
}

let boardStream: EventStream | null = null;
let exceptionsStream: EventStream | null = null;
function connectStreams(): void {
  boardStream?.close();
  exceptionsStream?.close();
  const live = (on: boolean) => {
    $('live').classList.toggle('on', on);
    $('live-text').textContent = on ? t('live') : t('offline');
  };
  if (!accessToken()) {
    live(false);
    exceptionCount = null;
    denyExceptions();
    return;
  }
  boardStream = openEventStream(
    '/v1/board/stream',
    (type) => {
      if (type === 'shipment' || type === 'flight') refreshSoon();
    },
    live,
  );
  exceptionsStream = openEventStream(
    '/v1/control/exceptions/stream',
    (type, data) => {
      if (type !== 'exceptions') return;
      exceptionCount = setExceptions(JSON.parse(data) as ExceptionsReport);
      $('exceptions-count').textContent = exceptionCount ? String(exceptionCount) : '';
      drawExceptions();
    },
    undefined,
    () => {
      denyExceptions();
      drawExceptions();
    },
  );
}

/** Signing in or out reads everything again with (or without) the token. */
function setToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
  renderAll();
  connectStreams();
  refreshData();
  const awb = ($('awb-input') as HTMLInputElement).value.trim();
  if (AWB_PATTERN.test(awb)) void track(awb, drawShipment);
}

document.addEventListener('click', (event) => {
  const target = event.target as HTMLElement;
  const l = target.closest<HTMLElement>('[data-lang]')?.dataset['lang'] as Lang | undefined;
  if (l) {
    setLang(l);
    const query = new URLSearchParams(location.search);
    if (query.has('lang')) {
      query.set('lang', l);
      history.replaceState(null, '', `?${query.toString()}${location.hash}`);
    }
    renderAll();
  }
  const awb = target.closest<HTMLElement>('[data-awb]')?.dataset['awb'];
  if (awb) {
    event.preventDefault();
    showTracked(awb);
  }
  const result = target.closest<HTMLElement>('[data-result-kind]');
  if (result) openResult(result.dataset['resultKind'] ?? '', result.dataset['resultId'] ?? '');
});
$('signin-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = $('token-input') as HTMLInputElement;
  const token = input.value.trim();
  input.value = '';
  if (token) setToken(token);
});
$('signout-button').addEventListener('click', () => setToken(null));
$('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const q = ($('awb-input') as HTMLInputElement).value.trim();
  if (q) void search(q);
});
window.addEventListener('hashchange', applyRoute);
let resizing: number | undefined;
window.addEventListener('resize', () => {
  window.clearTimeout(resizing);
  resizing = window.setTimeout(drawNetwork, 200);
});
initControl(drawControl, navigate);
initExceptions(drawExceptions);

const initialAwb = new URLSearchParams(location.search).get('awb');
if (initialAwb && !location.hash) history.replaceState(null, '', `${location.search}#track`);
applyRoute();
renderAll();
connectStreams();
refreshData();
setInterval(tick, 1_000);
setInterval(() => void clock.sync(), 30_000);
setInterval(() => void refreshControl(drawControl), 30_000);
if (initialAwb) {
  ($('awb-input') as HTMLInputElement).value = initialAwb;
  void track(initialAwb, drawShipment);
}
