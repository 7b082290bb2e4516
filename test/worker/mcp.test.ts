/**
 * /mcp inside workerd, driven by the MCP SDK's own client over Streamable HTTP: the tools are listed
 * with their schemas, `search` returns cited passages (structured and as text), `get_passage` a
 * passage in context, and bad arguments come back as tool errors with the API's codes.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema, ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { exports } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/worker/app.js';
import { bundle } from '../../src/worker/bundle.js';
import { engineLoader } from '../../src/worker/engine/index.js';

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
    ['search', { q: 'x', k: 0 }, /^INVALID_PARAMETER: k: must be a whole number from 1 to 50 \(got 0\)$/],
    ['search', { q: 'x', k: 2.5 }, /^INVALID_PARAMETER: k: must be a whole number from 1 to 50 \(got 2\.5\)$/],
    ['search', { q: 'x', group: 'pages' }, /^INVALID_PARAMETER: group: must be "page" \(got "pages"\)$/],
    ['search', { q: 'x', dedupe: 'yes' }, /^INVALID_PARAMETER: dedupe: must be true or false \(got "yes"\)$/],
    ['search', { q: 'x', colour: 'red' }, /^UNKNOWN_PARAMETER: unknown parameter "colour"/],
    ['search', { q: '   ' }, /^EMPTY_QUERY: /],
    ['search', { q: 'x', filter: 'tagz = a' }, /^INVALID_FILTER: filter: no document has a field "tagz"/],
    ['get_passage', { id: 'nope:1' }, /^PASSAGE_NOT_FOUND: /],
    ['get_passage', { id: 'x', neighbours: 9 }, /^INVALID_PARAMETER: neighbours: must be a whole number from 0 to 5 \(got 9\)$/],
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

type JsonRpcError = { jsonrpc: string; id: unknown; error: { code: number; message: string } };

const MCP_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
const postMcp = (body: BodyInit, headers: Record<string, string> = {}) =>
  exports.default.fetch(new Request('http://example.com/mcp', { method: 'POST', headers: { ...MCP_HEADERS, ...headers }, body }));
const searchCall = (id: number, q: string) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'search', arguments: { q } } });

/** A rate limiter that says yes and counts the tokens it hands out. */
function countingLimiter() {
  const limiter = { taken: 0, limit: async () => ({ success: ++limiter.taken > 0 }) };
  return limiter;
}

describe('the MCP endpoint over HTTP', () => {
  it('refuses a body over 16 KiB by its Content-Length: 413 with a JSON-RPC error', async () => {
    const res = await postMcp(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'x'.repeat(20_000) } }));
    expect(res.status).toBe(413);
    const body = (await res.json()) as JsonRpcError;
    expect(body.error.code).toBe(ErrorCode.InvalidRequest);
    expect(body.error.message).toMatch(/16384 bytes/);
  });

  it('stops reading a streamed body at 16 KiB instead of reading it whole', async () => {
    const chunk = new TextEncoder().encode(' '.repeat(1024));
    let pulled = 0;
    // 60 MiB of whitespace, produced only as the Worker reads it.
    const body = new ReadableStream<Uint8Array>({ pull: (controller) => (++pulled > 60 * 1024 ? controller.close() : controller.enqueue(chunk)) }, { highWaterMark: 0 });
    const res = await exports.default.fetch(new Request('http://example.com/mcp', { method: 'POST', headers: MCP_HEADERS, body, duplex: 'half' } as RequestInit));
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(64);
  });

  it('refuses a JSON-RPC batch with -32600 Invalid Request, running none of it, and charges one token per tool call', async () => {
    const app = createApp(engineLoader(() => bundle));
    const limiter = countingLimiter();
    const send = (message: unknown) => app.request('/mcp', { method: 'POST', headers: MCP_HEADERS, body: JSON.stringify(message) }, { RATE_LIMITER: limiter });
    const batch = await send([searchCall(1, 'armoured train'), searchCall(2, 'missiles'), searchCall(3, 'Kursk')]);
    expect(batch.status).toBe(400);
    const body = (await batch.json()) as JsonRpcError;
    expect(body).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: ErrorCode.InvalidRequest } });
    expect(body.error.message).toMatch(/batch/i);
    const before = limiter.taken;
    for (const [id, q] of [[1, 'armoured train'], [2, 'missiles'], [3, 'Kursk']] as const) expect((await send(searchCall(id, q))).status).toBe(200);
    expect(limiter.taken - before).toBe(3);
  });

  it.each([
    ['a body that is not JSON', '{"jsonrpc":', {}, 400, ErrorCode.ParseError],
    ['JSON that is not a JSON-RPC message', '{"hello":"world"}', {}, 400, ErrorCode.InvalidRequest],
    ['Content-Type text/plain', JSON.stringify(searchCall(1, 'x')), { 'content-type': 'text/plain' }, 415, ErrorCode.ConnectionClosed],
    ['a malformed media type', JSON.stringify(searchCall(1, 'x')), { 'content-type': 'application/json;;;' }, 415, ErrorCode.ConnectionClosed],
    ['an Accept without JSON or SSE', JSON.stringify(searchCall(1, 'x')), { accept: 'text/html' }, 406, ErrorCode.ConnectionClosed],
  ])('answers %s with the transport status and a JSON-RPC error', async (_name, body, headers, status, code) => {
    const res = await postMcp(body, headers);
    expect(res.status).toBe(status);
    const error = (await res.json()) as JsonRpcError;
    expect(error.jsonrpc).toBe('2.0');
    expect(error.error.code).toBe(code);
    expect(error.error.message).not.toMatch(/"code":/);
  });

  it('accepts a notification with 202 and an empty body', async () => {
    const res = await postMcp(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('');
    expect(res.headers.get('content-type')).toBeNull();
  });
});

describe('tools/call with arguments of the wrong type', () => {
  const client = new Client({ name: 'test-agent', version: '1.0.0' });
  beforeAll(async () => {
    await client.connect(new StreamableHTTPClientTransport(new URL('http://example.com/mcp'), { fetch: (url, init) => exports.default.fetch(new Request(url, init)) }));
  });
  afterAll(() => client.close());

  it.each([
    ['arguments: []', { name: 'search', arguments: [] }, /"arguments" must be an object .*got an array/],
    ['arguments: "kim"', { name: 'search', arguments: 'kim' }, /"arguments" must be an object .*got a string/],
    ['arguments: null', { name: 'search', arguments: null }, /"arguments" must be an object .*got null/],
    ['name: 5', { name: 5, arguments: { q: 'kim' } }, /"name" must be a string: search or get_passage .*got a number/],
    ['an unknown tool', { name: 'serch', arguments: { q: 'kim' } }, /unknown tool "serch"; the tools are search or get_passage/],
  ])('answers %s with -32602 Invalid params naming the argument', async (_name, params, message) => {
    const call = client.request({ method: 'tools/call', params: params as unknown as { name: string } }, CallToolResultSchema);
    const error = await call.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(McpError);
    expect((error as McpError).code).toBe(ErrorCode.InvalidParams);
    expect((error as McpError).message).toMatch(message);
    expect((error as McpError).message.length).toBeLessThan(160);
  });
});
