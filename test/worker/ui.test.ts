import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/worker/app.js';
import { bundle } from '../../src/worker/bundle.js';
import { engineLoader } from '../../src/worker/engine/index.js';

const call = (path: string, init?: RequestInit) => exports.default.fetch(new Request(`http://example.com${path}`, init));

describe('the search page and widget', () => {
  it('serves the page with a restrictive CSP and the widget script', async () => {
    const page = await call('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const body = await page.text();
    expect(body).toContain('<semantic-search');
    expect(body).toContain('/widget.js');
    const widget = await call('/widget.js');
    expect(widget.headers.get('content-type')).toContain('javascript');
    const source = await widget.text();
    expect(source).toContain("customElements.define('semantic-search'");
    expect(source).not.toMatch(/innerHTML|insertAdjacentHTML|outerHTML/);
  });

  it('has its page use the widget with texts of its own, asking for results grouped by page', async () => {
    const body = await (await call('/')).text();
    expect(body).toMatch(/<semantic-search [^>]*no-results="[^"]*\{query\}[^"]*"/);
    const source = await (await call('/widget.js')).text();
    expect(source).toContain("url.searchParams.set('group', 'page')");
    // What the page asks for is an answer the API gives: pages, each with its passages.
    const answer = (await (await call('/search?q=Kim+Putin+treaty&k=8&group=page')).json()) as { pages: Array<{ title: string; results: unknown[] }> };
    expect(answer.pages.length).toBeGreaterThan(1);
    expect(answer.pages.every((p) => p.title && p.results.length > 0)).toBe(true);
  });

  it('answers /favicon.ico with an icon, cacheable', async () => {
    const res = await call('/favicon.ico');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('cache-control')).toContain('max-age=');
    expect(await res.text()).toMatch(/^<svg /);
  });

  it('shows a cited passage as HTML to browsers, escaping its text', async () => {
    const res = await call('/passages/000_fb1452945c771ba1:1', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('<mark>Russian delegation led by');
  });
});

describe('CORS', () => {
  it('allows any origin on the read-only API by default and varies by Origin', async () => {
    const res = await call('/search?q=missiles', { headers: { origin: 'https://blog.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('vary')).toMatch(/Origin/i);
  });

  it('allows only the configured origins when CORS_ORIGINS is a list', async () => {
    const app = createApp(engineLoader(() => bundle));
    const envWith = { CORS_ORIGINS: 'https://a.example, https://b.example' };
    const allowed = await app.request('/search?q=missiles', { headers: { origin: 'https://b.example' } }, envWith);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://b.example');
    expect(allowed.headers.get('vary')).toMatch(/Origin/i);
    const other = await app.request('/search?q=missiles', { headers: { origin: 'https://evil.example' } }, envWith);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers the preflight of a JSON POST', async () => {
    const res = await call('/search', {
      method: 'OPTIONS',
      headers: { origin: 'https://blog.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
  });

  it('offers a browser-based MCP client what a stateless, POST-only /mcp needs, and nothing more', async () => {
    const res = await call('/mcp', {
      method: 'OPTIONS',
      headers: { origin: 'https://agent.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, mcp-protocol-version' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-methods')?.split(',')).not.toContain('DELETE');
    const headers = res.headers.get('access-control-allow-headers')?.toLowerCase() ?? '';
    expect(headers).toContain('mcp-protocol-version');
    expect(headers).not.toContain('mcp-session-id');
    expect(headers).not.toContain('last-event-id');
  });
});
