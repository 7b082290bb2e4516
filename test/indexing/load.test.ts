import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorpusError, loadCorpus, type SkipReason } from '../../src/indexing/load/index.js';

const folder = (files: Record<string, string | Uint8Array>) => {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
  return dir;
};
const ARTICLE = 'A Title\n\nSome article text that is long enough to matter for the test at hand.';

describe('loading a corpus', () => {
  it('reads .txt, .md and .mdx files in path order, keeping the text exactly as stored', () => {
    const dir = folder({ 'b.md': ARTICLE, 'a.txt': `\uFEFF${ARTICLE}\r\n`, 'c.mdx': ARTICLE });
    const docs = loadCorpus(dir, { warn: () => {} });
    expect(docs.map((d) => [d.id, d.format])).toEqual([
      ['a', 'text'],
      ['b', 'markdown'],
      ['c', 'markdown'],
    ]);
    expect(docs[0].text).toBe(`\uFEFF${ARTICLE}\r\n`);
  });

  it('reads nested folders and cites paths relative to the input root, never absolute ones', () => {
    const dir = folder({ 'index.md': ARTICLE, 'guide/routing.md': ARTICLE, 'guide/deep/more.md': ARTICLE });
    const docs = loadCorpus(dir);
    expect(docs.map((d) => d.source)).toEqual(['guide/deep/more.md', 'guide/routing.md', 'index.md']);
    expect(docs.map((d) => d.id)).toEqual(['guide.deep.more', 'guide.routing', 'index']);
    for (const d of docs) expect(d.source.startsWith('/') || d.source.includes(dir)).toBe(false);
  });

  it('reports every skipped file with its reason', () => {
    const skipped: Array<[string, SkipReason]> = [];
    const warnings: string[] = [];
    const dir = folder({
      'ok.txt': ARTICLE,
      'empty.txt': '  \n',
      'bin.txt': new Uint8Array([1, 0, 2]),
      'latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9]),
      'notes.json': '{}',
      'manual.pdf': '%PDF-1.4',
      'huge.md': 'x'.repeat(2048),
    });
    const docs = loadCorpus(dir, { maxFileBytes: 1024, warn: (m) => warnings.push(m), onSkip: (s, r) => skipped.push([s, r]) });
    expect(docs.map((d) => d.id)).toEqual(['ok']);
    expect(Object.fromEntries(skipped)).toEqual({ 'empty.txt': 'empty', 'bin.txt': 'binary', 'latin1.txt': 'not UTF-8', 'notes.json': 'unsupported type', 'manual.pdf': 'unsupported type', 'huge.md': 'too large' });
    expect(warnings.join('\n')).toMatch(/skipped manual\.pdf: unsupported type \(\.pdf; indexed: /);
    expect(warnings.join('\n')).toMatch(/skipped huge\.md: too large \(2048 bytes, the limit is 1024\)/);
  });

  it('leaves out node_modules, dot-folders and --exclude patterns', () => {
    const skipped: string[] = [];
    const dir = folder({ 'a.md': ARTICLE, 'node_modules/pkg/README.md': ARTICLE, '.vitepress/cache/x.md': ARTICLE, 'drafts/wip.md': ARTICLE, 'api/old.md': ARTICLE });
    const docs = loadCorpus(dir, { exclude: ['drafts/**', '**/old.md'], onSkip: (s) => skipped.push(s) });
    expect(docs.map((d) => d.source)).toEqual(['a.md']);
    expect(skipped.sort()).toEqual(['.vitepress/cache/x.md', 'api/old.md', 'drafts/wip.md', 'node_modules/pkg/README.md']);
  });

  it('fails with a clear error for a missing or empty folder and for clashing ids', () => {
    expect(() => loadCorpus('/nonexistent/folder')).toThrow(CorpusError);
    const empty = mkdtempSync(join(tmpdir(), 'corpus-'));
    mkdirSync(join(empty, 'sub.txt'));
    expect(() => loadCorpus(empty)).toThrow(/no usable documents in .*searched recursively/);
    expect(() => loadCorpus(folder({ 'x.txt': ARTICLE, 'x.md': ARTICLE }))).toThrow(/both have document id "x"/);
  });
});
