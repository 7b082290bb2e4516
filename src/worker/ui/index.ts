/**
 * The human side: GET / (a search page) and GET /widget.js (the embeddable <semantic-search>
 * element). The HTML view of a cited passage lives with its route in passages/.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../types.js';
import page from './page.html';
import css from './page.css';
import widget from './widget.js';

/** Scripts and styles only from this origin; the widget's shadow-DOM <style> needs inline styles. */
export const PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** A magnifier, as SVG (browsers accept an SVG icon at /favicon.ico). */
const FAVICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="6.5" cy="6.5" r="4.5" fill="none" stroke="#0969da" stroke-width="2"/><path d="M10 10l4.5 4.5" stroke="#0969da" stroke-width="2" stroke-linecap="round"/></svg>';

export function uiRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => {
    c.header('Content-Security-Policy', PAGE_CSP);
    return c.html(page);
  });
  // Browsers ask every site for its icon: answer with one rather than a JSON 404 in the console.
  app.get('/favicon.ico', (c) => c.body(FAVICON, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' }));
  app.get('/page.css', (c) => c.body(css, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=300' }));
  app.get('/widget.js', (c) =>
    c.body(widget, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
      // Sites on other origins load it with <script src>; allow module/fetch loading too.
      'Access-Control-Allow-Origin': '*',
    }),
  );
  return app;
}
