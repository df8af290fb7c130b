/// <reference lib="dom" />
/**
 * The dashboard's language and every way it turns data into text: the translations table, the
 * server's messages (key + params, rendered with the operator-messages catalog), code labels, times,
 * durations, weights. Nothing visible is written in one language only.
 */
import { renderMessage, type MessageParams } from '../../../domain/operator-messages.catalog';
import { TEXT, type Lang, type TextKey } from './dashboard.translations';

const initial = new URLSearchParams(location.search).get('lang') ?? localStorage.getItem('lang');
let current: Lang = initial === 'en' ? 'en' : 'zh';

export const lang = (): Lang => current;
export function setLang(next: Lang): void {
  current = next;
  localStorage.setItem('lang', next);
}

export const t = (key: TextKey): string => TEXT[current][key];
/** A text with `{name}` placeholders filled in. */
export const tf = (key: TextKey, params: Record<string, string | number>): string => t(key).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));

const locale = () => (current === 'zh' ? 'zh-CN' : 'en-GB');

/** Month, day, hour and minute in hub-local time (Asia/Shanghai), whatever the browser's zone. */
export const fmtTime = (iso: string | null | undefined): string =>
  iso ? new Date(iso).toLocaleString(locale(), { timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }) : '—';
/** Hour and minute in hub-local time. */
export const fmtClock = (iso: string | null | undefined): string =>
  iso ? new Date(iso).toLocaleTimeString(locale(), { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' }) : '—';
/** A hub-local day (`YYYY-MM-DD`): `11月25日` / `25 Nov`. */
export const fmtDay = (day: string): string => new Date(`${day}T12:00:00Z`).toLocaleDateString(locale(), { timeZone: 'UTC', month: 'short', day: 'numeric' });
export const pct = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${Math.round(v * 1000) / 10}%`);
export const num = (v: number | null | undefined, digits = 1): string => (v === null || v === undefined ? '—' : (Math.round(v * 10 ** digits) / 10 ** digits).toLocaleString(locale()));
export const kg = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${Math.round(v).toLocaleString(locale())} kg`);
export const m3 = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${num(v)} m³`);

/** A count with its unit, singular for one: `1 shipment`, `2 shipments`, `2 票`. */
export const shipmentsText = (n: number): string => `${n} ${t(n === 1 ? 'shipmentUnit' : 'shipmentsUnit')}`;
export const runsText = (n: number): string => `${n} ${t(n === 1 ? 'runUnit' : 'runsUnit')}`;

/** A duration of whole minutes: `2小时05分` / `2 h 05 min`. */
export function fmtMinutes(minutes: number): string {
  const m = Math.max(0, Math.floor(minutes));
  const h = Math.floor(m / 60);
  const mm = String(m % 60).padStart(h > 0 ? 2 : 1, '0');
  return h > 0 ? tf('hoursMinutes', { h, m: mm }) : tf('minutes', { m: mm });
}

/** A countdown `h:mm:ss` (digits only: the same in both languages). */
export function fmtCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;

/**
 * A server message (`{ key, params, text }`) in the chosen language; its timestamps in hub-local
 * time. A key the catalog does not know shows the server's English text.
 */
export function msg(m: { key: string; params?: MessageParams; text?: string }): string {
  const params: MessageParams = {};
  for (const [name, value] of Object.entries(m.params ?? {})) params[name] = typeof value === 'string' && ISO_TIME.test(value) ? fmtTime(value) : value;
  return renderMessage({ ...m, params }, current);
}

/** The label of a code in a catalog family (`flag`, `holdReason`, `assignmentReason`, `flightStatus`, …); the code itself if unknown. */
export const label = (family: string, code: string): string => renderMessage({ key: `${family}.${code}`, text: code }, current);
