/// <reference lib="dom" />
/**
 * One shipment by AWB with its live timeline (`GET /v1/shipments/:awb` and its server-sent events;
 * anyone may look one up and sees the public status, operators the full view), and the open customs
 * holds (`GET /v1/holds/open`, ops).
 */
import type { Message } from '../../../domain/operator-messages.catalog';
import { getJson, isDenied, openEventStream, type EventStream } from './api.client';
import { fmtTime, label, lang, msg, t } from './dashboard.i18n';
import { NEXT_TEXT, STATUS_TEXT, type TextKey } from './dashboard.translations';
import { cardsTable, esc } from './markup.util';

interface TimelineEntry { eventId: string; code: string; happenedAt: string; recordedAt: string; recordedLate: boolean; place?: string; flightNumber?: string; summary: string; message?: Message }
interface Flag { code: string; detail: string; raisedAt: string; message?: Message }
interface ShipmentView {
  awb: string; status: string | null; statusAt: string | null; stationCode: string | null; destination: string | null; serviceLevel: string | null;
  booking: { flightId?: string; flightNumber: string; origin: string; destination: string; departureAt: string; aircraftKind: string } | null;
  eta: string | null; promisedBy?: string | null; revisedPromise?: string | null; exception?: { code: string; explanation: string } | null; nextActivity: { code: string; dueBy?: string; place?: string; flightNumber?: string } | null;
  openHold: { caseId: string; since: string; reasons: string[] } | null; flags: Flag[]; timeline: TimelineEntry[];
  /** Set on the public view (no names, weights, flags or summaries). */
  restricted?: true;
}

const state = {
  current: null as ShipmentView | null,
  error: null as TextKey | null,
  stream: null as EventStream | null,
  holdsDenied: false,
  holds: [] as ShipmentView[],
};

const holdReasons = (codes: string[] | undefined) => (codes ?? []).map((c) => label('holdReason', c)).join(lang() === 'zh' ? '、' : ', ');

export function renderShipment(kindLabel: (kind: string) => string): void {
  const box = document.getElementById('shipment') as HTMLElement;
  if (state.error) {
    box.innerHTML = `<p class="err" id="shipment-error">${esc(t(state.error))}</p>`;
    return;
  }
  const v = state.current;
  if (!v) {
    box.innerHTML = `<p class="mute hint">${esc(t('trackHint'))}</p>`;
    return;
  }
  const status = v.status ?? '—';
  const b = v.booking;
  const next = v.nextActivity;
  box.innerHTML = `
    <div id="shipment-head"><strong id="shipment-awb">${esc(v.awb)}</strong>
      <span class="status ${esc(status)}" id="shipment-status" data-status="${esc(status)}">${esc(status)}</span>
      <span>${esc(STATUS_TEXT[lang()][status] ?? '')}</span>
      <span class="mute">${esc(v.stationCode ?? '')} → ${esc(v.destination ?? '')} ${esc(v.serviceLevel ?? '')}</span>${v.restricted ? ` <span class="mute" id="shipment-restricted">${esc(t('restricted'))}</span>` : ''}</div>
    <table class="facts-table"><tbody>
      <tr><th>${esc(t('booking'))}</th><td>${b ? `${b.flightId ? `<a href="#control/${esc(b.flightId)}">${esc(b.flightNumber)}</a>` : esc(b.flightNumber)} ${esc(b.origin)} → ${esc(b.destination)} · ${fmtTime(b.departureAt)} · ${esc(kindLabel(b.aircraftKind))}` : '—'}</td></tr>
      <tr><th>${esc(t('eta'))}</th><td>${fmtTime(v.eta)}</td></tr>
      <tr><th>${esc(t('promisedBy'))}</th><td>${fmtTime(v.promisedBy)}${v.revisedPromise ? ` · ${esc(t('revisedPromise'))} <strong id="shipment-revised-promise">${fmtTime(v.revisedPromise)}</strong>` : ''}</td></tr>
      ${v.exception ? `<tr><th>${esc(t('exception'))}</th><td id="shipment-exception" title="${esc(v.exception.explanation)}">${esc(label('assignmentReason', v.exception.code))}</td></tr>` : ''}
      ${v.openHold ? `<tr><th>${esc(t('holds'))}</th><td id="shipment-hold">${fmtTime(v.openHold.since)} · ${esc(holdReasons(v.openHold.reasons))}</td></tr>` : ''}
      <tr><th>${esc(t('next'))}</th><td>${next ? `${esc(NEXT_TEXT[lang()][next.code] ?? next.code)} ${next.flightNumber ? esc(next.flightNumber) : ''} ${next.dueBy ? `≤ ${fmtTime(next.dueBy)}` : ''}` : '—'}</td></tr>
      <tr><th>${esc(t('flags'))}</th><td id="shipment-flags">${(v.flags ?? []).length === 0 ? `<span class="mute">${esc(t('none'))}</span>` : (v.flags ?? []).map((f) => `<span class="flag" title="${esc(f.message ? msg(f.message) : f.detail)}">${esc(label('flag', f.code))}</span>`).join('')}</td></tr>
    </tbody></table>
    <h3>${esc(t('timeline'))}</h3>
    <ol class="timeline" id="timeline">${v.timeline
      .map(
        (e) => `<li data-code="${esc(e.code)}" data-event-id="${esc(e.eventId)}"><span class="status ${esc(e.code)}">${esc(e.code)}</span>
          <span>${fmtTime(e.happenedAt)}${e.recordedLate ? `<br><span class="late">${esc(t('recordedLate'))} ${fmtTime(e.recordedAt)}</span>` : ''}</span>
          <span>${esc(STATUS_TEXT[lang()][e.code] ?? '')} ${e.place ? `· ${esc(e.place)}` : ''}<br><span class="mute">${esc(e.message ? msg(e.message) : (e.summary ?? ''))}</span></span></li>`,
      )
      .join('')}</ol>`;
}

export function renderHolds(operatorOnly: string): void {
  (document.getElementById('holds') as HTMLElement).innerHTML = state.holdsDenied
    ? operatorOnly
    : state.holds.length === 0
      ? `<p class="mute">${esc(t('none'))}</p>`
      : cardsTable(
          [{ label: t('awb') }, { label: t('since') }, { label: t('reasons') }],
          state.holds.map((h) => ({ cells: [`<a href="#track" data-awb="${esc(h.awb)}">${esc(h.awb)}</a>`, fmtTime(h.openHold?.since), esc(holdReasons(h.openHold?.reasons))] })),
          'holds-table',
        );
}

/** Looks up one AWB and follows it live; `render` redraws the shipment. */
export async function track(awb: string, render: () => void): Promise<void> {
  state.stream?.close();
  state.stream = null;
  state.current = null;
  state.error = null;
  const res = await getJson<ShipmentView>(`/v1/shipments/${encodeURIComponent(awb)}`);
  if (res.status === 400) state.error = 'invalidAwb';
  else if (res.status === 404) state.error = 'notFound';
  else state.current = res.body;
  render();
  if (res.status === 400) return;
  state.stream = openEventStream(`/v1/shipments/${encodeURIComponent(awb)}/stream`, (type, data) => {
    if (type !== 'shipment') return;
    state.current = JSON.parse(data) as ShipmentView;
    state.error = null;
    render();
  });
}

export async function refreshHolds(render: () => void): Promise<void> {
  const res = await getJson<{ items?: ShipmentView[] }>('/v1/holds/open');
  state.holdsDenied = isDenied(res.status);
  state.holds = res.body.items ?? [];
  render();
}
