/** Query latency: in-process (the Worker's search core in Node) and over HTTP through wrangler dev. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SearchEngine } from '../core/search/index.js';
import { openEngineWithIndex } from '../eval/engine.js';
import { startWranglerDev } from './wrangler-dev.js';

export interface InProcessLatency {
  vectorSearch: string;
  openMs: number;
  encodeMs: number[];
  searchMs: number[];
}

/** Opens the index as a Worker would on its first request, then asks every question three times. */
export async function measureInProcess(index: Uint8Array, questions: string[]): Promise<InProcessLatency> {
  const started = performance.now();
  const engine: SearchEngine = openEngineWithIndex(index);
  await engine.search('warm up the lazy structures');
  const openMs = performance.now() - started;
  const encodeMs: number[] = [];
  const searchMs: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const q of questions) {
      let t = performance.now();
      await engine.encoder.embed([q], 'query');
      encodeMs.push(performance.now() - t);
      t = performance.now();
      await engine.search(q, { k: 5 });
      searchMs.push(performance.now() - t);
    }
  }
  return { vectorSearch: engine.vectors.kind, openMs, encodeMs, searchMs };
}

export interface HttpLatency {
  coldMs: number;
  search: number[];
  staticAnswer: number[];
  emptyWorker: number[];
}

/**
 * wrangler dev puts a proxy Worker in front of the Worker under test, so a request costs
 * milliseconds before our code runs. An empty Worker started the same way, asked in turn with the
 * same client, measures that floor in the same run.
 */
export async function measureHttp(questions: string[], rounds = 300): Promise<HttpLatency> {
  const emptyDir = mkdtempSync(join(tmpdir(), 'empty-worker-'));
  writeFileSync(join(emptyDir, 'index.js'), "export default { fetch: () => new Response('ok') };\n");
  writeFileSync(join(emptyDir, 'wrangler.toml'), 'name = "empty"\nmain = "index.js"\ncompatibility_date = "2026-10-20"\n');
  const server = await startWranglerDev({ readyPath: '/widget.js', quiet: true });
  const empty = await startWranglerDev({ readyPath: '/', config: join(emptyDir, 'wrangler.toml'), quiet: true });
  const timed = async (url: string) => {
    const t = performance.now();
    await (await fetch(url)).text();
    return performance.now() - t;
  };
  try {
    const coldMs = await timed(`${server.url}/search?q=${encodeURIComponent(questions[0])}`);
    const result: HttpLatency = { coldMs, search: [], staticAnswer: [], emptyWorker: [] };
    for (let i = 0; i < rounds; i++) {
      result.search.push(await timed(`${server.url}/search?q=${encodeURIComponent(questions[i % questions.length])}`));
      result.staticAnswer.push(await timed(`${server.url}/widget.js`));
      result.emptyWorker.push(await timed(`${empty.url}/`));
    }
    return result;
  } finally {
    await Promise.all([server.stop(), empty.stop()]);
  }
}
