/**
 * `--out` is only ever an index: the indexer replaces a missing folder, an empty one or an earlier
 * artifact, and refuses anything else — before the build starts, and again at the swap.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/indexing/index.js';
import { OutputError, type OutputErrorCode, writeAtomically } from '../../src/indexing/write/index.js';

const ARTICLE = 'A Title\n\nSome article text that is long enough to matter for the test at hand.';
/** The fields every artifact manifest has (what the indexer checks before replacing a folder). */
const MANIFEST = JSON.stringify({ format_version: 5, build_id: '0123456789abcdef', model: { id: 'm' }, counts: { documents: 1, passages: 1 }, sources: [] });

const folder = (files: Record<string, string> = {}) => {
  const dir = mkdtempSync(join(tmpdir(), 'out-'));
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
  return dir;
};
/** Every file under a folder with its content: what must survive a refused build unchanged. */
const contents = (dir: string) => Object.fromEntries((readdirSync(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => [join(e.parentPath, e.name).slice(dir.length + 1), readFileSync(join(e.parentPath, e.name), 'utf8')]));

/** Builds with `input` and `out`, expecting a refusal with `code` before any work (nothing logged). */
async function expectRefused(input: string, out: string, code: OutputErrorCode) {
  const lines: string[] = [];
  const build = buildIndex({ input, out, log: (m) => lines.push(m) });
  await expect(build).rejects.toThrow(OutputError);
  await expect(build).rejects.toMatchObject({ code });
  expect(lines, 'refused before loading the corpus').toEqual([]);
}

describe('the output folder', () => {
  it('is refused when it is the input folder, and the documents stay', async () => {
    const docs = folder({ 'guide.md': ARTICLE, 'notes/todo.txt': ARTICLE });
    await expectRefused(docs, docs, 'OUTPUT_OVERLAPS_INPUT');
    expect(contents(docs)).toEqual({ 'guide.md': ARTICLE, 'notes/todo.txt': ARTICLE });
  });

  it('is refused inside or above the input folder, comparing real paths', async () => {
    const parent = folder();
    const docs = join(parent, 'docs');
    mkdirSync(docs);
    writeFileSync(join(docs, 'guide.md'), ARTICLE);
    await expectRefused(docs, join(docs, 'index'), 'OUTPUT_OVERLAPS_INPUT');
    await expectRefused(docs, parent, 'OUTPUT_OVERLAPS_INPUT');
    await expectRefused(`${docs}/../docs/.`, docs, 'OUTPUT_OVERLAPS_INPUT');
    // The same folder under another name, by a link.
    symlinkSync(docs, join(parent, 'alias'));
    await expectRefused(docs, join(parent, 'alias', 'index'), 'OUTPUT_OVERLAPS_INPUT');
    expect(readdirSync(parent).sort()).toEqual(['alias', 'docs']);
    expect(contents(docs)).toEqual({ 'guide.md': ARTICLE });
  });

  it('is refused when it is a folder of other files, or holds a manifest.json that is not an index', async () => {
    const docs = folder({ 'guide.md': ARTICLE });
    const notes = folder({ 'diary.md': 'my notes', 'sub/more.txt': 'more' });
    await expectRefused(docs, notes, 'OUTPUT_NOT_AN_INDEX');
    expect(contents(notes)).toEqual({ 'diary.md': 'my notes', 'sub/more.txt': 'more' });
    const packageLike = folder({ 'manifest.json': '{"name": "my-extension"}' });
    await expectRefused(docs, packageLike, 'OUTPUT_NOT_AN_INDEX');
    expect(contents(packageLike)).toEqual({ 'manifest.json': '{"name": "my-extension"}' });
  });

  it('is refused when it is a plain file or a link', async () => {
    const docs = folder({ 'guide.md': ARTICLE });
    const file = join(folder(), 'important.txt');
    writeFileSync(file, 'keep me');
    await expectRefused(docs, file, 'OUTPUT_NOT_A_FOLDER');
    expect(readFileSync(file, 'utf8')).toBe('keep me');
    const link = join(folder(), 'index');
    symlinkSync(folder(), link);
    await expectRefused(docs, link, 'OUTPUT_NOT_A_FOLDER');
  });

  it('replaces an earlier index, an empty folder or a missing one, but not an index with a foreign file beside it', () => {
    const files = { 'index.bin': 'new', 'manifest.json': MANIFEST };
    const earlier = folder({ 'index.bin': 'old', 'index.hnsw': 'old graph', 'manifest.json': MANIFEST });
    writeAtomically(earlier, files);
    expect(contents(earlier)).toEqual(files);
    const empty = folder();
    writeAtomically(empty, files);
    expect(contents(empty)).toEqual(files);
    const missing = join(folder(), 'a', 'b');
    writeAtomically(missing, files);
    expect(contents(missing)).toEqual(files);
    const mixed = folder({ 'index.bin': 'old', 'manifest.json': MANIFEST, 'README.md': 'mine' });
    expect(() => writeAtomically(mixed, files)).toThrow(/is not an index \(it holds "README\.md"\): refusing to replace it/);
    expect(contents(mixed)).toEqual({ 'index.bin': 'old', 'manifest.json': MANIFEST, 'README.md': 'mine' });
    // No staging folders left beside any of them.
    for (const dir of [earlier, empty, missing, mixed]) expect(readdirSync(dirname(dir)).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('replaces an earlier index in static assets with its files, and refuses a foreign file among them', () => {
    const shard = (kind: string, n: number) => `assets/_index/${kind}-${n.toString(16).padStart(16, '0')}.bin`;
    const earlier = folder({ 'index.bin': 'old root', 'manifest.json': MANIFEST, [shard('postings', 1)]: 'old', [shard('passages', 2)]: 'old' });
    const files = { 'index.bin': 'new root', 'manifest.json': MANIFEST, [shard('postings', 3)]: 'new' };
    writeAtomically(earlier, files);
    expect(contents(earlier)).toEqual(files);
    // Back to a bundled index: the old files go, an empty assets folder stays for wrangler.toml's [assets].
    writeAtomically(earlier, { 'index.bin': 'bundled', 'manifest.json': MANIFEST });
    expect(contents(earlier)).toEqual({ 'index.bin': 'bundled', 'manifest.json': MANIFEST });
    expect(readdirSync(join(earlier, 'assets'))).toEqual([]);
    const mixed = folder({ 'index.bin': 'old', 'manifest.json': MANIFEST, [shard('postings', 1)]: 'old', 'assets/_index/notes.txt': 'mine', 'assets/logo.png': 'mine' });
    expect(() => writeAtomically(mixed, files)).toThrow(/is not an index \(it holds "assets\/_index\/notes\.txt", "assets\/logo\.png"\)/);
    expect(contents(mixed)).toEqual({ 'index.bin': 'old', 'manifest.json': MANIFEST, [shard('postings', 1)]: 'old', 'assets/_index/notes.txt': 'mine', 'assets/logo.png': 'mine' });
    expect(() => writeAtomically(folder(), { 'assets/_index/other.bin': 'x' })).toThrow(/not artifact files/);
  });

  it('leaves the previous index in static assets whole when a build fails before the swap', () => {
    const before = { 'index.bin': 'old root', 'manifest.json': MANIFEST, 'assets/_index/postings-0000000000000001.bin': 'old' };
    const out = folder(before);
    const crash = () => {
      throw new Error('disk full');
    };
    expect(() => writeAtomically(out, { 'index.bin': 'new', 'manifest.json': MANIFEST, 'assets/_index/postings-0000000000000002.bin': 'new' }, { beforeCommit: crash })).toThrow('disk full');
    expect(contents(out)).toEqual(before);
    expect(readdirSync(dirname(out)).filter((n) => n.startsWith(`.${out.split('/').pop()}.tmp-`))).toEqual([]);
  });

  it('is checked again at the swap: a file added to it during the build is neither replaced nor deleted', () => {
    const out = folder({ 'index.bin': 'old', 'manifest.json': MANIFEST });
    const addedMeanwhile = () => writeFileSync(join(out, 'draft.md'), 'written during the build');
    expect(() => writeAtomically(out, { 'index.bin': 'new', 'manifest.json': MANIFEST }, { beforeCommit: addedMeanwhile })).toThrow(OutputError);
    expect(contents(out)).toEqual({ 'index.bin': 'old', 'manifest.json': MANIFEST, 'draft.md': 'written during the build' });
    expect(readdirSync(dirname(out)).filter((n) => n.startsWith(`.${out.split('/').pop()}.tmp-`))).toEqual([]);
  });

  it('refused by the command line with one line and exit code 2, the documents left in place', () => {
    const docs = folder();
    cpSync('seeds', docs, { recursive: true });
    const before = contents(docs);
    const run = spawnSync('node_modules/.bin/tsx', ['scripts/build-index.ts', '--input', docs, '--out', docs], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([`build:index: output folder "${docs}" is the input folder: write the index to a folder of its own, outside the input`]);
    expect(contents(docs)).toEqual(before);
  });
});
