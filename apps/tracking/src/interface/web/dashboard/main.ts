/// <reference lib="dom" />
/**
 * The tracking dashboard (plain TypeScript, bundled by esbuild): AWB search with a live timeline,
 * open holds, KPI tiles against the 2027 targets, and the WUH/EHU departures board. Texts in
 * Chinese and English. Data comes from the tracking API and its server-sent events.
 */
import { FLAG_TEXT, KPI_HELP, NEXT_TEXT, STATUS_TEXT, TEXT, type KpiKey, type Lang, type TextKey } from './dashboard.translations';

interface TimelineEntry { eventId: string; code: string; happenedAt: string; recordedAt: string; recordedLate: boolean; place?: string; flightNumber?: string; summary: string }
interface Flag { code: string; detail: string; raisedAt: string }
interface ShipmentView {
  awb: string; status: string | null; statusAt: string | null; stationCode: string | null; destination: string | null; serviceLevel: string | null;
  booking: { flightNumber: string; origin: string; destination: string; departureAt: string; aircraftKind: string } | null;
  eta: string | null; promisedBy?: string | null; revisedPromise?: string | null; exception?: { code: string; explanation: string } | null; nextActivity: { code: string; dueBy?: string; place?: string; flightNumber?: string } | null;
  openHold: { caseId: string; since: string; reasons: string[] } | null; flags: Flag[]; timeline: TimelineEntry[];
  /** Set on the public view (no names, weights, flags or summaries). */
  restricted?: true;
}
interface BoardFlight { flightId: string; flightNumber: string; origin: string; destination: string; departureAt: string; aircraftKind: string; capacityKg: number | null; bookedShipments: number; bookedKg: number; manifested: boolean; loadFactor: number | null }
interface Ratio { numerator: number; denominator: number; value: number | null }
interface Kpis {
  asOf: string;
  airSelfTransport: Ratio & { target: number; breakdown: { flown: number; roadFed: number; waitlisted: number; exceptions: number; undecided: number } };
  onTime: Array<Ratio & { serviceLevel: string; lateDelivered: number; lateNotDelivered: number; notYetDue: number }>;
  expressLines: { shanghaiPerDay: number | null; hongKongPerDay: number | null; completedDays: number; targets: { shanghai: number; hongKong: { min: number; max: number } }; days: Array<{ date: string; shanghai: number; hongKong: number }> };
  internationalRoutes: { count: number; target: number };
  transferRoutes: { count: number; target: number };
  customsHoldHours: { count: number; medianHours: number | null; p90Hours: number | null; open: number };
  loadFactors: { byAirport: Array<Ratio & { key: string; flights: number }>; byAircraftKind: Array<Ratio & { key: string; flights: number }> };
}

const params = new URLSearchParams(location.search);
let lang: Lang = (params.get('lang') as Lang) || (localStorage.getItem('lang') as Lang) || 'zh';
if (lang !== 'zh' && lang !== 'en') lang = 'zh';
let current: ShipmentView | null = null;
let currentError: TextKey | null = null;
let shipmentStream: EventStream | null = null;
let operatorDenied = false;
let boardCache: BoardFlight[] = [];
let holdsCache: ShipmentView[] = [];
let kpiCache: Kpis | null = null;

const $ = (id: string) => document.getElementById(id) as HTMLElement;
const t = (key: TextKey) => TEXT[lang][key];
const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const fmtTime = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }) : '—';
const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);
const num = (v: number | null, digits = 1) => (v === null ? '—' : String(Math.round(v * 10 ** digits) / 10 ** digits));

/** The operator's access token (pasted once per browser tab; never stored beyond the session). */
const TOKEN_KEY = 'cargo.accessToken';
const accessToken = (): string | null => sessionStorage.getItem(TOKEN_KEY);
const authHeaders = (): Record<string, string> => {
  const token = accessToken();
  return token ? { authorization: `Bearer ${token}` } : {};
};

async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { headers: { accept: 'application/json', ...authHeaders() } });
  return { status: res.status, body: (await res.json()) as T };
}

interface EventStream {
  close(): void;
}

/**
 * Server-sent events over fetch, so the request carries the bearer token (EventSource cannot send
 * headers). Reconnects after a dropped connection; `onOpen(false)` while it is down.
 */
function openEventStream(url: string, onEvent: (type: string, data: string) => void, onOpen: (open: boolean) => void = () => undefined): EventStream {
  const controller = new AbortController();
  let closed = false;
  const run = async (): Promise<void> => {
    while (!closed) {
      try {
        const res = await fetch(url, { headers: { accept: 'text/event-stream', ...authHeaders() }, signal: controller.signal });
        if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
        onOpen(true);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const type = /^event: ?(.*)$/m.exec(block)?.[1] ?? 'message';
            const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).replace(/^ /, '')).join('\n');
            if (data !== '') onEvent(type, data);
          }
        }
      } catch {
        if (closed) return;
      }
      onOpen(false);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    }
  };
  void run();
  return {
    close: () => {
      closed = true;
      controller.abort();
    },
  };
}

/** A horizontal bar with a target marker, as inline SVG. */
function bar(value: number | null, max: number, target: number | null, good: boolean): string {
  const w = 180;
  const x = (v: number) => Math.max(0, Math.min(w, (v / max) * w));
  const fill = value === null ? '#2e4a70' : good ? '#3ecf8e' : '#f5a524';
  return `<svg width="${w}" height="14" viewBox="0 0 ${w} 14" role="img"><rect width="${w}" height="14" rx="3" fill="#0b1423"/>` +
    (value === null ? '' : `<rect width="${x(value)}" height="14" rx="3" fill="${fill}"/>`) +
    (target === null ? '' : `<line x1="${x(target)}" x2="${x(target)}" y1="0" y2="14" stroke="#fff" stroke-width="2"/>`) +
    '</svg>';
}

function renderStatic(): void {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title');
  $('title').textContent = t('title');
  $('search-title').textContent = t('search');
  $('search-button').textContent = t('searchButton');
  $('holds-title').textContent = t('holds');
  $('kpi-title').textContent = t('kpis');
  $('board-title').textContent = t('board');
  $('lang-zh').classList.toggle('active', lang === 'zh');
  $('lang-en').classList.toggle('active', lang === 'en');
  const signedIn = accessToken() !== null;
  ($('token-input') as HTMLInputElement).placeholder = t('tokenPlaceholder');
  $('signin-button').textContent = t('signIn');
  $('signout-button').textContent = t('signOut');
  $('signin-form').hidden = signedIn;
  $('signout-button').hidden = !signedIn;
}

/** Operator panels show why they are empty when the caller is not `ops`. */
const operatorOnly = () => `<p class="mute" data-operator-only>${esc(t('operatorOnly'))}</p>`;

function renderShipment(): void {
  const box = $('shipment');
  if (currentError) {
    box.innerHTML = `<p class="err" id="shipment-error">${esc(t(currentError))}</p>`;
    return;
  }
  const v = current;
  if (!v) {
    box.innerHTML = '';
    return;
  }
  const status = v.status ?? '—';
  const b = v.booking;
  const next = v.nextActivity;
  box.innerHTML = `
    <div id="shipment-head"><strong id="shipment-awb">${esc(v.awb)}</strong>
      <span class="status ${esc(status)}" id="shipment-status" data-status="${esc(status)}">${esc(status)}</span>
      <span>${esc(STATUS_TEXT[lang][status] ?? '')}</span>
      <span class="mute">${esc(v.stationCode ?? '')} → ${esc(v.destination ?? '')} ${esc(v.serviceLevel ?? '')}</span>${v.restricted ? ` <span class="mute" id="shipment-restricted">${esc(t('restricted'))}</span>` : ''}</div>
    <table><tbody>
      <tr><th>${t('booking')}</th><td>${b ? `${esc(b.flightNumber)} ${esc(b.origin)}→${esc(b.destination)} · ${fmtTime(b.departureAt)} · ${esc(b.aircraftKind)}` : '—'}</td></tr>
      <tr><th>${t('eta')}</th><td>${fmtTime(v.eta)}</td></tr>
      <tr><th>${t('promisedBy')}</th><td>${fmtTime(v.promisedBy)}${v.revisedPromise ? ` · ${t('revisedPromise')} <strong id="shipment-revised-promise">${fmtTime(v.revisedPromise)}</strong>` : ''}</td></tr>
      ${v.exception ? `<tr><th>${t('exception')}</th><td id="shipment-exception">${esc(v.exception.code)}: ${esc(v.exception.explanation)}</td></tr>` : ''}
      <tr><th>${t('next')}</th><td>${next ? `${esc(NEXT_TEXT[lang][next.code] ?? next.code)} ${next.flightNumber ? esc(next.flightNumber) : ''} ${next.dueBy ? `≤ ${fmtTime(next.dueBy)}` : ''}` : '—'}</td></tr>
      <tr><th>${t('flags')}</th><td id="shipment-flags">${(v.flags ?? []).length === 0 ? `<span class="mute">${t('none')}</span>` : (v.flags ?? []).map((f) => `<span class="flag" title="${esc(f.detail)}">${esc(FLAG_TEXT[lang][f.code] ?? f.code)}</span>`).join('')}</td></tr>
    </tbody></table>
    <h2 style="margin-top:12px">${t('timeline')}</h2>
    <ol class="timeline" id="timeline">${v.timeline
      .map(
        (e) => `<li data-code="${esc(e.code)}" data-event-id="${esc(e.eventId)}"><span class="status ${esc(e.code)}">${esc(e.code)}</span>
          <span>${fmtTime(e.happenedAt)}${e.recordedLate ? `<br><span class="late">${t('recordedLate')} ${fmtTime(e.recordedAt)}</span>` : ''}</span>
          <span>${esc(STATUS_TEXT[lang][e.code] ?? '')} ${e.place ? `· ${esc(e.place)}` : ''}<br><span class="mute">${esc(e.summary ?? '')}</span></span></li>`,
      )
      .join('')}</ol>`;
}

function renderHolds(): void {
  $('holds').innerHTML = operatorDenied
    ? operatorOnly()
    : holdsCache.length === 0
      ? `<p class="mute">${t('none')}</p>`
      : `<table><thead><tr><th>AWB</th><th>${t('since')}</th><th>${t('reasons')}</th></tr></thead><tbody>${holdsCache
          .map((h) => `<tr><td><a href="#" data-awb="${esc(h.awb)}">${esc(h.awb)}</a></td><td>${fmtTime(h.openHold?.since)}</td><td>${esc(h.openHold?.reasons.join(', '))}</td></tr>`)
          .join('')}</tbody></table>`;
}

function renderBoard(): void {
  if (operatorDenied) {
    $('board').innerHTML = operatorOnly();
    return;
  }
  const section = (airport: string) => {
    const rows = boardCache.filter((f) => f.origin === airport);
    return `<h2>${airport}</h2>${
      rows.length === 0
        ? `<p class="mute">${t('noData')}</p>`
        : `<table><thead><tr><th>${t('flight')}</th><th>${t('destination')}</th><th>${t('departs')}</th><th>${t('kind')}</th><th>${t('booked')}</th><th>${t('loadFactor')}</th></tr></thead><tbody>${rows
            .map((f) => {
              const lf = f.loadFactor ?? (f.capacityKg ? f.bookedKg / f.capacityKg : null);
              return `<tr><td>${esc(f.flightNumber)}</td><td>${esc(f.destination)}</td><td>${fmtTime(f.departureAt)}</td><td>${esc(f.aircraftKind)}</td>
                <td>${f.bookedShipments} · ${Math.round(f.bookedKg)} kg</td><td>${bar(lf, 1, null, (lf ?? 0) >= 0.6)} ${pct(lf)} ${f.manifested ? `<span class="mute">${t('manifested')}</span>` : ''}</td></tr>`;
            })
            .join('')}</tbody></table>`
    }`;
  };
  $('board').innerHTML = `<div style="display:grid;grid-template-columns:1fr 1fr;gap:16px"><div>${section('WUH')}</div><div>${section('EHU')}</div></div>`;
}

/** A KPI tile; its tooltip is the KPI's written definition (numerator, denominator, window, exclusions). */
function kpiTile(key: KpiKey, title: string, value: string, svg: string, sub = ''): string {
  return `<div class="tile" data-kpi="${key}" title="${esc(KPI_HELP[lang][key])}"><div class="t">${esc(title)} <span class="mute" aria-hidden="true">ⓘ</span></div><div class="v">${value}</div>${svg}<div class="t">${sub}</div></div>`;
}

function selfTransportTile(k: Kpis): string {
  const a = k.airSelfTransport;
  const b = a.breakdown;
  const parts = `${t('flown')} ${b.flown} · ${t('roadFed')} ${b.roadFed} · ${t('waitlisted')} ${b.waitlisted} · ${t('exceptions')} ${b.exceptions} · ${t('undecided')} ${b.undecided}`;
  return kpiTile('airSelfTransport', t('airSelfTransport'), pct(a.value), bar(a.value, 1, a.target, (a.value ?? 0) >= a.target), `${t('target')} 90% · ${a.numerator}/${a.denominator}<br>${parts}`);
}

function onTimeTile(o: Kpis['onTime'][number]): string {
  const parts = `${t('lateDelivered')} ${o.lateDelivered} · ${t('lateNotDelivered')} ${o.lateNotDelivered} · ${t('notYetDue')} ${o.notYetDue}`;
  return kpiTile('onTime', `${t('onTime')} ${o.serviceLevel}`, pct(o.value), bar(o.value, 1, 0.95, (o.value ?? 0) >= 0.95), `${o.numerator}/${o.denominator}<br>${parts}`);
}

function expressTiles(e: Kpis['expressLines']): string[] {
  const days = `${t('completedDays')} ${e.completedDays}`;
  return [
    kpiTile('shanghai', t('shanghai'), num(e.shanghaiPerDay), bar(e.shanghaiPerDay, 25, e.targets.shanghai, (e.shanghaiPerDay ?? 0) >= e.targets.shanghai), `${t('target')} ~${e.targets.shanghai} · ${days}`),
    kpiTile('hongKong', t('hongKong'), num(e.hongKongPerDay), bar(e.hongKongPerDay, 8, e.targets.hongKong.min, (e.hongKongPerDay ?? 0) >= e.targets.hongKong.min), `${t('target')} 5–6 · ${days}`),
  ];
}

function renderKpis(): void {
  const k = kpiCache;
  if (!k) {
    $('kpis').innerHTML = operatorDenied ? operatorOnly() : '';
    return;
  }
  const groups = (list: Kpis['loadFactors']['byAirport']) => list.map((g) => `<div>${esc(g.key)} ${bar(g.value, 1, null, true)} ${pct(g.value)}</div>`).join('') || `<span class="mute">${t('noData')}</span>`;
  const tiles = [
    selfTransportTile(k),
    ...k.onTime.map(onTimeTile),
    ...expressTiles(k.expressLines),
    kpiTile('intlRoutes', t('intlRoutes'), String(k.internationalRoutes.count), bar(k.internationalRoutes.count, 30, k.internationalRoutes.target, k.internationalRoutes.count >= k.internationalRoutes.target), `${t('target')} ${k.internationalRoutes.target}+`),
    kpiTile('transferRoutes', t('transferRoutes'), String(k.transferRoutes.count), bar(k.transferRoutes.count, 30, k.transferRoutes.target, k.transferRoutes.count >= k.transferRoutes.target), `${t('target')} ${k.transferRoutes.target}+`),
    kpiTile('holdTime', t('holdTime'), `${num(k.customsHoldHours.medianHours)} / ${num(k.customsHoldHours.p90Hours)}`, '', `n=${k.customsHoldHours.count} · ${t('open')} ${k.customsHoldHours.open}`),
    kpiTile('loadFactor', t('lfAirport'), '', groups(k.loadFactors.byAirport)),
    kpiTile('loadFactor', t('lfKind'), '', groups(k.loadFactors.byAircraftKind)),
  ];
  $('kpis').innerHTML = `${tiles.join('')}<p class="mute" id="kpi-as-of">${t('asOf')} ${fmtTime(k.asOf)}</p>`;
}

function renderAll(): void {
  renderStatic();
  renderShipment();
  renderHolds();
  renderBoard();
  renderKpis();
}

async function track(awb: string): Promise<void> {
  shipmentStream?.close();
  shipmentStream = null;
  current = null;
  currentError = null;
  const res = await getJson<ShipmentView & { error?: { code: string } }>(`/v1/shipments/${encodeURIComponent(awb)}`);
  if (res.status === 400) currentError = 'invalidAwb';
  else if (res.status === 404) currentError = 'notFound';
  else current = res.body;
  renderShipment();
  if (res.status === 400) return;
  shipmentStream = openEventStream(`/v1/shipments/${encodeURIComponent(awb)}/stream`, (type, data) => {
    if (type !== 'shipment') return;
    current = JSON.parse(data) as ShipmentView;
    currentError = null;
    renderShipment();
  });
  history.replaceState(null, '', `?${new URLSearchParams({ awb, lang }).toString()}`);
}

/** The board shows departures from a day before the service's "now" (its shared clock, not the browser's). */
const BOARD_LOOKBACK_MS = 24 * 3_600_000;

async function refreshBoard(): Promise<void> {
  const clock = await getJson<{ now: string }>('/v1/clock');
  const from = new Date(Date.parse(clock.body.now) - BOARD_LOOKBACK_MS).toISOString();
  const [board, holds] = await Promise.all([getJson<{ flights: BoardFlight[] }>(`/v1/board/departures?from=${encodeURIComponent(from)}`), getJson<{ items: ShipmentView[] }>('/v1/holds/open')]);
  operatorDenied = board.status === 401 || board.status === 403;
  boardCache = board.body.flights ?? [];
  holdsCache = holds.body.items ?? [];
  renderBoard();
  renderHolds();
}

async function refreshKpis(): Promise<void> {
  const kpis = await getJson<Kpis>('/v1/kpis');
  kpiCache = kpis.status === 200 ? kpis.body : null;
  renderKpis();
}

let pending: number | undefined;
function refreshSoon(): void {
  if (pending !== undefined) return;
  pending = window.setTimeout(() => {
    pending = undefined;
    void refreshBoard();
    void refreshKpis();
  }, 1_000);
}

let boardStream: EventStream | null = null;
function connectBoard(): void {
  boardStream?.close();
  const live = (on: boolean) => {
    $('live').classList.toggle('on', on);
    $('live-text').textContent = on ? t('live') : t('offline');
  };
  if (!accessToken()) {
    live(false);
    return;
  }
  boardStream = openEventStream(
    '/v1/board/stream',
    (type) => {
      if (type === 'shipment' || type === 'flight') refreshSoon();
    },
    live,
  );
}

/** Signing in or out re-reads everything with (or without) the token. */
function setToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
  renderAll();
  connectBoard();
  void refreshBoard();
  void refreshKpis();
  const awb = (document.getElementById('awb-input') as HTMLInputElement).value.trim();
  if (awb) void track(awb);
}

document.addEventListener('click', (event) => {
  const target = event.target as HTMLElement;
  const l = target.dataset['lang'] as Lang | undefined;
  if (l) {
    lang = l;
    localStorage.setItem('lang', l);
    renderAll();
    $('live-text').textContent = $('live').classList.contains('on') ? t('live') : t('offline');
  }
  const awb = target.dataset['awb'];
  if (awb) {
    event.preventDefault();
    (document.getElementById('awb-input') as HTMLInputElement).value = awb;
    void track(awb);
  }
});
$('signin-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = document.getElementById('token-input') as HTMLInputElement;
  const token = input.value.trim();
  input.value = '';
  if (token) setToken(token);
});
$('signout-button').addEventListener('click', () => setToken(null));
$('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const awb = (document.getElementById('awb-input') as HTMLInputElement).value.trim();
  if (awb) void track(awb);
});

renderAll();
connectBoard();
void refreshBoard();
void refreshKpis();
const initial = params.get('awb');
if (initial) {
  (document.getElementById('awb-input') as HTMLInputElement).value = initial;
  void track(initial);
}
