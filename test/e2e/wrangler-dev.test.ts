import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWranglerDev, type DevServer } from '../../src/bench/wrangler-dev.js';

describe('wrangler dev on loopback', () => {
  let server: DevServer;
  beforeAll(async () => {
    server = await startWranglerDev();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers questions over HTTP with verbatim citations', async () => {
    const res = await fetch(`${server.url}/search?q=${encodeURIComponent('What did Putin and Kim sign?')}&k=3`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: Array<{ text: string; citation: { source: string; char_start: number; char_end: number } }> };
    expect(body.results).toHaveLength(3);
    for (const r of body.results) {
      expect(readFileSync(join('seeds', r.citation.source), 'utf8').slice(r.citation.char_start, r.citation.char_end)).toBe(r.text);
    }
  });

  it('answers POST and reports health', async () => {
    const res = await fetch(`${server.url}/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ q: 'armoured train', k: 1 }) });
    expect(res.status).toBe(200);
    expect(((await (await fetch(`${server.url}/health`)).json()) as { status: string }).status).toBe('ok');
  });

  it('serves an MCP client built with the SDK: tools listed, cited passages returned', async () => {
    const client = new Client({ name: 'e2e-agent', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`)));
    try {
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['search', 'get_passage']);
      const result = await client.callTool({ name: 'search', arguments: { q: 'What did Putin and Kim sign?', k: 2 } });
      const body = result.structuredContent as { results: Array<{ text: string; citation: { source: string; char_start: number; char_end: number } }> };
      expect(body.results).toHaveLength(2);
      for (const r of body.results) expect(readFileSync(join('seeds', r.citation.source), 'utf8').slice(r.citation.char_start, r.citation.char_end)).toBe(r.text);
    } finally {
      await client.close();
    }
  });
});
