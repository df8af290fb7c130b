import { EXAMPLE_MOMENT } from '@cargo/contracts';
import { Clock, ManualClock } from '@cargo/service-runtime';
import { waitFor } from '@cargo/testing';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { OPERATOR_MESSAGES } from '../../domain/operator-messages.catalog';
import { seedControlScenario, startTrackingHarness, type CONTROL_SCENARIO, type TrackingHarness } from '../../tracking-service.spec-helper';
import { KPI_HELP, NEXT_TEXT, STATUS_TEXT, TEXT } from './dashboard/dashboard.translations';
import { launchChromium, newDashboardPage, saveScreenshot } from './dashboard-browser.spec-helper';

const PHONE = { width: 390, height: 844 };
const WALL = { width: 1920, height: 1080 };
const VIEWS = ['control', 'exceptions', 'network', 'track'] as const;
/** The scenario's belly flights from WUH: departed before now, next to depart, and left empty. */
const CZ3001 = 'CZ3001-2026-11-25';
const CZ3003 = 'CZ3003-2026-11-25';
const MU2501 = 'MU2501-2026-11-25';

/**
 * Every English text the dashboard can show: its own table, the status and next-step names, the KPI
 * definitions and the server's message templates without parameters.
 */
const ENGLISH = new Set(
  [
    ...Object.values(TEXT.en),
    ...Object.values(STATUS_TEXT.en),
    ...Object.values(NEXT_TEXT.en),
    ...Object.values(KPI_HELP.en),
    ...Object.values(OPERATOR_MESSAGES.en).filter((s) => !s.includes('{')),
  ].map((s) => s.trim()),
);

/**
 * A word is a maximal run of ASCII letters, digits, `-`, `_`, `·` and `³` holding an ASCII letter.
 * Chinese mode may show only codes — words without a lowercase letter: AWBs, flight numbers and ids,
 * IATA airport and station codes, status codes, service levels (D1–D3), aircraft types (B767-300F),
 * truck plates, CSV, P90 — and the units kg and m³. Any other word (one with a lowercase letter) is
 * English left untranslated.
 */
const WORD = /[A-Za-z0-9³_·-]*[A-Za-z][A-Za-z0-9³_·-]*/g;
const ALLOWED_WORD = /^(?:[^a-z]+|kg|m³)$/;
/** An API route the exceptions queue names as the action's place (`<code>`): a route, not prose. */
const ROUTE = /^(?:GET|POST|PUT|PATCH|DELETE) \/v1(?:\/[A-Za-z0-9{}._-]+)+$/;

/** What the page shows now: visible text nodes, tooltips, placeholders and the card labels of visible cells. */
function shownTexts(page: Page): Promise<Array<{ text: string; where: string }>> {
  return page.evaluate((routeSource) => {
    const route = new RegExp(routeSource);
    const out: Array<{ text: string; where: string }> = [];
    const add = (text: string | null | undefined, where: string) => {
      const s = (text ?? '').replace(/\s+/g, ' ').trim();
      if (s) out.push({ text: s, where });
    };
    const shown = (el: Element) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    /** Deliberately in another language (the "English" button) or an API route in `<code>`. */
    const exempt = (el: Element) => el.closest('[lang]:not(html)') !== null || (el.closest('code') !== null && route.test((el.closest('code') as HTMLElement).textContent ?? ''));
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || ['SCRIPT', 'STYLE'].includes(el.tagName) || exempt(el)) continue;
      if (el.closest('svg') ? shown(el.closest('svg') as Element) : shown(el)) add(node.textContent, el.tagName === 'title' ? 'svg title' : 'text');
    }
    for (const el of Array.from(document.querySelectorAll('[title], [placeholder], td[data-label]'))) {
      if (!shown(el) || exempt(el)) continue;
      add(el.getAttribute('title'), 'title');
      add(el.getAttribute('placeholder'), 'placeholder');
      if (getComputedStyle(el, '::before').content !== 'none') add(el.getAttribute('data-label'), 'card label');
    }
    add(document.title, 'document title');
    return out;
  }, ROUTE.source);
}

/** The shown texts that are English: equal to an English string of the tables, or holding a non-code word. */
function englishIn(texts: Array<{ text: string; where: string }>): string[] {
  return texts
    .filter(({ text }) => ENGLISH.has(text) || (text.match(WORD) ?? []).some((w) => !ALLOWED_WORD.test(w)))
    .map(({ text, where }) => `${where}: ${text}`);
}

describe('operator views in a real browser (Debian chromium + playwright-core, manual clock)', () => {
  let h: TrackingHarness;
  let s: typeof CONTROL_SCENARIO;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    h = await startTrackingHarness('tracking_views', { CLOCK_MODE: 'manual', CLOCK_SIM_ORIGIN: EXAMPLE_MOMENT, CONTROL_EXCEPTIONS_TICK_MS: '200' });
    s = await seedControlScenario(h);
    browser = await launchChromium();
    url = h.service.url;
  });

  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  /** The dashboard signed in as operations, at `#hash`, in `lang`. */
  async function open(viewport: { width: number; height: number }, hash: string, lang: 'zh' | 'en' = 'en'): Promise<Page> {
    const page = await newDashboardPage(browser, h.opsToken, viewport);
    await page.goto(`${url}/?lang=${lang}#${hash}`);
    return page;
  }
  const rowIds = (page: Page, table: string) => page.locator(`#${table} tr[data-flight-id]`).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-flight-id')));

  it('the control view lists the upcoming departures of WUH and EHU first, earliest first; departed ones are folded away', async () => {
    const page = await open(WALL, 'control');
    try {
      await page.waitForSelector('#upcoming-flights tr[data-flight-id]');
      expect(await rowIds(page, 'upcoming-flights')).toEqual([CZ3003, s.FREIGHTER]);
      const first = page.locator('#upcoming-flights tbody tr').first();
      expect(await first.locator('td').nth(1).textContent()).toBe('WUH → PVG');
      // the freighter's row: load by weight and volume, cut-off countdown on the shared clock, its trucks
      const freighter = page.locator(`#upcoming-flights tr[data-flight-id="${s.FREIGHTER}"]`);
      expect(await freighter.locator('td').nth(4).textContent()).toContain('787 / 50,000 kg');
      expect(await freighter.locator('td').nth(5).textContent()).toContain('3.5 / 400 m³');
      // 01:15Z now, cut-off 11:30Z; the manual clock stands still
      expect(await freighter.locator('[data-cutoff]').textContent()).toBe('cut-off in 10:15:00');
      expect(await freighter.locator('td').nth(7).textContent()).toBe('2');
      // the departed flight is in the list, folded; the empty belly flight is left out
      expect(await page.locator('#departed-toggle').textContent()).toBe('Departed (1)');
      expect(await page.isVisible(`tr[data-flight-id="${CZ3001}"]`)).toBe(false);
      expect(await page.locator(`tr[data-flight-id="${MU2501}"]`).count()).toBe(0);
      await page.click('#departed-toggle');
      expect(await page.isVisible(`tr[data-flight-id="${CZ3001}"]`)).toBe(true);
      await page.check('#show-empty');
      await page.waitForSelector(`#upcoming-flights tr[data-flight-id="${MU2501}"]`);
    } finally {
      await page.close();
    }
  });

  it('opens a flight with its shipments and the truck runs feeding it; the search finds a flight and a station', async () => {
    const page = await open(WALL, 'control');
    try {
      await page.click(`#upcoming-flights tr[data-flight-id="${s.FREIGHTER}"] td:nth-child(2)`);
      await page.waitForSelector('#flight-shipments tr[data-awb-row]');
      expect(page.url()).toContain(`#control/${s.FREIGHTER}`);
      expect(await page.locator('#flight-number').textContent()).toBe('O36921');
      expect(await page.locator('#flight-shipments tr[data-awb-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-awb-row')))).toEqual([s.NPB, s.OVS]);
      expect(await page.locator('#flight-trucks tbody tr').evaluateAll((rows) => rows.map((r) => r.querySelector('td')?.textContent))).toEqual(['not loaded yet', '鄂A·D12345']);
      // the manifest as CSV (the same list with Accept: text/csv), saved by the browser
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#manifest-export')]);
      expect(download.suggestedFilename()).toBe(`manifest-${s.FREIGHTER}.csv`);
      const csv = await readFile(await download.path(), 'utf8');
      expect(csv.split('\n').filter((line) => line.includes('784-')).map((line) => line.slice(0, 12))).toEqual([s.NPB, s.OVS]);
      // an AWB of the flight opens its tracking view
      await page.click(`#flight-shipments a[data-awb="${s.OVS}"]`);
      await page.waitForSelector('#shipment-status[data-status="MAN"]');

      await page.fill('#awb-input', 'o369');
      await page.click('#search-button');
      await page.waitForSelector('#flight-shipments');
      expect(page.url()).toContain(`#control/${s.FREIGHTER}`);
      await page.fill('#awb-input', 'NPB');
      await page.click('#search-button');
      await page.waitForSelector('#control-filter');
      await waitFor(async () => ((await rowIds(page, 'upcoming-flights')).join() === s.FREIGHTER ? true : undefined), { timeoutMs: 10_000, description: 'the list narrowed to the flights of NPB' });
    } finally {
      await page.close();
    }
  });

  it('shows a customs hold on the exceptions queue live, as soon as the clock takes it past the threshold', async () => {
    const page = await open(WALL, 'exceptions');
    try {
      const hold = `tr[data-exception-id="CUSTOMS_HOLD_OVERDUE:${s.HELD}"]`;
      await page.waitForSelector('#exceptions-table tr[data-exception-id]');
      expect(await page.locator(hold).count()).toBe(0);
      const before = await page.locator('#exceptions-count').textContent();
      await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

      (h.service.app.get(Clock) as ManualClock).advance(125 * 60_000);
      await page.waitForSelector(hold, { timeout: 10_000 });
      expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
      expect(await page.locator(`${hold} td`).nth(3).textContent()).toBe('Held by customs for 125 min (Documents), over the 120 min threshold');
      expect(await page.locator(`${hold} td`).nth(5).textContent()).toContain(`POST /v1/cases/${s.HELD}/releases`);
      expect(Number(await page.locator('#exceptions-count').textContent())).toBe(Number(before) + 1);
    } finally {
      await page.close();
    }
  });

  it('switches every visible string to Chinese: nothing from the English table, no English word left', async () => {
    const page = await open(WALL, `control/${s.FREIGHTER}`);
    try {
      await page.waitForSelector('#flight-shipments');
      // The check can fail: in English it finds English.
      expect(englishIn(await shownTexts(page)).length).toBeGreaterThan(20);
      await page.click('#lang-zh');
      await showEachView(page, async (view) => {
        expect({ view, english: englishIn(await shownTexts(page)) }).toEqual({ view, english: [] });
        await saveScreenshot(page, 'operator-views', `${view}-1920-zh`);
      });
      expect(await page.locator('#tab-control').textContent()).toBe(TEXT.zh.navControl);
    } finally {
      await page.close();
    }
  });

  /** Each view with the content that makes it widest: the freighter open, the exceptions, the flows, a shipment's timeline. */
  async function showEachView(page: Page, visit: (view: string) => Promise<void>): Promise<void> {
    const ready: Record<string, string> = { control: '#flight-shipments', exceptions: '#exceptions-table', network: '#network-svg .flow', track: '#timeline li' };
    for (const view of VIEWS) {
      if (view === 'track') {
        await page.fill('#awb-input', s.OVS);
        await page.click('#search-button');
      } else await page.evaluate((hash) => (location.hash = hash), view === 'control' ? `control/${s.FREIGHTER}` : view);
      await page.waitForSelector(ready[view] as string);
      await visit(view);
    }
  }

  it('never scrolls sideways at 390 px in either language; uses the width at 1920×1080; screenshots of each view', async () => {
    for (const [viewport, lang, shoot] of [[PHONE, 'zh', true], [PHONE, 'en', false], [WALL, 'en', true]] as const) {
      const page = await open(viewport, 'control', lang);
      try {
        await showEachView(page, async (view) => {
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          expect({ view, lang, size: viewport.width, fits: width <= viewport.width }).toEqual({ view, lang, size: viewport.width, fits: true });
          if (view === 'control' && viewport === WALL) {
            // The wall screen uses its width: the flight list and the open flight side by side.
            const [board, detail] = await page.evaluate(() => ['board', 'flight-detail'].map((id) => document.getElementById(id)?.getBoundingClientRect().toJSON() as DOMRect));
            expect(detail.left).toBeGreaterThan(board.right);
            expect(board.width + detail.width).toBeGreaterThan(1800);
          }
          if (shoot) await saveScreenshot(page, 'operator-views', `${view}-${viewport.width}-${lang}`);
        });
      } finally {
        await page.close();
      }
    }
  });

  it('shows the public the status of an exact AWB only and why the operator views are empty; the sign-in box opens them', async () => {
    const page = await newDashboardPage(browser, null, PHONE);
    try {
      await page.goto(`${url}/?lang=en`);
      await page.fill('#awb-input', s.OVS);
      await page.click('#search-button');
      await page.waitForSelector('#shipment-restricted');
      expect(await page.locator('#shipment-status').getAttribute('data-status')).toBe('MAN');
      await page.click('#tab-control');
      await page.waitForSelector('#view-control [data-operator-only]');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      // signing in with the box keeps the token in the tab's session storage and shows the operator views
      await page.fill('#token-input', h.opsToken);
      await page.click('#signin-button');
      await page.waitForSelector('#upcoming-flights tr[data-flight-id]');
      expect(await page.evaluate(() => sessionStorage.getItem('cargo.accessToken'))).toBe(h.opsToken);
    } finally {
      await page.close();
    }
  });
});
