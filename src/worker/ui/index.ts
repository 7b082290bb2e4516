/**
 * The human side: GET / (a search page), GET /widget.js (the embeddable <semantic-search>
 * element), and an HTML view of a passage in context for browsers following a citation link.
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { EngineSource } from '../engine/index.js';
import { ApiError } from '../errors/index.js';
import type { AppEnv } from '../validation.js';
import page from './page.html';
import css from './page.css';
import widget from './widget.js';

/** Scripts and styles only from this origin; the widget's shadow-DOM <style> needs inline styles. */
export const PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function uiRoutes(getEngine: EngineSource) {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => {
    c.header('Content-Security-Policy', PAGE_CSP);
    return c.html(page);
  });
  app.get('/page.css', (c) => c.body(css, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=300' }));
  app.get('/widget.js', (c) =>
    c.body(widget, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
      // Sites on other origins load it with <script src>; allow module/fetch loading too.
      'Access-Control-Allow-Origin': '*',
    }),
  );
  // Citation links open here in a browser; API clients (Accept: application/json) get JSON.
  app.get('/passages/:id', async (c, next) => {
    const accept = c.req.header('accept') ?? '';
    if (!accept.includes('text/html')) return next();
    const engine = getEngine(c.env);
    const id = c.req.param('id');
    const index = engine.passageIndex(id);
    if (index < 0) throw new ApiError('PASSAGE_NOT_FOUND', `no passage "${id}"`);
    const { passage, document } = engine.passage(index);
    const around = [index - 1, index, index + 1].filter((i) => i >= 0 && i < engine.artifact.passages.length && engine.artifact.passages[i].doc === passage.doc);
    c.header('Content-Security-Policy', PAGE_CSP);
    return c.html(html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${document.title}</title><link rel="stylesheet" href="/page.css"></head>
<body><main>
<p class="foot"><a href="/">← search</a></p>
<h1>${document.title}</h1>
<p class="lede">${document.source}${document.author ? html` · ${document.author}` : ''}</p>
${around.map((i) => {
      const p = engine.artifact.passages[i];
      const current = i === index;
      return html`<section class="${current ? 'cited' : 'context'}">${p.section ? html`<h2>${p.section}</h2>` : ''}<p>${current ? html`<mark>${p.text}</mark>` : p.text}</p><p class="foot">¶ ${p.paragraph} · characters ${p.char_start}–${p.char_end}</p></section>`;
    })}
</main></body></html>`);
  });
  return app;
}
