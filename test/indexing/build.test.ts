import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import hnswlib from 'hnswlib-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeArtifact, type IndexArtifact } from '../../src/core/artifact/index.js';
import { ExactVectorStore, prepareQuery } from '../../src/core/vector/index.js';
import { buildIndex } from '../../src/indexing/index.js';
import { DEFAULT_MODEL_DIR, loadStaticEncoder } from '../../src/indexing/model/load.js';
import { terminalProgress } from '../../src/indexing/progress.js';
import { toArrayBuffer } from '../../src/core/bytes.js';

const quiet = () => {};
const work = mkdtempSync(join(tmpdir(), 'build-'));
const read = (dir: string) => {
  const bytes = readFileSync(join(dir, 'index.bin'));
  return decodeArtifact(toArrayBuffer(bytes));
};

describe('building the index', () => {
  let artifact: IndexArtifact;
  beforeAll(async () => {
    await buildIndex({ input: 'seeds', out: join(work, 'a'), log: quiet });
    artifact = read(join(work, 'a'));
  });

  it('writes a manifest with format, model, counts, HNSW parameters and source hashes', () => {
    const manifest = JSON.parse(readFileSync(join(work, 'a', 'manifest.json'), 'utf8'));
    expect(manifest).toEqual(artifact.manifest);
    expect(manifest.counts).toEqual({ documents: 5, passages: artifact.passages.length });
    expect(manifest.hnsw).toMatchObject({ M: expect.any(Number), efConstruction: expect.any(Number), seed: expect.any(Number), space: 'ip' });
    expect(manifest.sources).toHaveLength(5);
    for (const s of manifest.sources) expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is byte-identical when built twice from the same inputs, bundled or in static assets', async () => {
    const filesOf = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
    await buildIndex({ input: 'seeds', out: join(work, 'b'), log: quiet });
    expect(filesOf(join(work, 'b'))).toEqual(filesOf(join(work, 'a')));
    for (const name of filesOf(join(work, 'a'))) {
      expect(readFileSync(join(work, 'b', name)).equals(readFileSync(join(work, 'a', name))), name).toBe(true);
    }
    const shards = { postingsBytes: 512, passagesBytes: 2048, vectorsBytes: 4096 };
    await buildIndex({ input: 'seeds', out: join(work, 'assets-a'), storage: 'assets', shardTargets: shards, log: quiet });
    await buildIndex({ input: 'seeds', out: join(work, 'assets-b'), storage: 'assets', shardTargets: shards, log: quiet });
    expect(filesOf(join(work, 'assets-a')).length).toBeGreaterThan(10);
    expect(filesOf(join(work, 'assets-b'))).toEqual(filesOf(join(work, 'assets-a')));
    for (const name of filesOf(join(work, 'assets-a'))) {
      expect(readFileSync(join(work, 'assets-b', name)).equals(readFileSync(join(work, 'assets-a', name))), name).toBe(true);
    }
  });

  it('finds the same neighbours by exact scan as hnswlib-node searchKnn over the written graph', () => {
    const dims = artifact.manifest.model.dims;
    const native = new hnswlib.HierarchicalNSW('ip', dims);
    native.readIndexSync(join(work, 'a', 'index.hnsw'));
    native.setEf(200);
    const exact = new ExactVectorStore(artifact.vectors);
    const encoder = loadStaticEncoder(DEFAULT_MODEL_DIR);
    const k = 10;
    // Questions, and the passages themselves as queries.
    for (const q of ['What did Putin and Kim sign?', 'families of soldiers killed in Ukraine', 'military parade in China', ...artifact.passages.map((p) => p.text)]) {
      const query = encoder.encode(q);
      // The graph indexes the stored (rotated) vectors: hnswlib gets the query rotated the same way.
      const expected = native.searchKnn(Array.from(prepareQuery(artifact.vectors, query)), k).neighbors;
      expect(exact.nearest(query, k).map((n) => n.index)).toEqual(expected);
    }
  });

  it('keeps the previous artifact intact when a build crashes before the swap', async () => {
    const out = join(work, 'crash');
    await buildIndex({ input: 'seeds', out, log: quiet });
    const before = readFileSync(join(out, 'index.bin'));
    const other = mkdtempSync(join(tmpdir(), 'other-'));
    cpSync('seeds', other, { recursive: true });
    writeFileSync(join(other, 'zzz.txt'), 'Extra Article\n\nA brand new article about something else entirely, long enough.');
    await expect(
      buildIndex({ input: other, out, log: quiet, beforeCommit: () => { throw new Error('simulated crash'); } }),
    ).rejects.toThrow('simulated crash');
    expect(readFileSync(join(out, 'index.bin')).equals(before)).toBe(true);
    expect(readdirSync(work).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('fails clearly when the output folder cannot be written', async () => {
    // A regular file where a folder should be: fails for every user, root included.
    const file = join(work, 'a-file');
    writeFileSync(file, 'x');
    const out = join(file, 'index');
    await expect(buildIndex({ input: 'seeds', out, log: quiet })).rejects.toThrow(/ENOTDIR|EEXIST/);
    expect(existsSync(out)).toBe(false);
  });

  it('skips an article with no text after cleaning, with a warning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'partial-'));
    cpSync('seeds/000_fb1452945c771ba1.txt', join(dir, 'good.txt'));
    writeFileSync(join(dir, 'nav.txt'), 'Related articles\nLeave a Reply\n');
    const warnings: string[] = [];
    const result = await buildIndex({ input: dir, out: join(work, 'partial'), log: (m) => warnings.push(m) });
    expect(result.manifest.counts.documents).toBe(1);
    expect(warnings.join('\n')).toMatch(/skipped .*nav\.txt: no article text/);
  });

  it('refuses a 50 MB file clearly and indexes the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huge-'));
    cpSync('seeds/001_254259dacc8f1105.txt', join(dir, 'good.txt'));
    writeFileSync(join(dir, 'huge.txt'), Buffer.alloc(50 * 1024 * 1024, 'word '));
    const warnings: string[] = [];
    const result = await buildIndex({ input: dir, out: join(work, 'huge'), log: (m) => warnings.push(m) });
    expect(result.manifest.counts.documents).toBe(1);
    expect(warnings.join('\n')).toMatch(/skipped huge\.txt: too large \(52428800 bytes, the limit is 10485760\)/);
  });

  it('exits non-zero with the reason when the build cannot proceed', () => {
    const empty = mkdtempSync(join(tmpdir(), 'empty-'));
    const run = spawnSync('node_modules/.bin/tsx', ['scripts/build-index.ts', '--input', empty, '--out', join(work, 'cli')], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/build:index failed: no usable documents in/);
  });

  it('says an --input that is a file is a file, not a folder, with exit code 2', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'input-file-')), 'index.html');
    writeFileSync(file, '<h1>Page</h1><p>Words.</p>');
    const run = spawnSync('node_modules/.bin/tsx', ['scripts/build-index.ts', '--no-config', '--input', file, '--out', join(work, 'input-file')], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`build:index: input folder "${file}" is a file, not a folder`);
    expect(run.stderr).not.toMatch(/does not exist/);
  });

  it('answers a misspelt flag with one line naming the closest flag, where the usage is, and exit code 2', () => {
    const run = spawnSync('node_modules/.bin/tsx', ['scripts/build-index.ts', '--inptu', 'docs'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe("build:index: unknown option '--inptu' (Did you mean --input?)");
    expect(run.stderr.split('\n').slice(1)).toEqual(['see npm run build:index -- --help', '']);
    expect(run.stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
  });

  it('documents --follow-symlinks and what --out accepts in --help', () => {
    const run = spawnSync('node_modules/.bin/tsx', ['scripts/build-index.ts', '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/--follow-symlinks +follow symbolic links that lead out of --input/);
    expect(run.stdout).toMatch(/--out <dir> +artifact folder .*an earlier index/s);
  });

  it('warns, with the fix, when the index would put the Worker over the free plan', async () => {
    // Random words gzip badly: ~1,500 passages weigh more than the 0.6 MiB the free plan leaves an index.
    let seed = 7;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const word = () => Array.from({ length: 3 + Math.floor(random() * 8) }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join('');
    const dir = mkdtempSync(join(tmpdir(), 'big-'));
    for (let d = 0; d < 300; d++) {
      const paragraphs = Array.from({ length: 5 }, () => `${Array.from({ length: 80 }, word).join(' ')}.`);
      writeFileSync(join(dir, `doc${d}.md`), `# Page ${d}\n\n${paragraphs.join('\n\n')}\n`);
    }
    const lines: string[] = [];
    const built = await buildIndex({ input: dir, out: join(work, 'big'), storage: 'bundle', log: (m) => lines.push(m) });
    expect(built.bundle.free).toBe(false);
    expect(built.bundle.paid).toBe(true);
    expect(lines.join('\n')).toMatch(/Worker bundle ≈ \d+\.\d+ MiB gzip: over the free plan \(3 MiB\), fits the paid plan \(10 MiB\); to shrink it, put the index in Workers static assets: npm run build:index -- --storage assets \(what the default, --storage auto, does\); or keep the vectors in Cloudflare Vectorize: npm run build:index -- --vectors vectorize/);
    // The default (--storage auto) puts such an index in static assets, and says so and why.
    const autoLines: string[] = [];
    const auto = await buildIndex({ input: dir, out: join(work, 'big-auto'), log: (m) => autoLines.push(m) });
    expect(auto.storage.kind).toBe('assets');
    expect(auto.bundle.free).toBe(true);
    expect(autoLines.join('\n')).toMatch(/storage: static assets \(.*\) \(--storage auto: the Worker with the index bundled would be ≈ \d+\.\d+ MiB gzip, over the free plan's 3 MiB, so the index goes to static assets\)/);
    expect(autoLines.join('\n')).toMatch(/Worker bundle ≈ \d+\.\d+ MiB gzip: fits the free plan \(3 MiB\); static assets: \d+ files, /);
    const small = await buildIndex({ input: 'seeds', out: join(work, 'small'), log: quiet });
    expect(small.bundle.free).toBe(true);
    expect(small.storage).toMatchObject({ kind: 'bundle', files: 0 });
  });

  it('draws no progress bars when stderr is not a terminal (CI logs, pipes)', () => {
    const notATerminal = { isTTY: false } as NodeJS.WriteStream;
    expect(terminalProgress(notATerminal).progress).toBeUndefined();
  });

  it('counts every block of words left out by cleaning, and --explain lists them with file, line and reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dropped-'));
    cpSync('seeds/001_254259dacc8f1105.txt', join(dir, 'article.txt'));
    writeFileSync(join(dir, 'page.md'), '# Page\n\nBy default, this sentence is indexed.\n\n<div class="note">Raw HTML with words</div>\n\n<!-- a comment -->\n');
    const quietLines: string[] = [];
    await buildIndex({ input: dir, out: join(work, 'dropped'), log: (m) => quietLines.push(m) });
    expect(quietLines.join('\n')).toMatch(/cleaning: left out 5 blocks with words in 2 files \(.*1 HTML block.*\); --explain lists them/);
    const lines: string[] = [];
    const built = await buildIndex({ input: dir, out: join(work, 'dropped'), explain: true, log: (m) => lines.push(m) });
    expect(lines).toContain('  page.md:5 [HTML block] "<div class=\\"note\\">Raw HTML with words</div>"');
    expect(lines).toContain('  article.txt:39 [trailer] "Leave a Reply"');
    expect(built.manifest.counts.passages).toBeGreaterThan(0);
  });

  it('reports skipped files by reason in the summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mixed-'));
    cpSync('seeds/000_fb1452945c771ba1.txt', join(dir, 'good.txt'));
    writeFileSync(join(dir, 'notes.pdf'), '%PDF');
    writeFileSync(join(dir, 'empty.md'), '');
    const lines: string[] = [];
    const built = await buildIndex({ input: dir, out: join(work, 'mixed'), log: (m) => lines.push(m) });
    expect(built.skipped).toEqual({ 'unsupported type': ['notes.pdf'], empty: ['empty.md'] });
    expect(lines.join('\n')).toMatch(/files: 1 read from .*; skipped 1 empty, 1 unsupported type/);
  });

  it('counts the files read, the pages that are no documents and the documents so that they agree', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notdocs-'));
    const page = (title: string) => `<html><head><title>${title}</title></head><body><main><h1>${title}</h1><p>${readFileSync('seeds/000_fb1452945c771ba1.txt', 'utf8').slice(0, 800)}</p></main></body></html>`;
    writeFileSync(join(dir, 'index.html'), page('Home'));
    writeFileSync(join(dir, 'guide.html'), page('Guide'));
    writeFileSync(join(dir, '404.html'), '<html><head><title>404 - Not found</title></head><body><main><h1>404 - Not found</h1></main></body></html>');
    const lines: string[] = [];
    await buildIndex({ input: dir, out: join(work, 'notdocs'), log: (m) => lines.push(m) });
    expect(lines.find((l) => l.startsWith('files:'))).toMatch(/^files: 3 read from /);
    expect(lines.find((l) => l.startsWith('not documents:'))).toMatch(/^not documents: 1 of the 3 files read is no page to cite, left out \(404\.html: /);
    expect(lines.find((l) => l.startsWith('passages:'))).toMatch(/^passages: \d+ from 2 documents of the 3 files read \(/);
  });

  it("says when pages are cited at their <link rel=\"canonical\"> URL instead of under --base-url, as a warning when its host is another", async () => {
    const mkdocs = 'test/fixtures/generators/mkdocs-material';
    const summary = async (baseUrl: string) => {
      const lines: string[] = [];
      await buildIndex({ input: mkdocs, out: join(work, 'canonical'), site: { baseUrl, style: 'directory' }, log: (m) => lines.push(m) });
      return lines.filter((l) => /urls:/.test(l));
    };
    const [staging] = await summary('https://staging.example.net/');
    expect(staging).toMatch(/^warning: urls: 4 of 4 pages cited at their <link rel="canonical"> URL \(https:\/\/lanternctl\.example\.org\/mkdocs-material\/…\), not under --base-url https:\/\/staging\.example\.net\/: citations link to lanternctl\.example\.org, not staging\.example\.net/);
    expect(await summary('https://lanternctl.example.org/')).toEqual(['urls: 4 of 4 pages cited at their <link rel="canonical"> URL (https://lanternctl.example.org/mkdocs-material/…), not under --base-url https://lanternctl.example.org/']);
    expect(await summary('https://lanternctl.example.org/mkdocs-material/')).toEqual([]);
  });

  describe('pages indexed more than once', () => {
    /** A MkDocs project folder as the owner has it: the Markdown sources in docs/, the site MkDocs built from them in site/. */
    const mkdocsProject = () => {
      const dir = mkdtempSync(join(tmpdir(), 'mkdocs-project-'));
      cpSync('scripts/fixtures/pages/md', join(dir, 'docs'), { recursive: true });
      cpSync('test/fixtures/generators/mkdocs-material', join(dir, 'site'), { recursive: true });
      return dir;
    };
    const duplicateLines = async (input: string, baseUrl?: string) => {
      const lines: string[] = [];
      const built = await buildIndex({ input, out: join(work, 'duplicates'), site: baseUrl ? { baseUrl, style: 'directory' } : undefined, log: (m) => lines.push(m) });
      return { lines: lines.filter((l) => l.startsWith('warning: duplicates:')), documents: built.manifest.counts.documents };
    };

    it('warns once, with the count and the fix, when a project folder holds the Markdown sources and the built site, and keeps both', async () => {
      const dir = mkdocsProject();
      const { lines, documents } = await duplicateLines(dir);
      expect(documents).toBe(8);
      expect(lines).toEqual([
        `warning: duplicates: 4 pages are indexed twice (8 documents; same title and headings; e.g. docs/guide/dimming.md = site/guide/dimming/index.html), so answers repeat; nothing was left out: --exclude 'docs/**', or --input ${dir}/site (the built site only)`,
      ]);
    });

    it('counts copies of a site by their shared URL and content', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'copies-'));
      for (const copy of ['site', 'site-old', 'backup']) cpSync('test/fixtures/generators/mkdocs-material', join(dir, copy), { recursive: true });
      const { lines } = await duplicateLines(dir, 'https://lanternctl.example.org/mkdocs-material/');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^warning: duplicates: 4 pages are indexed up to 3 times \(12 documents; same URL, or same content; e\.g\. backup\/guide\/dimming\/index\.html = site-old\/guide\/dimming\/index\.html = site\/guide\/dimming\/index\.html\)/);
      expect(lines[0]).toContain("--exclude 'site-old/**' --exclude 'site/**' (to keep backup/ only)");
    });

    it('says nothing of a site whose pages are each indexed once', async () => {
      expect((await duplicateLines('test/fixtures/generators/mkdocs-material')).lines).toEqual([]);
      expect((await duplicateLines('scripts/fixtures/pages/md', 'https://example.com/')).lines).toEqual([]);
    });
  });

  it('fails clearly when no article has any content', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nocontent-'));
    writeFileSync(join(dir, 'a.txt'), 'Leave a Reply\nRelated articles\n');
    await expect(buildIndex({ input: dir, out: join(work, 'none'), log: quiet })).rejects.toThrow(/no passages/);
  });
});
