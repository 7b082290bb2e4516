/**
 * The page and the widget in a real browser: Debian's Chromium driven by playwright-core against
 * `wrangler dev` on loopback, plus a second loopback server on another port that embeds the widget
 * (a different origin, so CORS is exercised). Skipped, with a message, only when no Chromium binary
 * exists; .ci/run installs it so CI never skips.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startWranglerDev, type DevServer } from '../../src/bench/wrangler-dev.js';
import { encodeArtifact } from '../../src/core/artifact/index.js';
import { openEngineWithIndex } from '../../src/eval/engine.js';
import { indexDocuments } from '../../src/indexing/index.js';
import { loadCorpus } from '../../src/indexing/load/index.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

const SHOTS = 'test-results';
const QUESTION = "Which news agency reported the contents of Putin's letter?";
const GOLD = 'Russia RIA State News Agency';

describe.skipIf(!hasChromium)('in a real browser', () => {
  let worker: DevServer;
  let browser: Browser;
  let embedServer: Server;
  let embedUrl: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    worker = await startWranglerDev();
    const port = await freePort();
    embedUrl = `http://127.0.0.1:${port}/`;
    // The two-line embed snippet from the README, on a site of its own.
    const embedPage = `<!doctype html><meta charset="utf-8"><title>Some blog</title><h1>Some blog</h1>
<script src="${worker.url}/widget.js" defer></script>
<semantic-search endpoint="${worker.url}/search" placeholder="Ask the archive…"></semantic-search>`;
    // A documentation site: the Markdown fixtures indexed with page URLs, answered by the same search
    // core, with the widget from the Worker embedded on the site's own page.
    const { artifact } = await indexDocuments(loadCorpus('test/fixtures/docs'), { site: { baseUrl: 'https://example.com/docs/', style: 'clean' }, log: () => {} });
    const docsEngine = openEngineWithIndex(encodeArtifact(artifact));
    const docsPage = `<!doctype html><meta charset="utf-8"><title>Docs</title>
<script src="${worker.url}/widget.js" defer></script>
<semantic-search endpoint="/docs-search"></semantic-search>`;
    // A host page that listens to the widget's events and routes results itself (cancelling select),
    // with a filter attribute that keeps the guide/ folder only.
    const hostPage = `<!doctype html><meta charset="utf-8"><title>Host</title>
<script src="${worker.url}/widget.js" defer></script>
<semantic-search endpoint="/docs-search" filter="path STARTS WITH guide/"></semantic-search>
<script>
  window.seen = { results: [], selected: [] };
  document.addEventListener('semantic-search:results', (e) => window.seen.results.push(e.detail));
  document.querySelector('semantic-search').addEventListener('semantic-search:select', (e) => {
    e.preventDefault();
    window.seen.selected.push({ id: e.detail.result.id, index: e.detail.index, url: e.detail.url });
  });
</script>`;
    embedServer = createServer(async (req, res) => {
      const url = new URL(req.url ?? '/', embedUrl);
      if (url.pathname === '/docs-search') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(await docsEngine.search(url.searchParams.get('q') ?? '', { k: 3, filter: url.searchParams.get('filter') ?? undefined })));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(url.pathname === '/docs' ? docsPage : url.pathname === '/host' ? hostPage : embedPage);
    });
    await new Promise<void>((resolve) => embedServer.listen(port, '127.0.0.1', resolve));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => embedServer?.close(resolve));
    await worker?.stop();
  });

  const ask = async (page: Page, question: string) => {
    const input = page.locator('semantic-search input');
    await input.fill(question);
    await input.press('Enter');
  };

  it('the page answers a dev question with the gold passage and its citation line', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    await page.goto(`${worker.url}/`);
    await ask(page, QUESTION);
    const first = page.locator('semantic-search li[role="option"]').first();
    await first.waitFor();
    await expect.poll(() => first.innerText()).toContain(GOLD);
    const cite = await first.locator('.cite a').innerText();
    expect(cite).toMatch(/^000_fb1452945c771ba1\.txt · ¶ \d+$/);
    expect(await first.locator('mark').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/page-results.png`, fullPage: true });
    if (process.env.DOCS_SCREENSHOT) await page.screenshot({ path: 'docs/screenshot.png', fullPage: true });
    // The citation opens the passage in context.
    await first.locator('.cite a').click();
    await page.waitForURL(/\/passages\//);
    expect(await page.locator('mark').innerText()).toContain(GOLD);
    await page.close();
  });

  it('the widget works embedded on another origin, with keyboard navigation', async () => {
    const page = await browser.newPage();
    await page.goto(embedUrl);
    await ask(page, QUESTION);
    const options = page.locator('semantic-search li[role="option"]');
    await options.first().waitFor();
    await expect.poll(() => options.first().innerText()).toContain(GOLD);
    expect(await page.locator('semantic-search [role="status"]').innerText()).toMatch(/\d+ results?/);
    const input = page.locator('semantic-search input');
    await input.press('ArrowDown');
    expect(await options.nth(0).getAttribute('aria-selected')).toBe('true');
    await input.press('ArrowDown');
    expect(await options.nth(1).getAttribute('aria-selected')).toBe('true');
    expect(await input.getAttribute('aria-activedescendant')).toBe('result-1');
    await input.press('ArrowUp');
    expect(await options.nth(0).getAttribute('aria-selected')).toBe('true');
    await input.press('Escape');
    expect(await options.count()).toBe(0);
    expect(await input.inputValue()).toBe('');
    await page.screenshot({ path: `${SHOTS}/widget-embedded.png` });
    await page.close();
  });

  it('shows a documentation result as page title, heading path and clean excerpt, linked to the page URL and anchor', async () => {
    const page = await browser.newPage();
    await page.goto(`${embedUrl}docs`);
    await ask(page, 'how do I capture a path parameter segment');
    const first = page.locator('semantic-search li[role="option"]').first();
    await first.waitFor();
    expect(await first.locator('.title').innerText()).toBe('Routing — Path parameters');
    const snippet = await first.locator('.snippet').innerText();
    expect(snippet).toContain('Capture a segment with a colon: /users/:id');
    expect(snippet).not.toMatch(/`|:::|\]\(/);
    expect(await first.locator('.snippet mark').count()).toBeGreaterThan(0);
    // Code is shown as code: the inline code of the source in <code>, in a monospace font.
    expect(await first.locator('.snippet code').allInnerTexts()).toContain('/users/:id');
    expect(await first.locator('.snippet code').first().evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { fontFamily: string } }).getComputedStyle(el).fontFamily)).toMatch(/mono/i);
    expect(await first.locator('.cite a').getAttribute('href')).toBe('https://example.com/docs/guide/routing#params');
    await page.screenshot({ path: `${SHOTS}/widget-docs.png` });
    await page.close();
  });

  it('tells the host page about answers and selections, lets it cancel navigation, and applies its filter', async () => {
    const page = await browser.newPage();
    await page.goto(`${embedUrl}host`);
    await ask(page, 'how do I capture a path parameter segment');
    const options = page.locator('semantic-search li[role="option"]');
    await options.first().waitFor();
    type Seen = { results: Array<{ query: string; answerable: boolean; results: Array<{ id: string; citation: { source: string } }> }>; selected: Array<{ id: string; index: number; url: string }> };
    const seen = () => page.evaluate(() => (globalThis as unknown as { seen: Seen }).seen);
    await expect.poll(async () => (await seen()).results.length).toBeGreaterThan(0);
    const answer = (await seen()).results.at(-1)!;
    expect(answer.query).toBe('how do I capture a path parameter segment');
    expect(answer.results.length).toBeGreaterThan(0);
    expect(answer.results.every((r) => r.citation.source.startsWith('guide/'))).toBe(true);
    await page.locator('semantic-search input').press('ArrowDown');
    await page.locator('semantic-search input').press('Enter');
    await expect.poll(async () => (await seen()).selected.length).toBe(1);
    expect((await seen()).selected[0]).toMatchObject({ id: answer.results[0].id, index: 0 });
    expect(page.url()).toBe(`${embedUrl}host`);
    // The element has what src/worker/ui/semantic-search.d.ts declares (SemanticSearchElement).
    const shape = await page.evaluate(() => {
      const el = (globalThis as unknown as { document: { querySelector(s: string): { endpoint: unknown; search: unknown; constructor: { name: string } } } }).document.querySelector('semantic-search');
      return { endpoint: el.endpoint instanceof URL ? el.endpoint.pathname : null, search: typeof el.search };
    });
    expect(shape).toEqual({ endpoint: '/docs-search', search: 'function' });
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
    await ask(page, probe);
    await expect.poll(() => page.locator('semantic-search [role="status"]').innerText()).not.toMatch(/Searching/);
    expect(await page.locator('semantic-search input').inputValue()).toBe(probe);
    expect(await page.locator('semantic-search img').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toBe(0);
    await page.close();
  });

  it('shows the "no answer" state for a question the articles cannot answer', async () => {
    const page = await browser.newPage();
    await page.goto(`${worker.url}/`);
    await ask(page, 'How long should I boil an egg for a runny yolk?');
    await expect.poll(() => page.locator('semantic-search [role="status"]').innerText()).toBe('No answer in these articles.');
    expect(await page.locator('semantic-search li[role="option"]').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/no-answer.png` });
    await page.close();
  });
});
