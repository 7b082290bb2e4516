/**
 * /mcp inside workerd, driven by the MCP SDK's own client over Streamable HTTP: the tools are listed
 * with their schemas, `search` returns cited passages (structured and as text), `get_passage` a
 * passage in context, and bad arguments come back as tool errors with the API's codes.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { exports } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Structured = { answerable: boolean; results: Array<{ id: string; text: string; excerpt: string; citation: { source: string; title: string } }>; facets?: Record<string, Record<string, number>> };

describe('the MCP endpoint', () => {
  const client = new Client({ name: 'test-agent', version: '1.0.0' });
  beforeAll(async () => {
    // The SDK's transport, its requests served by the Worker under test.
    await client.connect(new StreamableHTTPClientTransport(new URL('http://example.com/mcp'), { fetch: (url, init) => exports.default.fetch(new Request(url, init)) }));
  });
  afterAll(() => client.close());

  it('lists search and get_passage with their input schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['search', 'get_passage']);
    const search = tools[0];
    expect(search.inputSchema.required).toEqual(['q']);
    expect(Object.keys(search.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(['q', 'k', 'mode', 'filter', 'facets', 'min_confidence']));
    expect(search.annotations?.readOnlyHint).toBe(true);
  });

  it('answers search with cited passages, structured and as quotable text', async () => {
    const result = await client.callTool({ name: 'search', arguments: { q: 'Who estimated North Korean casualties in Kursk?', k: 3, facets: ['path'] } });
    expect(result.isError).toBeFalsy();
    const body = result.structuredContent as Structured;
    expect(body.answerable).toBe(true);
    expect(body.results).toHaveLength(3);
    expect(body.facets?.path).toBeDefined();
    const text = (result.content as Array<{ type: string; text: string }>)[0].text;
    expect(text).toContain(`[1] ${body.results[0].citation.title}`);
    expect(text).toContain(`passage ${body.results[0].id}`);
    expect(text).toContain(body.results[0].excerpt.slice(0, 80));
  });

  it('gives a passage with its neighbours', async () => {
    const found = (await client.callTool({ name: 'search', arguments: { q: 'armoured train', k: 1 } })).structuredContent as Structured;
    const id = found.results[0].id;
    const result = await client.callTool({ name: 'get_passage', arguments: { id, neighbours: 2 } });
    const passage = result.structuredContent as { id: string; text: string; before: unknown[]; after: unknown[] };
    expect(passage.id).toBe(id);
    expect(passage.text).toBe(found.results[0].text);
    expect(passage.before.length + passage.after.length).toBeGreaterThan(0);
  });

  it.each([
    ['search', { q: 'x', k: 0 }, /^INVALID_PARAMETER: k: /],
    ['search', { q: 'x', colour: 'red' }, /^UNKNOWN_PARAMETER: unknown parameter "colour"/],
    ['search', { q: '   ' }, /^EMPTY_QUERY: /],
    ['search', { q: 'x', filter: 'tagz = a' }, /^INVALID_FILTER: filter: no document has a field "tagz"/],
    ['get_passage', { id: 'nope:1' }, /^PASSAGE_NOT_FOUND: /],
    ['get_passage', { id: 'x', neighbours: 9 }, /^INVALID_PARAMETER: neighbours: /],
  ])('answers %s %j with a tool error carrying the API code', async (name, args, message) => {
    const result = await client.callTool({ name, arguments: args });
    expect(result.isError).toBe(true);
    expect((result.content as Array<{ text: string }>)[0].text).toMatch(message);
  });

  it('offers no stream on GET and no session to delete: 405 with Allow: POST', async () => {
    for (const method of ['GET', 'DELETE']) {
      const res = await exports.default.fetch(new Request('http://example.com/mcp', { method, headers: { accept: 'text/event-stream' } }));
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('METHOD_NOT_ALLOWED');
    }
  });
});
