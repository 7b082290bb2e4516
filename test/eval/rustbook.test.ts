/** The Rust book dev set (src/eval/rustbook.ts) and the gold check every docs dev set passes (src/eval/gold.ts). */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readLookAlike, readRustBookQuestions, REPO_EVAL_DIR, type DevQuestion } from '../../src/eval/datasets.js';
import { assertGoldReachable, unreachableGold, UnreachableGoldError } from '../../src/eval/gold.js';
import { engineForDocuments } from '../../src/eval/engine.js';
import { readOffTopicFile, readQuestionFile } from '../../src/eval/own-questions.js';
import { hasRustBook, loadRustBook, rustBookPages } from '../../src/eval/rustbook.js';

describe('the Rust book subset', () => {
  it('is the section pages of the chosen chapters, without chapter introductions or other pages', () => {
    const files = ['ch04-00-understanding-ownership.html', 'ch04-01-what-is-ownership.html', 'ch07-01-packages-and-crates.html', 'ch16-03-shared-state.html', 'print.html', 'ch08-02-strings.html', 'appendix-01-keywords.html'];
    expect(rustBookPages(files)).toEqual(['ch04-01-what-is-ownership.html', 'ch08-02-strings.html', 'ch16-03-shared-state.html']);
  });

  it('asks only pages of the subset, and its files are well-formed question sets', () => {
    const questions = readQuestionFile(join(REPO_EVAL_DIR, 'rustbook-dev.jsonl'));
    expect(questions.length).toBeGreaterThanOrEqual(40);
    expect(rustBookPages(questions.map((q) => q.doc)).length).toBe(questions.length);
    expect(readOffTopicFile(join(REPO_EVAL_DIR, 'rustbook-lookalike.jsonl')).length).toBeGreaterThanOrEqual(10);
    for (const corpus of ['seeds', 'vitest', 'rustbook'] as const) expect(readLookAlike(corpus).length, corpus).toBeGreaterThanOrEqual(10);
  });

  it.skipIf(!hasRustBook())('every gold is in an indexed passage of its page (rust-doc installed)', async () => {
    const engine = await engineForDocuments(loadRustBook());
    expect(engine.artifact.documents.length).toBe(41);
    expect(unreachableGold(readRustBookQuestions(), engine.artifact)).toEqual([]);
  }, 120_000);
});

describe('the gold check', () => {
  const index = {
    documents: [{ source: 'guide/a.md' }, { source: 'guide/b.md' }],
    passages: [
      { doc: 0, text: 'Vitest runs   test files\nin parallel.' },
      { doc: 1, text: 'Snapshots are stored next to the test.' },
    ],
  };
  const ask = (doc: string, gold: string): DevQuestion => ({ q: 'q', doc, gold: [gold] });

  it('finds a gold in a passage of its page, whitespace collapsed', () => {
    expect(unreachableGold([ask('guide/a.md', 'runs test files in parallel')], index)).toEqual([]);
  });

  it('names a gold that is on another page or nowhere, and the eval refuses to measure', () => {
    const wrong = [ask('guide/a.md', 'Snapshots are stored'), ask('guide/b.md', 'not written anywhere')];
    expect(unreachableGold(wrong, index)).toEqual(wrong);
    expect(() => assertGoldReachable('docs', wrong, index)).toThrow(UnreachableGoldError);
    expect(() => assertGoldReachable('docs', wrong, index)).toThrow(/2 of 2 questions[\s\S]*not written anywhere/);
  });
});
