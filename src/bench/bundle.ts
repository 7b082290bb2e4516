/** Bundle size and memory of a Worker serving an index, and how they grow with the corpus. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readSections, type IndexArtifact } from '../core/artifact/index.js';
import { buildLexicalIndex, lexicalDocuments } from '../core/lexical/index.js';
import { buildStoredGraph } from '../indexing/hnsw/index.js';

/**
 * gzip of what `wrangler deploy --dry-run` writes for this project (code, model, index), source
 * maps excepted: they are not uploaded unless `upload_source_maps` is set, and even then do not
 * count toward the bundle size (Cloudflare's source-maps changelog, 2025-03-25).
 */
export function workerBundleGzip(): number {
  const outdir = mkdtempSync(join(tmpdir(), 'bundle-'));
  execFileSync('node_modules/.bin/wrangler', ['deploy', '--dry-run', '--outdir', outdir], { env: { ...process.env, WRANGLER_SEND_METRICS: 'false' }, stdio: 'ignore' });
  const gzipOfDir = (dir: string): number =>
    readdirSync(dir).reduce((sum, f) => {
      const path = join(dir, f);
      if (statSync(path).isDirectory()) return sum + gzipOfDir(path);
      return f.endsWith('.map') ? sum : sum + gzipSync(readFileSync(path)).length;
    }, 0);
  return gzipOfDir(outdir);
}

export const gzipSize = (data: string | ArrayBufferView) => gzipSync(typeof data === 'string' ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength)).length;

/** The budget of the <semantic-search> element served at /widget.js, gzipped (issue 26). */
export const WIDGET_GZIP_BUDGET = 15 * 1024;

/** What a page downloads for the widget: /widget.js is this file, sent as it is (no minifier). */
export function widgetSize(path = 'src/worker/ui/widget.js'): { raw: number; gzip: number } {
  const source = readFileSync(path);
  return { raw: source.length, gzip: gzipSize(source) };
}

/** The line `npm run bench` writes about it in docs/bench.md. */
export function widgetSizeLine({ raw, gzip }: { raw: number; gzip: number }): string {
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  return `The \`<semantic-search>\` widget (GET /widget.js, both variants, no framework): ${kib(raw)}, ${kib(gzip)} gzip — ${gzip <= WIDGET_GZIP_BUDGET ? 'within' : '**over**'} its ${kib(WIDGET_GZIP_BUDGET)} gzip budget.`;
}

/**
 * Heap and buffers an isolate holds after loading the artifact, opening it and answering
 * `questions`, measured in a fresh Node process after garbage collection (scripts/lib/memory-probe.ts).
 */
export function memoryOf(index: Uint8Array, questions: string[]): number {
  const dir = mkdtempSync(join(tmpdir(), 'memory-'));
  writeFileSync(join(dir, 'index.bin'), index);
  writeFileSync(join(dir, 'questions.json'), JSON.stringify(questions));
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'scripts/lib/memory-probe.ts', join(dir, 'index.bin'), join(dir, 'questions.json')], { encoding: 'utf8' });
  return Number(out.trim());
}

/** The first documents of an artifact holding about `count` passages, indexed on their own. */
export function leadingDocuments(artifact: IndexArtifact, count: number): IndexArtifact {
  let end = Math.min(count, artifact.passages.length);
  while (end < artifact.passages.length && artifact.passages[end].doc === artifact.passages[end - 1].doc) end++;
  const passages = artifact.passages.slice(0, end);
  const documents = artifact.documents.slice(0, passages[end - 1].doc + 1);
  const { dims } = artifact.vectors;
  const vectors = { ...artifact.vectors, codes: artifact.vectors.codes.slice(0, end * dims), scales: artifact.vectors.scales.slice(0, end) };
  const lexical = buildLexicalIndex(lexicalDocuments({ passages, documents }), artifact.lexical.params);
  const manifest = { ...artifact.manifest, counts: { documents: documents.length, passages: end }, sources: artifact.manifest.sources.slice(0, documents.length) };
  return { manifest, documents, passages, vectors, lexical, graph: buildStoredGraph(vectors, artifact.manifest.hnsw).graph };
}

/** Where an artifact's bytes go: each part gzipped on its own. */
export function indexParts(index: Uint8Array): Array<[string, number]> {
  const { header, sections } = readSections(index.slice().buffer);
  const sectionGzip = (prefix: string) => [...sections].filter(([name]) => name.startsWith(prefix)).reduce((sum, [, a]) => sum + gzipSize(a), 0);
  return [
    ['vectors (int8 codes and scales)', sectionGzip('vectors.')],
    ['passage texts', gzipSize(JSON.stringify(header.passages.map((p) => p.text)))],
    ['citations, documents, manifest', gzipSize(JSON.stringify({ ...header, passages: header.passages.map((p) => ({ ...p, text: undefined })), lexical: undefined }))],
    ['BM25 terms and postings', gzipSize(JSON.stringify(header.lexical)) + sectionGzip('lexical.')],
    ['HNSW graph', sectionGzip('hnsw.')],
  ];
}

/**
 * Size grows linearly with passages: the line through two measured points, and how many passages
 * fit under `limit`.
 */
export function capacity(first: { passages: number; size: number }, last: { passages: number; size: number }, limit: number) {
  const perPassage = (last.size - first.size) / (last.passages - first.passages);
  const fixed = first.size - perPassage * first.passages;
  return { perPassage, passages: Math.floor((limit - fixed) / perPassage) };
}
