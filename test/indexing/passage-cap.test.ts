/**
 * Pathological inputs through the real indexer and the real Worker app: a 3,000-line code block, a
 * 2,000-row table, a multi-megabyte line of words and a megabyte of minified code with no space.
 * Every passage stays within the cap, and a k=50 answer stays small.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeArtifact, type IndexArtifact } from '../../src/core/artifact/index.js';
import { indexedText, MAX_PASSAGE_CHARS, MAX_PASSAGE_WORDS } from '../../src/core/records.js';
import { toArrayBuffer } from '../../src/core/bytes.js';
import type { ModelManifest } from '../../src/core/model/index.js';
import type { Bundle } from '../../src/core/search/open.js';
import { boundedExcerpt } from '../../src/core/search/results.js';
import { countWords } from '../../src/core/sentences/index.js';
import { buildIndex } from '../../src/indexing/index.js';
import { MAX_LABEL_CHARS } from '../../src/indexing/parse/document.js';
import { DEFAULT_MODEL_DIR } from '../../src/indexing/model/load.js';
import { createApp } from '../../src/worker/app.js';
import { engineLoader } from '../../src/worker/engine/index.js';

/** What a k=50 answer may weigh, whatever the corpus. */
const ANSWER_BUDGET_BYTES = 300 * 1024;

const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join('\n');
const inputs: Record<string, string> = {
  'code.md': `# Code\n\n## The loop\n\n\`\`\`ts\n${lines(3_000, (i) => `const value${i} = compute(input${i}, options); // step ${i}`)}\n\`\`\`\n`,
  'table.md': `# Options\n\n| Name | Type | Default | Description |\n|---|---|---|---|\n${lines(2_000, (i) => `| option${i} | string | none | Sets option ${i} of the parser |`)}\n`,
  'line.txt': Array.from({ length: 330_000 }, (_, i) => `word${i % 997}`).join(' '),
  // A title line: a derived title would be the whole line (deriveTitle cuts at words only).
  'minified.txt': `The Minified Bundle of the Example Application\n${Array.from({ length: 100_000 }, (_, i) => `a${i}=b*c;`).join('')}`,
  // No title line: the title is derived from the first sentence, which has no end and no space.
  'untitled.txt': Array.from({ length: 20_000 }, (_, i) => `x${i}=y*z;`).join(''),
  // One entity in a megabyte line: the decoded text no longer maps one to one onto the source.
  'entity.md': `# Entity\n\n${Array.from({ length: 100_000 }, (_, i) => `term${i % 991}`).join(' ')} &amp; the end.\n`,
  'long-heading.md': `# Page\n\n## ${'heading words '.repeat(2_000)}\n\nA short paragraph under a very long heading.\n`,
};

describe('an index of pathological inputs', () => {
  const work = mkdtempSync(join(tmpdir(), 'passage-cap-'));
  const input = join(work, 'in');
  const out = join(work, 'out');
  let artifact: IndexArtifact;
  const bundle = (): Bundle => ({
    index: toArrayBuffer(readFileSync(join(out, 'index.bin'))),
    weights: toArrayBuffer(readFileSync(join(DEFAULT_MODEL_DIR, 'weights.bin'))),
    tokenizer: JSON.parse(readFileSync(join(DEFAULT_MODEL_DIR, 'tokenizer.json'), 'utf8')),
    modelManifest: JSON.parse(readFileSync(join(DEFAULT_MODEL_DIR, 'manifest.json'), 'utf8')) as ModelManifest,
  });
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    mkdirSync(input);
    for (const [name, text] of Object.entries(inputs)) writeFileSync(join(input, name), text);
    // Bundled whatever its size: the subject here is the passages, read from the one artifact file.
    await buildIndex({ input, out, storage: 'bundle', log: () => {} });
    artifact = decodeArtifact(toArrayBuffer(readFileSync(join(out, 'index.bin'))));
    app = createApp(engineLoader(bundle));
  }, 300_000);

  it('keeps titles and headings short, whatever the first line or a heading holds', () => {
    for (const d of artifact.documents) expect(d.title.length, d.source).toBeLessThanOrEqual(MAX_LABEL_CHARS + 1);
    for (const p of artifact.passages) {
      for (const heading of [p.section ?? '', ...p.heading_path]) expect(heading.length, p.id).toBeLessThanOrEqual(MAX_LABEL_CHARS + 1);
    }
    expect(artifact.documents.find((d) => d.source === 'untitled.txt')?.title).toMatch(/^x0=y\*z;x1=.*…$/);
  });

  it('keeps indexed words passage-sized even where an entity shifts the decoded text from the source', () => {
    // The excerpt (and a table's header row) is what BM25 and the vector see of a passage.
    for (const p of artifact.passages) expect(indexedText(p).length, p.id).toBeLessThanOrEqual(2 * MAX_PASSAGE_CHARS);
    expect(artifact.passages.filter((p) => artifact.documents[p.doc].source === 'entity.md').length).toBeGreaterThan(100);
  });

  it('has no passage over the cap, each still the exact slice of its source', () => {
    expect(artifact.documents.map((d) => d.source).sort()).toEqual(Object.keys(inputs).sort());
    for (const p of artifact.passages) {
      expect(countWords(p.text)).toBeLessThanOrEqual(MAX_PASSAGE_WORDS);
      expect(p.text.length).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
      expect(inputs[artifact.documents[p.doc].source].slice(p.char_start, p.char_end)).toBe(p.text);
    }
  });

  it('indexes every piece of the table after the first with its header row', () => {
    const table = artifact.passages.filter((p) => artifact.documents[p.doc].source === 'table.md');
    expect(table.length).toBeGreaterThan(10);
    for (const p of table.slice(1)) expect(p.table_header).toBe('Name Type Default Description');
  });

  it.each(['how is option 12 of the parser set', 'compute input options step', 'word12 word500', 'a5000', 'what does the example application do'])(
    'answers /search?q=%s with k=50 in under 300 KB',
    async (q) => {
      const res = await app.request(`/search?q=${encodeURIComponent(q)}&k=50`, {}, {} as Env);
      expect(res.status).toBe(200);
      const body = await res.text();
      expect((JSON.parse(body) as { results: unknown[] }).results.length).toBeGreaterThan(0);
      expect(new TextEncoder().encode(body).length).toBeLessThan(ANSWER_BUDGET_BYTES);
    },
  );

  it('answers the MCP search tool with k=50 in under 300 KB', async () => {
    const client = new Client({ name: 'test-agent', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL('http://localhost/mcp'), { fetch: async (url, init) => app.request(String(url), init, {} as Env) }));
    try {
      const result = await client.callTool({ name: 'search', arguments: { q: 'how is option 12 of the parser set', k: 50 } });
      expect(result.isError).toBeFalsy();
      expect(new TextEncoder().encode(JSON.stringify(result)).length).toBeLessThan(ANSWER_BUDGET_BYTES);
    } finally {
      await client.close();
    }
  });
});

describe('a result excerpt', () => {
  it('is cut at a space within the passage cap when the index holds a longer one, its code ranges clipped', () => {
    const excerpt = Array.from({ length: 2_000 }, (_, i) => `word${i}`).join(' ');
    const { excerpt: shown, code } = boundedExcerpt({ text: excerpt, excerpt, code: [[10, 20], [MAX_PASSAGE_CHARS - 5, MAX_PASSAGE_CHARS + 50], [MAX_PASSAGE_CHARS + 100, MAX_PASSAGE_CHARS + 200]] });
    expect(shown.length).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
    expect(excerpt.startsWith(shown)).toBe(true);
    expect(excerpt[shown.length]).toBe(' ');
    expect(code).toEqual([[10, 20], [MAX_PASSAGE_CHARS - 5, shown.length]].filter(([from]) => from < shown.length));
  });
});
