/// <reference lib="dom" />
/**
 * The exceptions queue: what needs an operator now (promise at risk, no flight, wait-listed, customs
 * holds past the threshold, pieces short, trucks late for cut-off), oldest first, each with its
 * reason, age and the action that resolves it. Kept current by the server-sent events of
 * `GET /v1/control/exceptions/stream` (the whole list on every change).
 */
import type { ExceptionsReport } from '../../../application/hub-control-queries.use-case';
import type { OperatorException } from '../../../domain/operator-exceptions.policy';
import type { Message } from '../../../domain/operator-messages.catalog';
import { downloadCsv } from './api.client';
import { label, msg, t, tf } from './dashboard.i18n';
import { cardsTable, esc } from './markup.util';

const state = {
  denied: false,
  list: null as ExceptionsReport | null,
  kind: '',
  /** Ids that appeared in the latest update (highlighted until the next one). */
  fresh: new Set<string>(),
};

const root = () => document.getElementById('view-exceptions') as HTMLElement;

/** Takes a new list from the stream; returns how many exceptions are open. */
export function setExceptions(list: ExceptionsReport): number {
  const before = new Set(state.list?.items.map((i) => i.id) ?? []);
  state.fresh = state.list ? new Set(list.items.filter((i) => !before.has(i.id)).map((i) => i.id)) : new Set();
  state.list = list;
  state.denied = false;
  return list.items.length;
}

export function denyExceptions(): void {
  state.denied = true;
  state.list = null;
}

const where = (i: OperatorException) =>
  [
    i.flightId ? `<a href="#control/${esc(i.flightId)}">${esc(i.flightNumber ?? i.flightId)}</a>` : '',
    i.station ? esc(i.station) : '',
    i.airport ? esc(i.airport) : '',
  ]
    .filter(Boolean)
    .join(' · ') || '—';

const explanationOf = (m: Message) => (typeof m.params['explanation'] === 'string' ? ` title="${esc(m.params['explanation'])}"` : '');

export function renderExceptions(operatorOnly: string): void {
  if (state.denied) {
    root().innerHTML = operatorOnly;
    return;
  }
  const list = state.list;
  const items = (list?.items ?? []).filter((i) => !state.kind || i.kind === state.kind);
  const counts = new Map<string, number>();
  for (const i of list?.items ?? []) counts.set(i.kind, (counts.get(i.kind) ?? 0) + 1);
  const chip = (kind: string, text: string, n: number) => `<button type="button" class="chip${state.kind === kind ? ' active' : ''}" data-kind="${esc(kind)}">${esc(text)} ${n}</button>`;
  const columns = [{ label: t('kind') }, { label: t('awb') }, { label: t('where') }, { label: t('reason') }, { label: t('age') }, { label: t('action') }];
  const table = cardsTable(
    columns,
    items.map((i) => ({
      attrs: `data-exception-id="${esc(i.id)}" data-kind="${esc(i.kind)}"${state.fresh.has(i.id) ? ' class="fresh"' : ''}`,
      cells: [
        `<span class="badge kind-${esc(i.kind)}">${esc(label('exceptionKind', i.kind))}</span>`,
        `<a href="#track" data-awb="${esc(i.awb)}">${esc(i.awb)}</a>`,
        where(i),
        `<span class="reason"${explanationOf(i.reason)}>${esc(msg(i.reason))}</span>`,
        `<span data-since="${esc(i.since)}"></span>`,
        `${esc(msg(i.action))}<br><code>${esc(i.action.method)} ${esc(i.action.path)}</code>`,
      ],
    })),
    'exceptions-table',
  );
  root().innerHTML = `<div class="toolbar">
      <h2 id="exceptions-title">${esc(t('exceptionsTitle'))}</h2>
      <span class="chips">${chip('', t('allKinds'), list?.items.length ?? 0)}${[...counts].map(([kind, n]) => chip(kind, label('exceptionKind', kind), n)).join('')}</span>
      <button type="button" data-export="exceptions" id="exceptions-export">${esc(t('exportCsv'))}</button>
    </div>
    ${list ? `<p class="mute" id="exceptions-threshold">${esc(tf('holdThreshold', { n: list.thresholds.customsHoldMinutes }))}</p>` : ''}
    <div id="exceptions">${!list ? '' : items.length === 0 ? `<p class="mute" id="no-exceptions">${esc(t('noExceptions'))}</p>` : `<div class="scroll">${table}</div>`}</div>`;
}

export function initExceptions(render: () => void): void {
  root().addEventListener('click', (event) => {
    const target = event.target as HTMLElement;
    if (target.closest('[data-export="exceptions"]')) {
      void downloadCsv(`/v1/control/exceptions${state.kind ? `?kind=${encodeURIComponent(state.kind)}` : ''}`, 'exceptions.csv');
      return;
    }
    const kind = target.closest<HTMLElement>('button[data-kind]')?.dataset['kind'];
    if (kind !== undefined) {
      state.kind = kind;
      render();
    }
  });
}
