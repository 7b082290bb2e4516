import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorpusError, loadCorpus } from '../../src/indexing/load/index.js';

const folder = (files: Record<string, string | Uint8Array>) => {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
  return dir;
};
const ARTICLE = 'A Title\n\nSome article text that is long enough to matter for the test at hand.';

describe('loading a corpus', () => {
  it('reads .txt and .md files in name order, keeping the text exactly as stored', () => {
    const dir = folder({ 'b.md': ARTICLE, 'a.txt': `\uFEFF${ARTICLE}\r\n`, 'notes.json': '{}' });
    const docs = loadCorpus(dir);
    expect(docs.map((d) => d.id)).toEqual(['a', 'b']);
    expect(docs[0].text).toBe(`\uFEFF${ARTICLE}\r\n`);
    expect(docs[0].source).toBe(join(dir, 'a.txt'));
  });

  it('skips empty, binary and non-UTF-8 files with a warning', () => {
    const warnings: string[] = [];
    const dir = folder({ 'ok.txt': ARTICLE, 'empty.txt': '  \n', 'bin.txt': new Uint8Array([1, 0, 2]), 'latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9]) });
    const docs = loadCorpus(dir, { warn: (m) => warnings.push(m) });
    expect(docs.map((d) => d.id)).toEqual(['ok']);
    expect(warnings.join('\n')).toMatch(/empty\.txt: empty file/);
    expect(warnings.join('\n')).toMatch(/bin\.txt: binary file/);
    expect(warnings.join('\n')).toMatch(/latin1\.txt: not valid UTF-8/);
  });

  it('refuses files over the size limit clearly', () => {
    const warnings: string[] = [];
    const dir = folder({ 'ok.txt': ARTICLE, 'huge.txt': 'x'.repeat(2048) });
    expect(loadCorpus(dir, { maxFileBytes: 1024, warn: (m) => warnings.push(m) }).map((d) => d.id)).toEqual(['ok']);
    expect(warnings[0]).toMatch(/huge\.txt: 2048 bytes is over the 1024-byte limit/);
  });

  it('fails with a clear error for a missing or empty folder and for clashing ids', () => {
    expect(() => loadCorpus('/nonexistent/folder')).toThrow(CorpusError);
    const empty = mkdtempSync(join(tmpdir(), 'corpus-'));
    mkdirSync(join(empty, 'sub.txt'));
    expect(() => loadCorpus(empty)).toThrow(/no usable \.txt or \.md articles/);
    expect(() => loadCorpus(folder({ 'x.txt': ARTICLE, 'x.md': ARTICLE }))).toThrow(/both have document id "x"/);
  });
});
