/// <reference lib="dom" />
/**
 * The hub control view: today's departures of WUH and EHU, upcoming ones first (departed ones folded
 * away), each with its load by weight and volume, cut-off countdown and the truck runs feeding it;
 * a flight opens with its shipments and trucks. Data: `GET /v1/control/flights` and
 * `GET /v1/control/flights/:flightId`.
 */
import type { ControlFlightsReport } from '../../../application/hub-control-queries.use-case';
import type { ControlFlight, ControlShipment, TruckRun } from '../../../domain/hub-control.model';
import { downloadCsv, getJson, isDenied } from './api.client';
import { fmtClock, fmtDay, fmtTime, kg, label, lang, m3, pct, shipmentsText, t } from './dashboard.i18n';
import { STATUS_TEXT } from './dashboard.translations';
import { bar, cardsTable, esc } from './markup.util';

interface FlightDetail {
  flight: ControlFlight;
  trucks: TruckRun[];
  items: ControlShipment[];
}

const state = {
  denied: false,
  data: null as ControlFlightsReport | null,
  airport: '' as '' | 'WUH' | 'EHU',
  /** A station code, flight number or destination the list is narrowed to (from the search box). */
  q: '',
  showEmpty: false,
  departedOpen: false,
  openFlightId: null as string | null,
  detail: null as FlightDetail | null,
  detailMissing: false,
};

const root = () => document.getElementById('view-control') as HTMLElement;
const listQuery = () => new URLSearchParams({ includeEmpty: String(state.showEmpty), ...(state.airport ? { airport: state.airport } : {}), ...(state.q ? { q: state.q } : {}) }).toString();

export const kindLabel = (kind: string): string => t(`kind${kind}` as 'kindBELLY') ?? kind;

/** The cut-off countdown: ticked every second from the shared clock by the dashboard's ticker (`data-cutoff`). */
const countdown = (f: ControlFlight) => `<span class="countdown" data-cutoff="${esc(f.cutoffAt)}"></span>`;

function loadCell(value: number, capacity: number | null, factor: number | null, unit: (v: number | null) => string): string {
  const figures = capacity === null ? unit(value) : `${unit(value).replace(/ (kg|m³)$/, '')} / ${unit(capacity)}`;
  return `${bar(factor, 1, null, (factor ?? 0) >= 0.6, 110)} <span class="fig">${figures}${factor === null ? '' : ` · ${pct(factor)}`}</span>`;
}

function flightRows(flights: ControlFlight[]) {
  return flights.map((f) => ({
    attrs: `data-flight-id="${esc(f.flightId)}" class="clickable${f.flightId === state.openFlightId ? ' selected' : ''}"`,
    cells: [
      `<a href="#control/${esc(f.flightId)}" data-flight="${esc(f.flightId)}"><strong>${esc(f.flightNumber)}</strong></a><br><span class="mute">${esc(f.aircraftType ?? '')} ${esc(kindLabel(f.aircraftKind))}</span>`,
      `<span class="nowrap">${esc(f.airport)} → ${esc(f.destination)}</span>`,
      `<strong>${fmtClock(f.departureAt)}</strong>`,
      `${countdown(f)}<br><span class="mute">${fmtClock(f.cutoffAt)}</span>`,
      loadCell(f.weight.bookedKg, f.weight.capacityKg, f.weight.loadFactor, kg),
      loadCell(f.volume.bookedM3, f.volume.capacityM3, f.volume.loadFactor, m3),
      `<span class="nowrap">${shipmentsText(f.shipments)} · ${f.pieces} ${t('piecesUnit')}</span>${f.held ? ` <span class="badge bad">${t('held')} ${f.held}</span>` : ''}${f.flagged ? ` <span class="badge warn">${t('flagged')} ${f.flagged}</span>` : ''}`,
      `${f.trucks.length}${f.trucks.some((r) => r.late) ? ` <span class="badge bad">${t('late')} ${f.trucks.filter((r) => r.late).length}</span>` : ''}`,
      `<span class="badge st-${esc(f.status)}">${esc(label('flightStatus', f.status))}</span>`,
    ],
  }));
}

function flightColumns() {
  return [
    { label: t('flight') },
    { label: t('route') },
    { label: t('departs') },
    { label: t('cutoff') },
    { label: t('weight') },
    { label: t('volume') },
    { label: t('shipments') },
    { label: t('truckRuns'), cls: 'num' },
    { label: t('status') },
  ];
}

function toolbar(d: ControlFlightsReport | null): string {
  const chip = (value: '' | 'WUH' | 'EHU', text: string) => `<button type="button" class="chip${state.airport === value ? ' active' : ''}" data-airport="${value}">${esc(text)}</button>`;
  return `<div class="toolbar">
    <h2 id="control-title">${esc(t('board'))}${d ? ` · ${esc(fmtDay(d.date))}` : ''}</h2>
    <span class="chips">${chip('', t('allAirports'))}${chip('WUH', 'WUH')}${chip('EHU', 'EHU')}</span>
    ${state.q ? `<button type="button" class="chip active" id="control-filter" data-clear-filter>${esc(t('filter'))} ${esc(state.q)} ✕</button>` : ''}
    <label class="check"><input type="checkbox" id="show-empty"${state.showEmpty ? ' checked' : ''}> ${esc(t('showEmpty'))}${d && !state.showEmpty && d.hiddenEmpty > 0 ? ` (${d.hiddenEmpty})` : ''}</label>
    <button type="button" id="control-export" data-export="flights">${esc(t('exportCsv'))}</button>
  </div>`;
}

function listHtml(d: ControlFlightsReport): string {
  const upcoming = d.items.length === 0 ? `<p class="mute" id="no-upcoming">${esc(t('noUpcoming'))}</p>` : `<div class="scroll">${cardsTable(flightColumns(), flightRows(d.items), 'upcoming-flights')}</div>`;
  const departed =
    d.departed.length === 0
      ? ''
      : `<details id="departed-fold"${state.departedOpen ? ' open' : ''}><summary id="departed-toggle">${esc(t('departed'))} (${d.departed.length})</summary><div class="scroll">${cardsTable(flightColumns(), flightRows(d.departed), 'departed-flights')}</div></details>`;
  return `<h3 class="upcoming-title">${esc(t('upcoming'))} (${d.items.length})</h3>${upcoming}${departed}`;
}

function truckTable(trucks: TruckRun[]): string {
  if (trucks.length === 0) return `<p class="mute">${esc(t('none'))}</p>`;
  const columns = [{ label: t('truck') }, { label: t('station') }, { label: t('status') }, { label: t('shipments') }, { label: t('weight') }, { label: t('departBy') }, { label: t('truckDeparted') }, { label: t('truckArrived') }];
  return cardsTable(
    columns,
    trucks.map((r) => ({
      attrs: `data-truck="${esc(r.truckId ?? '')}"`,
      cells: [
        r.truckId ? esc(r.truckId) : `<span class="mute">${esc(t('truckNotLoaded'))}</span>`,
        esc(r.station),
        `${esc(label('truckState', r.state))}${r.late ? ` <span class="badge bad">${esc(t('late'))}</span>` : ''}`,
        `${shipmentsText(r.shipments)} · ${r.pieces} ${t('piecesUnit')}`,
        kg(r.weightKg),
        fmtClock(r.departBy),
        fmtClock(r.departedAt),
        fmtClock(r.arrivedAt),
      ],
    })),
    'flight-trucks',
  );
}

function shipmentTable(items: ControlShipment[]): string {
  if (items.length === 0) return `<p class="mute">${esc(t('none'))}</p>`;
  const columns = [{ label: t('awb') }, { label: t('station') }, { label: t('destination') }, { label: t('serviceLevel') }, { label: t('pieces'), cls: 'num' }, { label: t('weight'), cls: 'num' }, { label: t('status') }, { label: t('flags') }, { label: t('truck') }];
  return cardsTable(
    columns,
    items.map((s) => ({
      attrs: `data-awb-row="${esc(s.awb)}"`,
      cells: [
        `<a href="#track" data-awb="${esc(s.awb)}">${esc(s.awb)}</a>`,
        esc(s.station ?? '—'),
        esc(s.destination ?? '—'),
        esc(s.serviceLevel ?? '—'),
        String(s.pieces ?? '—'),
        kg(s.weightKg),
        `<span class="status ${esc(s.status ?? '')}">${esc(s.status ?? '—')}</span> ${esc(STATUS_TEXT[lang()][s.status ?? ''] ?? '')}`,
        [...s.holdReasons.map((r) => `<span class="flag">${esc(label('holdReason', r))}</span>`), ...s.flags.map((f) => `<span class="flag">${esc(label('flag', f))}</span>`)].join('') || '—',
        s.truckId ? `${esc(s.truckId)}${s.truckState ? `<br><span class="mute">${esc(label('truckState', s.truckState))}</span>` : ''}` : '—',
      ],
    })),
    'flight-shipments',
  );
}

function detailHtml(): string {
  if (!state.openFlightId) return `<p class="mute hint">${esc(t('selectFlight'))}</p>`;
  if (state.detailMissing) return `<p class="err">${esc(t('flightNotFound'))}</p><button type="button" data-close-flight>${esc(t('close'))}</button>`;
  const d = state.detail;
  if (!d) return '';
  const f = d.flight;
  return `<div class="detail-head">
      <h3 id="flight-title"><span id="flight-number">${esc(f.flightNumber)}</span> ${esc(f.airport)} → ${esc(f.destination)}</h3>
      <span class="badge st-${esc(f.status)}" id="flight-status">${esc(label('flightStatus', f.status))}</span>
      <button type="button" data-close-flight id="close-flight">${esc(t('close'))}</button>
    </div>
    <dl class="facts">
      <div><dt>${esc(t('aircraft'))}</dt><dd>${esc(f.aircraftType ?? '')} ${esc(kindLabel(f.aircraftKind))}</dd></div>
      <div><dt>${esc(t('departs'))}</dt><dd>${fmtTime(f.departureAt)}</dd></div>
      <div><dt>${esc(t('cutoff'))}</dt><dd>${fmtTime(f.cutoffAt)} · ${countdown(f)}</dd></div>
      <div><dt>${esc(t('shipments'))}</dt><dd>${shipmentsText(f.shipments)} · ${f.pieces} ${t('piecesUnit')}</dd></div>
      <div><dt>${esc(t('weight'))}</dt><dd>${loadCell(f.weight.bookedKg, f.weight.capacityKg, f.weight.loadFactor, kg)}</dd></div>
      <div><dt>${esc(t('volume'))}</dt><dd>${loadCell(f.volume.bookedM3, f.volume.capacityM3, f.volume.loadFactor, m3)}</dd></div>
      <div><dt>${esc(t('manifest'))}</dt><dd>${f.manifest ? `${esc(t('manifested'))} ${fmtClock(f.manifest.closedAt)}` : esc(t('manifestOpen'))}</dd></div>
    </dl>
    <h3>${esc(t('truckRuns'))} (${d.trucks.length})</h3>
    <div class="scroll">${truckTable(d.trucks)}</div>
    <div class="toolbar"><h3>${esc(t('flightShipments'))} (${d.items.length})</h3><button type="button" data-export="manifest" id="manifest-export">${esc(t('exportCsv'))}</button></div>
    <div class="scroll">${shipmentTable(d.items)}</div>`;
}

export function renderControl(operatorOnly: string): void {
  if (state.denied) {
    root().innerHTML = operatorOnly;
    return;
  }
  root().innerHTML = `${toolbar(state.data)}<div class="split${state.openFlightId ? ' has-detail' : ''}">
    <div id="board">${state.data ? listHtml(state.data) : ''}</div>
    <aside id="flight-detail">${detailHtml()}</aside></div>`;
}

async function loadDetail(): Promise<void> {
  const id = state.openFlightId;
  if (!id) return;
  const res = await getJson<FlightDetail>(`/v1/control/flights/${encodeURIComponent(id)}`);
  if (state.openFlightId !== id) return;
  state.detailMissing = res.status === 404;
  state.detail = res.status === 200 ? res.body : null;
}

/** Reads the list (and the open flight) again; `render` draws the result. */
export async function refreshControl(render: () => void): Promise<void> {
  const [res] = await Promise.all([getJson<ControlFlightsReport>(`/v1/control/flights?${listQuery()}`), loadDetail()]);
  state.denied = isDenied(res.status);
  state.data = res.status === 200 ? res.body : null;
  render();
}

export function openFlight(flightId: string | null, render: () => void): void {
  if (state.openFlightId === flightId) return;
  state.openFlightId = flightId;
  state.detail = null;
  state.detailMissing = false;
  render();
  void loadDetail().then(() => {
    render();
    if (flightId && window.matchMedia('(max-width: 1199px)').matches) document.getElementById('flight-detail')?.scrollIntoView({ block: 'start' });
  });
}

/** Narrows the list to a station, flight or destination (`''` shows all). */
export function filterControl(q: string, render: () => void): void {
  state.q = q;
  void refreshControl(render);
}

/** Clicks and toggles inside the view; `navigate` changes the location hash (which opens or closes a flight). */
export function initControl(render: () => void, navigate: (hash: string) => void): void {
  const el = root();
  el.addEventListener('click', (event) => {
    const target = event.target as HTMLElement;
    if (target.closest('[data-awb]')) return; // the dashboard tracks the AWB
    const airport = target.closest<HTMLElement>('[data-airport]')?.dataset['airport'];
    if (airport !== undefined) {
      state.airport = airport as typeof state.airport;
      void refreshControl(render);
      return;
    }
    if (target.closest('[data-clear-filter]')) return filterControl('', render);
    if (target.closest('[data-close-flight]')) return navigate('control');
    const exportKind = target.closest<HTMLElement>('[data-export]')?.dataset['export'];
    if (exportKind === 'flights') void downloadCsv(`/v1/control/flights?${listQuery()}`, `flights-${state.data?.date ?? 'today'}.csv`);
    if (exportKind === 'manifest' && state.openFlightId) void downloadCsv(`/v1/control/flights/${encodeURIComponent(state.openFlightId)}`, `manifest-${state.openFlightId}.csv`);
    if (exportKind) return;
    const row = target.closest<HTMLElement>('[data-flight-id]');
    if (row) {
      event.preventDefault();
      navigate(`control/${row.dataset['flightId']}`);
    }
  });
  el.addEventListener('change', (event) => {
    const target = event.target as HTMLInputElement;
    if (target.id === 'show-empty') {
      state.showEmpty = target.checked;
      void refreshControl(render);
    }
  });
  el.addEventListener(
    'toggle',
    (event) => {
      if ((event.target as HTMLElement).id === 'departed-fold') state.departedOpen = (event.target as HTMLDetailsElement).open;
    },
    true,
  );
}
