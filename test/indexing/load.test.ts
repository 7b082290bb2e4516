import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorpusError, loadCorpus, type LoadOptions, type SkipReason } from '../../src/indexing/load/index.js';

const folder = (files: Record<string, string | Uint8Array>) => {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
  return dir;
};
const ARTICLE = 'A Title\n\nSome article text that is long enough to matter for the test at hand.';

/** Loads a folder, returning the documents' sources and every skipped file with its reason and warning. */
const load = (dir: string, options: LoadOptions = {}) => {
  const skipped: Record<string, SkipReason> = {};
  const warnings: string[] = [];
  const docs = loadCorpus(dir, { ...options, warn: (m) => warnings.push(m), onSkip: (s, r) => (skipped[s] = r) });
  return { sources: docs.map((d) => d.source), docs, skipped, warnings: warnings.join('\n') };
};

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

  it("groups a theme's assets into one line per type, with a count and two examples, and keeps real warnings on their own lines", () => {
    const assets = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`assets/js/bundle${String(i).padStart(2, '0')}.js`, 'x()']));
    const styles = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`assets/css/s${i}.css`, 'a{}']));
    const dir = folder({ 'index.html': '<h1>Hi</h1><p>Words here.</p>', ...assets, ...styles, 'sitemap.xml': '<urlset/>', 'big.md': 'x'.repeat(2048) });
    const warnings: string[] = [];
    const notes: string[] = [];
    const skipped: string[] = [];
    loadCorpus(dir, { maxFileBytes: 1024, warn: (m) => warnings.push(m), note: (m) => notes.push(m), onSkip: (s) => skipped.push(s) });
    expect(skipped).toHaveLength(37);
    expect(notes).toEqual([
      'skipped 30 .js files: unsupported type (e.g. assets/js/bundle00.js, assets/js/bundle01.js, …; indexed: .txt .md .markdown .mdx .html .htm; --explain lists them)',
      'skipped 5 .css files: unsupported type (e.g. assets/css/s0.css, assets/css/s1.css, …; indexed: .txt .md .markdown .mdx .html .htm; --explain lists them)',
      'skipped sitemap.xml: unsupported type (.xml; indexed: .txt .md .markdown .mdx .html .htm)',
    ]);
    expect(warnings).toEqual(['skipped big.md: too large (2048 bytes, the limit is 1024)']);
    const explained: string[] = [];
    loadCorpus(dir, { maxFileBytes: 1024, explain: true, warn: () => {}, note: (m) => explained.push(m) });
    expect(explained[0]).toBe('skipped 30 .js files: unsupported type (indexed: .txt .md .markdown .mdx .html .htm):');
    expect(explained.slice(1, 31)).toEqual(Object.keys(assets).sort().map((f) => `  ${f}`));
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

  it('does not follow a link to a file or a folder outside the input root unless asked, and says so per link', () => {
    const outside = folder({ 'secret.txt': 'hostname-like secret text that must never be bundled.', 'private/notes.md': ARTICLE });
    const dir = folder({ 'a.md': ARTICLE, 'guide/b.md': ARTICLE });
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'x.txt'));
    symlinkSync(join(outside, 'private'), join(dir, 'private'));
    // A link that stays inside the root is part of the corpus, unless what it points to is excluded.
    symlinkSync('guide/b.md', join(dir, 'alias.md'));
    writeFileSync(join(dir, '.env'), 'API_KEY=secret');
    symlinkSync('.env', join(dir, 'env.md'));
    const { sources, skipped, warnings } = load(dir);
    expect(sources).toEqual(['a.md', 'alias.md', 'guide/b.md']);
    expect(skipped).toEqual({ '.env': 'excluded', 'env.md': 'excluded', 'x.txt': 'symlink outside input', private: 'symlink outside input' });
    expect(warnings).toMatch(/skipped x\.txt: symlink outside input \(→ .*secret\.txt; --follow-symlinks indexes what it points to\)/);
    // Followed on request, and cited by the link's path inside the root.
    const followed = load(dir, { followSymlinks: true });
    expect(followed.sources).toEqual(['a.md', 'alias.md', 'guide/b.md', 'private/notes.md', 'x.txt']);
    expect(followed.skipped).toEqual({ '.env': 'excluded', 'env.md': 'excluded' });
  });

  it('reports dangling links and link loops per file and indexes the rest', () => {
    const dir = folder({ 'a.md': ARTICLE, 'guide/b.md': ARTICLE });
    symlinkSync('nowhere.md', join(dir, 'dangling.md'));
    symlinkSync('..', join(dir, 'guide', 'up'));
    symlinkSync('ping.md', join(dir, 'pong.md'));
    symlinkSync('pong.md', join(dir, 'ping.md'));
    const { sources, skipped } = load(dir);
    expect(sources).toEqual(['a.md', 'guide/b.md']);
    expect(skipped).toEqual({ 'dangling.md': 'dangling symlink', 'guide/up': 'symlink loop', 'ping.md': 'symlink loop', 'pong.md': 'symlink loop' });
  });

  it('reports a FIFO named .md as not a regular file, without ever opening it', () => {
    const dir = folder({ 'a.md': ARTICLE });
    const made = spawnSync('mkfifo', [join(dir, 'pipe.md')]);
    expect(made.status, 'mkfifo').toBe(0);
    // Opening a FIFO for reading blocks until a writer comes: the test would hang, not fail.
    const { sources, skipped, warnings } = load(dir);
    expect(sources).toEqual(['a.md']);
    expect(skipped).toEqual({ 'pipe.md': 'not a regular file' });
    expect(warnings).toContain('skipped pipe.md: not a regular file (a FIFO; never opened)');
  });

  it('decodes UTF-16 LE and BE files with a byte-order mark, keeping the mark so offsets match the decoded file', () => {
    const utf16le = Buffer.from(`\uFEFF${ARTICLE} café ✓`, 'utf16le');
    const utf16be = Buffer.from(utf16le).swap16();
    const { docs, skipped } = load(folder({ 'le.md': utf16le, 'be.txt': utf16be, 'odd.md': Buffer.concat([utf16le, Buffer.from([0x41])]) }));
    expect(docs.map((d) => [d.source, d.text])).toEqual([
      ['be.txt', `\uFEFF${ARTICLE} café ✓`],
      ['le.md', `\uFEFF${ARTICLE} café ✓`],
    ]);
    expect(skipped).toEqual({ 'odd.md': 'invalid UTF-16' });
  });
});
