/**
 * The page and the widget in a real browser: Debian's Chromium driven by playwright-core.
 *   - The Worker under `wrangler dev` on loopback serves its own page at / and /widget.js (seeds index).
 *   - A second loopback server, another origin, is a documentation site: host pages with the widget in
 *     a light header and in a dark (Django-green) header, its /search answered in-process by the whole
 *     Hono app over an index of real VitePress output (and of the Markdown fixtures), built with the
 *     site's own page URLs so that results navigate to its pages and #anchors.
 * Both variants are driven by keyboard at 1280 and 375 px; an axe-core audit runs on each. Screenshots
 * go to test-results/widget/ (gitignored); DOCS_SCREENSHOT=1 also writes the README's to docs/.
 * Skipped, with a message, only when no Chromium binary exists; .ci/run installs it so CI never skips.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startWranglerDev, type DevServer } from '../../src/bench/wrangler-dev.js';
import { encodeArtifact } from '../../src/core/artifact/index.js';
import { openEngineWithIndex } from '../../src/eval/engine.js';
import { indexDocuments } from '../../src/indexing/index.js';
import { loadCorpus } from '../../src/indexing/load/index.js';
import { createApp } from '../../src/worker/app.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

const SHOTS = 'test-results/widget';
const QUESTION = "Which news agency reported the contents of Putin's letter?";
const GOLD = 'Russia RIA State News Agency';
const DOCS_QUESTION = 'how do I dim the lamp gradually';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** An app over an index of `input`, its citations under `baseUrl`. */
async function docsApp(input: string, baseUrl: string) {
  const { artifact } = await indexDocuments(loadCorpus(input, { warn: () => {} }), { site: { baseUrl, style: 'clean' }, log: () => {} });
  const engine = openEngineWithIndex(encodeArtifact(artifact));
  return createApp(async () => engine);
}

/** A documentation site's page with the widget in its header: white, or a dark green header like Django's. */
function hostPage(workerUrl: string, host: 'light' | 'dark', variant: 'inline' | 'dialog') {
  const header = host === 'dark' ? 'background:#0c4b33;color:#fff' : 'background:#fff;color:#1f2328;border-bottom:1px solid #d0d7de';
  return `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>lanternctl docs (${host})</title>
<style>
  body { margin: 0; font: 16px/1.6 Georgia, serif; background: #fff; color: #1f2328; }
  header { display: flex; gap: 1rem; align-items: center; padding: .75rem 1.25rem; ${header} }
  header a { color: inherit; font-weight: bold; margin-right: auto; }
  header semantic-search[variant="inline"] { flex: 0 1 24rem; min-width: 0; }
  main { max-width: 46rem; margin: 0 auto; padding: 1rem 1.25rem; }
</style>
<script src="${workerUrl}/widget.js" defer></script>
<header><a id="home" href="/docs/">lanternctl</a><semantic-search endpoint="/search" variant="${variant}"></semantic-search></header>
<main><h1>Keeping the light</h1><p>lanternctl switches, dims and rotates the lamps of a lighthouse, from the shell or from Python.</p>
<p>Install it with pip, then read the guide on dimming and the command reference.</p><p><a id="after" href="#">Read more</a></p></main></html>`;
}

/** The focused element's id, looking into the widget's shadow root. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { activeElement: { id: string; tagName: string; shadowRoot: { activeElement: { tagName: string; getAttribute(n: string): string | null } | null } | null } | null } }).document;
    const active = doc.activeElement;
    const inner = active?.shadowRoot?.activeElement;
    return inner ? `${active?.tagName.toLowerCase()}>${inner.tagName.toLowerCase()}${inner.getAttribute('part') ? `[${inner.getAttribute('part')}]` : ''}` : active ? `${active.tagName.toLowerCase()}#${active.id}` : 'none';
  });

/** axe-core over the widget (its shadow tree and top-layer dialog included): serious and critical violations. */
async function axeViolations(page: Page, context: string | null = 'semantic-search') {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async (ctx) => {
    const axe = (globalThis as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const { violations } = await (ctx === null ? axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] }) : axe.run(ctx, { resultTypes: ['violations'] }));
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  }, context);
}

describe.skipIf(!hasChromium)('in a real browser', () => {
  let worker: DevServer;
  let browser: Browser;
  let site: Server;
  let siteUrl: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    worker = await startWranglerDev();
    const port = await freePort();
    siteUrl = `http://127.0.0.1:${port}`;
    const vitepress = await docsApp('test/fixtures/generators/vitepress', `${siteUrl}/docs/`);
    const markdown = await docsApp('test/fixtures/docs', `${siteUrl}/md/`);
    // The two-line embed snippet from the README, on a site of its own, against the Worker.
    const embedPage = `<!doctype html><meta charset="utf-8"><title>Some blog</title><h1>Some blog</h1>
<script src="${worker.url}/widget.js" defer></script>
<semantic-search endpoint="${worker.url}/search" placeholder="Ask the archive…"></semantic-search>`;
    // A host page that listens to the widget's events and routes results itself (cancelling select),
    // with a filter attribute that keeps the guide/ folder only.
    const routingPage = `<!doctype html><meta charset="utf-8"><title>Host</title>
<script src="${worker.url}/widget.js" defer></script>
<semantic-search endpoint="/md/search" filter="path STARTS WITH guide/"></semantic-search>
<script>
  window.seen = { results: [], selected: [] };
  document.addEventListener('semantic-search:results', (e) => window.seen.results.push(e.detail));
  document.querySelector('semantic-search').addEventListener('semantic-search:select', (e) => {
    e.preventDefault();
    window.seen.selected.push({ id: e.detail.result.id, index: e.detail.index, page: e.detail.page.doc_id, url: e.detail.url });
  });
</script>`;
    // A framework may set the `strings` property before the element is defined.
    const earlyPage = `<!doctype html><meta charset="utf-8"><title>Early</title>
<semantic-search endpoint="/search" variant="dialog"></semantic-search>
<script>document.querySelector('semantic-search').strings = { buttonLabel: 'Find in the docs' };</script>
<script src="${worker.url}/widget.js"></script>`;
    site = createServer(async (req, res) => {
      const url = new URL(req.url ?? '/', siteUrl);
      const app = url.pathname === '/search' ? vitepress : url.pathname === '/md/search' ? markdown : null;
      if (app) {
        const answer = await app.request(`/search${url.search}`);
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
        res.end(await answer.text());
        return;
      }
      const [, host, variant] = /^\/(light|dark)\/(inline|dialog)$/.exec(url.pathname) ?? [];
      const page =
        host && variant
          ? hostPage(worker.url, host as 'light' | 'dark', variant as 'inline' | 'dialog')
          : url.pathname === '/embed'
            ? embedPage
            : url.pathname === '/routing'
              ? routingPage
              : url.pathname === '/early'
                ? earlyPage
              : `<!doctype html><meta charset="utf-8"><title>${url.pathname}</title><h1 id="landed">${url.pathname}</h1>`;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
    });
    await new Promise<void>((resolve) => site.listen(port, '127.0.0.1', resolve));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.close(resolve));
    await worker?.stop();
  });

  const options = (page: Page) => page.locator('semantic-search [role="option"]');
  const input = (page: Page) => page.locator('semantic-search input');

  /** Types the question and waits for the grouped answer; checks what every answer shows. */
  async function askDocs(page: Page) {
    await page.keyboard.type(DOCS_QUESTION);
    await options(page).first().waitFor();
    const groups = page.locator('semantic-search [role="group"]');
    expect(await groups.count()).toBeGreaterThan(1);
    // Each page: its title, then its sections as breadcrumb → snippet with the query words marked.
    expect(await groups.first().locator('[part="page-title"]').innerText()).toBe('Dimming the lamp');
    expect(await groups.first().getAttribute('aria-labelledby')).toBe(await groups.first().locator('[part="page-title"]').getAttribute('id'));
    expect(await page.locator('semantic-search [part="breadcrumb"]').count()).toBeGreaterThan(0);
    expect(await page.locator('semantic-search [part="snippet"] mark').count()).toBeGreaterThan(0);
    const count = await options(page).count();
    expect(await page.locator('semantic-search [part="status"]').innerText()).toBe(`${count} results`);
    await expect.poll(() => page.locator('semantic-search [role="status"]').innerText()).toBe(`${count} results`);
    for (const href of await options(page).evaluateAll((links) => links.map((a) => a.getAttribute('href')))) expect(href).toMatch(new RegExp(`^${siteUrl}/docs/`));
    return count;
  }

  /** ↓ ↓ ↑ walk the options (aria-activedescendant follows); Enter opens the first, at its page and #anchor. */
  async function walkAndOpen(page: Page) {
    const list = options(page);
    await page.keyboard.press('ArrowDown');
    expect(await list.nth(0).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowDown');
    expect(await list.nth(1).getAttribute('aria-selected')).toBe('true');
    expect(await input(page).getAttribute('aria-activedescendant')).toBe(await list.nth(1).getAttribute('id'));
    await page.keyboard.press('ArrowUp');
    expect(await list.nth(0).getAttribute('aria-selected')).toBe('true');
    const href = (await list.nth(0).getAttribute('href'))!;
    expect(href).toMatch(/#[\w-]+$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(href);
    expect(await page.locator('#landed').innerText()).toBe(new URL(href).pathname);
  }

  for (const width of [1280, 375]) {
    for (const host of ['light', 'dark'] as const) {
      it(`dialog variant on a ${host} host page at ${width} px: ⌘K and / open it, results grouped by page, ↑/↓/Enter to the anchor, Esc closes and focus comes back`, async () => {
        const page = await browser.newPage({ viewport: { width, height: 800 } });
        await page.goto(`${siteUrl}/${host}/dialog`);
        const dialog = page.locator('semantic-search dialog');
        await page.locator('#after').focus();
        await page.keyboard.press('Control+k');
        await expect.poll(() => dialog.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(true);
        expect(await focused(page)).toBe('semantic-search>input[input]');
        await askDocs(page);
        // Tab stays in the dialog (field ↔ close button).
        await page.keyboard.press('Tab');
        expect(await focused(page)).toBe('semantic-search>button[close]');
        await page.keyboard.press('Tab');
        expect(await focused(page)).toBe('semantic-search>input[input]');
        expect(await axeViolations(page)).toEqual([]);
        await page.screenshot({ path: `${SHOTS}/${host}-dialog-${width}.png` });
        if (process.env.DOCS_SCREENSHOT && host === 'dark' && width === 1280) copyFileSync(`${SHOTS}/${host}-dialog-${width}.png`, 'docs/widget-dialog.png');
        await page.keyboard.press('Escape');
        await expect.poll(() => dialog.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(false);
        // The dialog's close event, which gives focus back, is a task queued after it closes.
        await expect.poll(() => focused(page)).toBe('a#after');
        // "/" with nothing focused opens it too; focus then returns to the button, the opener of last resort.
        await page.locator('#after').evaluate((a) => (a as unknown as { blur(): void }).blur());
        await page.keyboard.press('/');
        await expect.poll(() => dialog.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(true);
        expect(await input(page).inputValue()).toBe(DOCS_QUESTION);
        await page.keyboard.press('Escape');
        await expect.poll(() => focused(page)).toBe('semantic-search>button[button]');
        // The button opens it, and the answer is still there to walk.
        await page.keyboard.press('Enter');
        await expect.poll(() => dialog.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(true);
        await walkAndOpen(page);
        await page.close();
      });

      it(`inline variant on a ${host} host page at ${width} px: an overlay with its own surface that never moves the page, ↑/↓/Enter to the anchor, Esc closes`, async () => {
        const page = await browser.newPage({ viewport: { width, height: 800 } });
        await page.goto(`${siteUrl}/${host}/inline`);
        const box = (selector: string) => page.locator(selector).evaluate((e) => JSON.stringify((e as unknown as { getBoundingClientRect(): unknown }).getBoundingClientRect()));
        const before = { main: await box('main'), header: await box('header') };
        await input(page).click();
        const count = await askDocs(page);
        expect(count).toBeGreaterThan(2);
        expect({ main: await box('main'), header: await box('header') }).toEqual(before);
        // Its own surface: opaque background, border, shadow, stacked over the page's text.
        const surface = await page.locator('semantic-search [part="panel"]').evaluate((panel) => {
          const style = (globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }).getComputedStyle(panel);
          return { position: style.position, background: style.backgroundColor, shadow: style.boxShadow, border: style.borderTopStyle, zIndex: style.zIndex };
        });
        expect(surface).toMatchObject({ position: 'absolute', border: 'solid', zIndex: '1000' });
        expect(surface.background).toMatch(/^rgb\(/);
        expect(surface.shadow).not.toBe('none');
        // Over the page's own text: what is under the panel's middle is the widget, not the page.
        const panel = (await page.locator('semantic-search [part="panel"]').boundingBox())!;
        expect(panel.y + panel.height).toBeGreaterThan(JSON.parse(before.main).y + 40);
        const hit = await page.evaluate(([x, y]) => (globalThis as unknown as { document: { elementFromPoint(x: number, y: number): { tagName: string } | null } }).document.elementFromPoint(x, y)?.tagName.toLowerCase(), [panel.x + panel.width / 2, panel.y + panel.height / 2]);
        expect(hit).toBe('semantic-search');
        expect(await input(page).getAttribute('aria-expanded')).toBe('true');
        expect(await axeViolations(page)).toEqual([]);
        await page.screenshot({ path: `${SHOTS}/${host}-inline-${width}.png` });
        if (process.env.DOCS_SCREENSHOT && host === 'light' && width === 1280) copyFileSync(`${SHOTS}/${host}-inline-${width}.png`, 'docs/widget-inline.png');
        // Esc closes the list and keeps the focus in the field; a second Esc clears it.
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Escape');
        expect(await page.locator('semantic-search [part="panel"]').isHidden()).toBe(true);
        expect(await input(page).getAttribute('aria-expanded')).toBe('false');
        expect(await input(page).getAttribute('aria-activedescendant')).toBeNull();
        expect(await focused(page)).toBe('semantic-search>input[input]');
        await page.keyboard.press('Escape');
        expect(await input(page).inputValue()).toBe('');
        await askDocs(page);
        await walkAndOpen(page);
        await page.close();
      });
    }
  }

  it('follows the visitor’s dark colour scheme and a forced theme, readable by axe’s contrast rules either way', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
    await page.goto(`${siteUrl}/light/inline`);
    await input(page).click();
    await askDocs(page);
    const background = () => page.locator('semantic-search [part="panel"]').evaluate((p) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(p).backgroundColor);
    expect(await background()).toBe('rgb(22, 27, 34)');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/prefers-dark-inline-1280.png` });
    await page.locator('semantic-search').evaluate((el) => (el as unknown as { setAttribute(n: string, v: string): void }).setAttribute('theme', 'light'));
    expect(await background()).toBe('rgb(255, 255, 255)');
    expect(await axeViolations(page)).toEqual([]);
    // The audit does see inside the shadow root: a host's unreadable colour is reported.
    await page.locator('semantic-search').evaluate((el) => (el as unknown as { style: { setProperty(n: string, v: string): void } }).style.setProperty('--ss-text', '#e8e8e8'));
    expect((await axeViolations(page)).join('\n')).toMatch(/^color-contrast \(serious\)/);
    await page.close();
  });

  it('takes every text from attributes or the strings property, and passes lang through to the dialog', async () => {
    const page = await browser.newPage();
    await page.goto(`${siteUrl}/light/dialog`);
    const element = page.locator('semantic-search');
    await element.evaluate((el) => {
      const box = el as unknown as { setAttribute(n: string, v: string): void; strings: Record<string, string> };
      box.setAttribute('lang', 'fr');
      box.setAttribute('button-label', 'Rechercher');
      box.strings = { noResults: 'Aucun résultat pour « {query} »', placeholder: 'Chercher dans la doc' };
    });
    expect(await page.locator('semantic-search [part="button"]').innerText()).toContain('Rechercher');
    expect(await element.evaluate((el) => (el as unknown as { strings: Record<string, string> }).strings.close)).toBe('Close');
    await page.locator('semantic-search [part="button"]').click();
    expect(await input(page).getAttribute('placeholder')).toBe('Chercher dans la doc');
    expect(await page.locator('semantic-search dialog').getAttribute('lang')).toBe('fr');
    await page.keyboard.type('zzqx vvkw');
    await expect.poll(() => page.locator('semantic-search [part="status"]').innerText()).toBe('Aucun résultat pour « zzqx vvkw »');
    expect(await options(page).count()).toBe(0);
    // An attribute wins over the property.
    await element.evaluate((el) => (el as unknown as { setAttribute(n: string, v: string): void }).setAttribute('no-results', 'Rien pour {query}'));
    expect(await page.locator('semantic-search [part="status"]').innerText()).toBe('Rien pour zzqx vvkw');
    // Set before the element was defined, the property still counts.
    await page.goto(`${siteUrl}/early`);
    expect(await page.locator('semantic-search [part="button"]').innerText()).toContain('Find in the docs');
    expect(await input(page).getAttribute('placeholder')).toBe('Search docs');
    await page.close();
  });

  it('the Worker’s page answers a dev question with the gold passage, grouped under its article, linked to the passage in context', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 }, bypassCSP: true });
    await page.goto(`${worker.url}/`);
    await input(page).fill(QUESTION);
    await input(page).press('Enter');
    const first = options(page).first();
    await first.waitFor();
    await expect.poll(() => first.innerText()).toContain(GOLD);
    expect(await page.locator('semantic-search [part="page-title"]').count()).toBeGreaterThan(0);
    expect(await first.locator('mark').count()).toBeGreaterThan(0);
    expect(await axeViolations(page, null)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/page-results.png`, fullPage: true });
    if (process.env.DOCS_SCREENSHOT) await page.screenshot({ path: 'docs/screenshot.png', fullPage: true });
    await first.click();
    await page.waitForURL(/\/passages\//);
    expect(await page.locator('mark').innerText()).toContain(GOLD);
    await page.close();
  });

  it('the widget works embedded on another origin (CORS) against a Worker', async () => {
    const page = await browser.newPage();
    await page.goto(`${siteUrl}/embed`);
    await input(page).fill(QUESTION);
    await input(page).press('Enter');
    await options(page).first().waitFor();
    await expect.poll(() => options(page).first().innerText()).toContain(GOLD);
    expect(await page.locator('semantic-search [part="status"]').innerText()).toMatch(/^\d+ results?$/);
    await page.screenshot({ path: `${SHOTS}/widget-embedded.png` });
    await page.close();
  });

  it('shows a Markdown page’s section as breadcrumb and clean excerpt with code as code, linked to the page URL and anchor', async () => {
    const page = await browser.newPage();
    await page.goto(`${siteUrl}/routing`);
    await input(page).fill('how do I capture a path parameter segment');
    await input(page).press('Enter');
    const first = options(page).first();
    await first.waitFor();
    expect(await page.locator('semantic-search [part="page-title"]').first().innerText()).toBe('Routing');
    expect(await first.locator('[part="breadcrumb"]').innerText()).toBe('Path parameters');
    const snippet = await first.locator('[part="snippet"]').innerText();
    expect(snippet).toContain('Capture a segment with a colon: /users/:id');
    expect(snippet).not.toMatch(/`|:::|\]\(/);
    expect(await first.locator('code').allInnerTexts()).toContain('/users/:id');
    expect(await first.locator('code').first().evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { fontFamily: string } }).getComputedStyle(el).fontFamily)).toMatch(/mono/i);
    expect(await first.getAttribute('href')).toBe(`${siteUrl}/md/guide/routing#params`);
    await page.close();
  });

  it('tells the host page about answers and selections, lets it cancel navigation, and applies its filter', async () => {
    const page = await browser.newPage();
    await page.goto(`${siteUrl}/routing`);
    await input(page).fill('how do I capture a path parameter segment');
    await input(page).press('Enter');
    await options(page).first().waitFor();
    type Seen = {
      results: Array<{ query: string; answerable: boolean; pages: Array<{ doc_id: string; results: Array<{ id: string }> }>; results: Array<{ id: string; citation: { source: string } }> }>;
      selected: Array<{ id: string; index: number; page: string; url: string }>;
    };
    const seen = () => page.evaluate(() => (globalThis as unknown as { seen: Seen }).seen);
    await expect.poll(async () => (await seen()).results.length).toBeGreaterThan(0);
    const answer = (await seen()).results.at(-1)!;
    expect(answer.query).toBe('how do I capture a path parameter segment');
    expect(answer.results.map((r) => r.id)).toEqual(answer.pages.flatMap((p) => p.results.map((r) => r.id)));
    expect(answer.results.every((r) => r.citation.source.startsWith('guide/'))).toBe(true);
    await input(page).press('ArrowDown');
    await input(page).press('Enter');
    await expect.poll(async () => (await seen()).selected.length).toBe(1);
    expect((await seen()).selected[0]).toMatchObject({ id: answer.results[0].id, index: 0, page: answer.pages[0].doc_id });
    expect(page.url()).toBe(`${siteUrl}/routing`);
    // The element has what src/worker/ui/semantic-search.d.ts declares (SemanticSearchElement).
    const shape = await page.evaluate(() => {
      const el = (globalThis as unknown as { document: { querySelector(s: string): Record<string, unknown> } }).document.querySelector('semantic-search');
      return { endpoint: el.endpoint instanceof URL ? el.endpoint.pathname : null, variant: el.variant, methods: ['search', 'open', 'close'].map((m) => typeof el[m]), strings: typeof el.strings };
    });
    expect(shape).toEqual({ endpoint: '/md/search', variant: 'inline', methods: ['function', 'function', 'function'], strings: 'object' });
    await page.close();
  });

  it('renders a script-injection query as text and runs nothing', async () => {
    const page = await browser.newPage();
    let dialogs = 0;
    page.on('dialog', async (dialog) => {
      dialogs++;
      await dialog.dismiss();
    });
    await page.goto(`${worker.url}/`);
    const probe = '<img src=x onerror=alert(1)>';
    await input(page).fill(probe);
    await input(page).press('Enter');
    await expect.poll(() => page.locator('semantic-search [part="status"]').innerText()).not.toMatch(/Searching|^$/);
    expect(await input(page).inputValue()).toBe(probe);
    expect(await page.locator('semantic-search img').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toBe(0);
    await page.close();
  });

  it('shows the page’s own "no answer" text for a question the articles cannot answer', async () => {
    const page = await browser.newPage();
    await page.goto(`${worker.url}/`);
    const question = 'How long should I boil an egg for a runny yolk?';
    await input(page).fill(question);
    await input(page).press('Enter');
    await expect.poll(() => page.locator('semantic-search [part="status"]').innerText()).toBe(`No answer in the indexed documents for “${question}”.`);
    await expect.poll(() => page.locator('semantic-search [role="status"]').innerText()).toBe(`No answer in the indexed documents for “${question}”.`);
    expect(await options(page).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/no-answer.png` });
    await page.close();
  });
});
