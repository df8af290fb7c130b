/// <reference lib="dom" />
/**
 * The picture of the network: the forward stations, WUH and EHU, and the day's destinations as an
 * inline SVG drawn from `GET /v1/control/network` (positions come with the data: no map tiles, no
 * internet), with the day's flows drawn to scale — a flow's stroke width is proportional to its
 * weight.
 */
import type { NetworkFlow, NetworkNode } from '../../../domain/hub-network.layout';
import { getJson, isDenied } from './api.client';
import { fmtDay, kg, lang, runsText, shipmentsText, t } from './dashboard.i18n';
import { cardsTable, esc } from './markup.util';

type FlowMode = NetworkFlow['mode'];
interface Network {
  date: string;
  asOf: string;
  viewBox: { width: number; height: number };
  nodes: NetworkNode[];
  items: NetworkFlow[];
  max: { weightKg: number; shipments: number };
}

/** Stroke width, in viewBox units, of the heaviest flow; every other flow is drawn in proportion. */
const MAX_STROKE = 18;
const MODE_COLOR: Record<FlowMode, string> = { TRUCK: '#f5a524', FLIGHT: '#4da3ff', ROAD_FEEDER: '#f25f5c' };

const state = { denied: false, network: null as Network | null };
const root = () => document.getElementById('network') as HTMLElement;

export const strokeWidthOf = (weightKg: number, maxKg: number): number => (maxKg > 0 ? (MAX_STROKE * weightKg) / maxKg : 0);
const nodeName = (n: NetworkNode) => (lang() === 'zh' ? n.nameZh : n.nameEn);
const modeLabel = (mode: FlowMode) => t(`mode${mode}` as 'modeTRUCK');

/** A round reference weight (1, 2 or 5 × 10ⁿ kg) not above the heaviest flow, for the legend. */
function referenceKg(maxKg: number): number {
  const base = 10 ** Math.floor(Math.log10(maxKg));
  return [5, 2, 1].map((m) => m * base).find((v) => v <= maxKg) ?? base;
}

function flowPath(a: NetworkNode, b: NetworkNode): string {
  // A slight bend, so flows into a hub from nearby stations stay apart.
  const mx = (a.x + b.x) / 2;
  const my = (a.y + b.y) / 2;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const cx = mx - dy * 0.12;
  const cy = my + dx * 0.12;
  return `M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${cx.toFixed(1)},${cy.toFixed(1)} ${b.x.toFixed(1)},${b.y.toFixed(1)}`;
}

/** Width of a label in viewBox units: CJK characters about a font size each, others about 0.6. */
const textWidth = (text: string, font: number) => [...text].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 1 : 0.6) * font, 0);

interface Placed {
  text: string;
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
}

/**
 * Places node labels most important first (the list's order), each at the first spot around its
 * node — right, left, above, below; with its long text, then its short one — that overlaps no node
 * and no label placed before, and stays inside the picture. A label with no free spot is left out: the node's
 * tooltip still names it.
 */
function placeLabels(items: Array<{ code: string; x: number; y: number; r: number; texts: string[] }>, font: number, box: { width: number; height: number }, dots: Array<{ x: number; y: number; r: number }>): Map<string, Placed> {
  const taken: Array<[number, number, number, number]> = dots.map((d) => [d.x - d.r, d.y - d.r, d.x + d.r, d.y + d.r]);
  const placed = new Map<string, Placed>();
  for (const item of items) {
    spots: for (const text of item.texts) {
      const w = textWidth(text, font);
      const candidates: Placed[] = [
        { text, x: item.x + item.r + 3, y: item.y + font * 0.35, anchor: 'start' },
        { text, x: item.x - item.r - 3, y: item.y + font * 0.35, anchor: 'end' },
        { text, x: item.x, y: item.y - item.r - font * 0.3, anchor: 'middle' },
        { text, x: item.x, y: item.y + item.r + font, anchor: 'middle' },
      ];
      for (const c of candidates) {
        const left = c.anchor === 'start' ? c.x : c.anchor === 'end' ? c.x - w : c.x - w / 2;
        const rect: [number, number, number, number] = [left, c.y - font * 0.85, left + w, c.y + font * 0.2];
        const inside = rect[0] >= 0 && rect[1] >= 0 && rect[2] <= box.width && rect[3] <= box.height;
        if (inside && !taken.some((t) => rect[0] < t[2] && t[0] < rect[2] && rect[1] < t[3] && t[1] < rect[3])) {
          taken.push(rect);
          placed.set(item.code, c);
          break spots;
        }
      }
    }
  }
  return placed;
}

function svg(n: Network, pxPerUnit: number): string {
  const byCode = new Map(n.nodes.map((node) => [node.code, node]));
  /** Labels stay about 12 px high whatever the picture's width. */
  const font = Math.min(28, Math.max(12, 12 / pxPerUnit));
  const flows = [...n.items]
    .sort((a, b) => b.weightKg - a.weightKg)
    .map((f) => {
      const a = byCode.get(f.from);
      const b = byCode.get(f.to);
      if (!a || !b) return '';
      const width = strokeWidthOf(f.weightKg, n.max.weightKg);
      const title = `${f.from} → ${f.to} · ${modeLabel(f.mode)} · ${shipmentsText(f.shipments)} · ${kg(f.weightKg)} · ${runsText(f.runs)}`;
      return `<path class="flow" data-from="${esc(f.from)}" data-to="${esc(f.to)}" data-mode="${f.mode}" data-kg="${f.weightKg}" d="${flowPath(a, b)}" fill="none" stroke="${MODE_COLOR[f.mode]}" stroke-opacity="0.75" stroke-linecap="round" stroke-width="${width.toFixed(3)}"${f.mode === 'ROAD_FEEDER' ? ` stroke-dasharray="${(font / 2).toFixed(1)} ${(font / 3).toFixed(1)}"` : ''}><title>${esc(title)}</title></path>`;
    })
    .join('');
  const weightAt = new Map<string, number>();
  for (const f of n.items) for (const code of [f.from, f.to]) weightAt.set(code, (weightAt.get(code) ?? 0) + f.weightKg);
  const radius = (node: NetworkNode) => (node.kind === 'HUB' ? font * 0.8 : node.kind === 'DESTINATION' ? font * 0.35 : font * (node.metroArea ? 0.3 : 0.25));
  const labels = placeLabels(
    n.nodes
      .filter((node) => node.kind === 'HUB' || weightAt.has(node.code))
      .sort((a, b) => (a.kind === 'HUB' ? 0 : 1) - (b.kind === 'HUB' ? 0 : 1) || (weightAt.get(b.code) ?? 0) - (weightAt.get(a.code) ?? 0))
      .map((node) => ({ code: node.code, x: node.x, y: node.y, r: radius(node), texts: node.kind === 'HUB' ? [`${node.code} ${nodeName(node)}`, node.code] : [node.code] })),
    font,
    n.viewBox,
    n.nodes.map((node) => ({ x: node.x, y: node.y, r: radius(node) })),
  );
  const nodes = n.nodes
    .map((node) => {
      const fill = node.kind === 'HUB' ? '#3ecf8e' : node.kind === 'DESTINATION' ? '#4da3ff' : node.metroArea ? '#e8eef7' : '#93a4bd';
      const l = labels.get(node.code);
      return `<g class="node" data-node="${esc(node.code)}" data-kind="${node.kind}"><title>${esc(`${node.code} ${nodeName(node)}`)}</title><circle cx="${node.x}" cy="${node.y}" r="${radius(node).toFixed(1)}" fill="${fill}" stroke="#0b1423" stroke-width="${(font / 10).toFixed(1)}"/>${
        l ? `<text x="${l.x.toFixed(1)}" y="${l.y.toFixed(1)}" text-anchor="${l.anchor}" font-size="${font.toFixed(1)}" fill="#e8eef7"${node.kind === 'HUB' ? ' font-weight="700"' : ''}>${esc(l.text)}</text>` : ''
      }</g>`;
    })
    .join('');
  const { width, height } = n.viewBox;
  return `<svg id="network-svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${esc(t('networkTitle'))}" preserveAspectRatio="xMidYMid meet"><rect width="${width}" height="${height}" fill="#0b1423" rx="8"/>${flows}${nodes}</svg>`;
}

function legend(n: Network, pxPerUnit: number): string {
  const swatch = (mode: FlowMode) => `<span class="swatch"><svg width="26" height="10" aria-hidden="true"><line x1="1" x2="25" y1="5" y2="5" stroke="${MODE_COLOR[mode]}" stroke-width="4"${mode === 'ROAD_FEEDER' ? ' stroke-dasharray="5 3"' : ''}/></svg>${esc(modeLabel(mode))}</span>`;
  const ref = referenceKg(n.max.weightKg);
  const refPx = Math.max(1, strokeWidthOf(ref, n.max.weightKg) * pxPerUnit);
  return `<div class="legend" id="network-legend">${swatch('TRUCK')}${swatch('FLIGHT')}${swatch('ROAD_FEEDER')}
    <span class="swatch"><svg width="30" height="${Math.ceil(refPx) + 2}" aria-hidden="true"><line x1="2" x2="28" y1="${(refPx / 2 + 1).toFixed(1)}" y2="${(refPx / 2 + 1).toFixed(1)}" stroke="#e8eef7" stroke-width="${refPx.toFixed(1)}"/></svg>${esc(t('lineScale'))} ${kg(ref)}</span></div>`;
}

function topFlows(n: Network): string {
  const top = [...n.items].sort((a, b) => b.weightKg - a.weightKg).slice(0, 8);
  return cardsTable(
    [{ label: t('route') }, { label: t('modeHeader') }, { label: t('shipments'), cls: 'num' }, { label: t('weight'), cls: 'num' }, { label: t('runs'), cls: 'num' }],
    top.map((f) => ({ cells: [`${esc(f.from)} → ${esc(f.to)}`, esc(t(`modeShort${f.mode}` as 'modeShortTRUCK')), String(f.shipments), kg(f.weightKg), String(f.runs)] })),
    'network-flows',
    false,
  );
}

export function renderNetwork(operatorOnly: string): void {
  const heading = document.getElementById('network-title') as HTMLElement;
  const n = state.network;
  heading.textContent = `${t('networkTitle')}${n ? ` · ${fmtDay(n.date)}` : ''}`;
  if (state.denied) {
    root().innerHTML = operatorOnly;
    return;
  }
  if (!n) {
    root().innerHTML = '';
    return;
  }
  const pxPerUnit = (root().clientWidth || n.viewBox.width) / n.viewBox.width;
  root().innerHTML =
    n.items.length === 0
      ? `${svg(n, pxPerUnit)}<p class="mute">${esc(t('noFlows'))}</p>`
      : `${svg(n, pxPerUnit)}${legend(n, pxPerUnit)}<h3>${esc(t('topFlows'))}</h3><div class="scroll">${topFlows(n)}</div>`;
}

export async function refreshNetwork(render: () => void): Promise<void> {
  const res = await getJson<Network>('/v1/control/network');
  state.denied = isDenied(res.status);
  state.network = res.status === 200 ? res.body : null;
  render();
}
