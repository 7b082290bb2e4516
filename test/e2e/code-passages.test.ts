/**
 * Passages that hold code, end to end in Node: indexes of Markdown (test/fixtures/docs) and of HTML
 * written by real generators (test/fixtures/generators) are built in a temp dir and served by the
 * whole Hono app in-process. The MCP SDK's own client lists the tools and calls them, so it checks
 * the structured content against the advertised output schemas with its own validator (issue #23:
 * a 2020-12 tuple schema failed there on every result with code); /passages/:id gives the same
 * passage-with-neighbours shape, and its HTML view shows the clean excerpt with code as code.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toArrayBuffer } from '../../src/core/bytes.js';
import type { ModelManifest } from '../../src/core/model/index.js';
import type { PassageInContext, SearchResult } from '../../src/core/search/results.js';
import type { Bundle } from '../../src/core/search/open.js';
import { buildIndex } from '../../src/indexing/index.js';
import { DEFAULT_MODEL_DIR } from '../../src/indexing/model/load.js';
import { createApp } from '../../src/worker/app.js';
import { engineLoader } from '../../src/worker/engine/index.js';
import type { PagesResponse, PassagesResponse } from '../../src/worker/search/schema.js';

const work = mkdtempSync(join(tmpdir(), 'code-passages-'));
const quiet = () => {};

function bundleOf(dir: string): Bundle {
  return {
    index: toArrayBuffer(readFileSync(join(dir, 'index.bin'))),
    weights: toArrayBuffer(readFileSync(join(DEFAULT_MODEL_DIR, 'weights.bin'))),
    tokenizer: JSON.parse(readFileSync(join(DEFAULT_MODEL_DIR, 'tokenizer.json'), 'utf8')),
    modelManifest: JSON.parse(readFileSync(join(DEFAULT_MODEL_DIR, 'manifest.json'), 'utf8')) as ModelManifest,
  };
}

const codeOf = (excerpt: string, ranges: Array<[number, number]>) => ranges.map(([start, end]) => excerpt.slice(start, end));

describe.each([
  { corpus: 'Markdown', input: 'test/fixtures/docs', question: 'How do I define a route?' },
  { corpus: 'HTML from documentation generators', input: 'test/fixtures/generators', question: 'lanternctl dim command brightness' },
])('a corpus with code ($corpus)', ({ input, question }) => {
  const out = join(work, input.replaceAll('/', '-'));
  const app = createApp(engineLoader(() => bundleOf(out)));
  const serve = async (url: string | URL, init?: RequestInit) => app.request(String(url), init);
  const client = new Client({ name: 'test-agent', version: '1.0.0' });
  let withCode: SearchResult;

  beforeAll(async () => {
    await buildIndex({ input, out, log: quiet });
    // The SDK's transport, its requests answered by the app in-process.
    await client.connect(new StreamableHTTPClientTransport(new URL('http://example.com/mcp'), { fetch: serve }));
    // k = 50 with no floor: every result the corpus has, so one holding code is among them.
    const body = (await (await serve(`/search?q=${encodeURIComponent(question)}&k=50&min_score=-1`)).json()) as PassagesResponse;
    const found = body.results.find((r) => r.excerpt_code.length > 0);
    if (!found) throw new Error(`no passage with code in ${input}`);
    withCode = found;
  });
  afterAll(() => client.close());

  it('passes the SDK client’s output-schema check on search, result by result', async () => {
    // listTools first: the client validates later calls against the schemas it listed.
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['search', 'get_passage']);
    const result = await client.callTool({ name: 'search', arguments: { q: question, k: 50, min_score: -1 } });
    expect(result.isError).toBeFalsy();
    const body = result.structuredContent as unknown as PassagesResponse;
    expect(body.results.some((r) => r.excerpt_code.length > 0)).toBe(true);
    // The dialect the SDK's validator (ajv) reads, said in the schema for clients with another one.
    for (const tool of tools) expect(tool.outputSchema?.$schema, tool.name).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('passes the SDK client’s output-schema check on search grouped by page, with the same passages', async () => {
    await client.listTools();
    const grouped = await client.callTool({ name: 'search', arguments: { q: question, k: 2, group: 'page' } });
    expect(grouped.isError).toBeFalsy();
    const body = grouped.structuredContent as unknown as PagesResponse;
    expect(body.pages.length).toBeGreaterThan(0);
    const flat = (await (await serve(`/search?q=${encodeURIComponent(question)}&k=6&per_doc=3`)).json()) as PassagesResponse;
    const byId = new Map(flat.results.map((r) => [r.id, r]));
    for (const r of body.pages.flatMap((p) => p.results)) expect(r).toEqual(byId.get(r.id));
    expect(grouped.content).toEqual([{ type: 'text', text: expect.stringMatching(/## 1\. .+\n\n\[1\] /) }]);
    // Each passage under its page title and every heading above it (the path starts below the title).
    const text = (grouped.content as Array<{ text: string }>)[0].text;
    for (const r of body.pages.flatMap((p) => p.results)) expect(text).toContain(`[${r.rank}] ${[r.citation.title, ...r.citation.heading_path].join(' › ')} (`);
  });

  it('marks the query words in the excerpt with ranges of its own, never in markup', async () => {
    const body = (await (await serve(`/search?q=${encodeURIComponent(question)}&k=10`)).json()) as PassagesResponse;
    const stems = question.toLowerCase().split(/\W+/).filter((w) => w.length > 2).map((w) => w.slice(0, 4));
    const marked = body.results.flatMap((r) => r.highlights.excerpt_terms.map(([start, end]) => r.excerpt.slice(start, end).toLowerCase()));
    expect(marked.length).toBeGreaterThan(0);
    for (const word of marked) expect(stems.some((stem) => word.startsWith(stem)), word).toBe(true);
  });

  it('gives the excerpt and its code ranges in get_passage, with text still the verbatim slice', async () => {
    await client.listTools();
    const result = await client.callTool({ name: 'get_passage', arguments: { id: withCode.id, neighbours: 2 } });
    expect(result.isError).toBeFalsy();
    const passage = result.structuredContent as unknown as PassageInContext;
    expect(passage).toMatchObject({ id: withCode.id, text: withCode.text, excerpt: withCode.excerpt, excerpt_code: withCode.excerpt_code, citation: withCode.citation });
    const source = readFileSync(join(input, passage.citation.source), 'utf8');
    for (const p of [passage, ...passage.before, ...passage.after]) {
      expect(source.slice(p.citation.char_start, p.citation.char_end)).toBe(p.text);
      for (const [start, end] of p.excerpt_code) expect(0 <= start && start < end && end <= p.excerpt.length, `${p.id} [${start}, ${end})`).toBe(true);
    }
  });

  it('answers /passages/:id in the same shape as get_passage', async () => {
    const json = (await (await serve(`/passages/${encodeURIComponent(withCode.id)}`)).json()) as PassageInContext;
    const mcp = (await client.callTool({ name: 'get_passage', arguments: { id: withCode.id, neighbours: 1 } })).structuredContent;
    expect(json).toEqual(mcp);
  });

  it('shows the clean excerpt in the HTML view, its code as <code>, not the page’s markup', async () => {
    const res = await serve(`/passages/${encodeURIComponent(withCode.id)}`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const page = await res.text();
    const cited = page.slice(page.indexOf('<section class="cited">'), page.indexOf('</section>', page.indexOf('<section class="cited">')));
    // The view escapes what it shows: code of the excerpt appears escaped, inside <code>.
    const escape = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
    for (const code of codeOf(withCode.excerpt, withCode.excerpt_code)) expect(cited).toContain(`<code>${escape(code)}</code>`);
    expect(cited).not.toContain('&lt;span');
    if (withCode.text !== withCode.excerpt) expect(cited).not.toContain(escape(withCode.text));
  });
});
