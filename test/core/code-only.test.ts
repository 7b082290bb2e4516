import { beforeAll, describe, expect, it } from 'vitest';
import { CODE_ONLY_SHARE, codeShare, excerptOf } from '../../src/core/records.js';
import type { SearchEngine } from '../../src/core/search/index.js';
import { engineForDocuments } from '../../src/eval/engine.js';
import { CODE_ONLY_FACTOR } from '../../src/indexing/index.js';
import { loadCorpus } from '../../src/indexing/load/index.js';

// Real generator output (a Docusaurus build) with code examples among its passages.
let engine: SearchEngine;

beforeAll(async () => {
  engine = await engineForDocuments(loadCorpus('test/fixtures/generators/docusaurus', { warn: () => {} }));
});

describe('code-only passages', () => {
  const isCodeOnly = (i: number) => codeShare(engine.artifact.passages[i]) >= CODE_ONLY_SHARE;

  it('rank at the index’s code-only factor of their score, while prose keeps its own', async () => {
    expect(engine.artifact.manifest.ranking?.code_only_factor).toBe(CODE_ONLY_FACTOR);
    const example = engine.artifact.passages.findIndex((_, i) => isCodeOnly(i));
    expect(example).toBeGreaterThanOrEqual(0);
    // A question in the example's own words, so that it and the prose around it both come back.
    const asked = excerptOf(engine.artifact.passages[example]).split(/\s+/).slice(0, 12).join(' ');
    const plain = await engine.search(asked, { k: 20, codeOnlyFactor: 1, highlights: false });
    const shipped = await engine.search(asked, { k: 20, highlights: false });
    const kinds = new Set(shipped.results.map((r) => isCodeOnly(engine.passageIndex(r.id))));
    expect(kinds).toEqual(new Set([true, false]));
    for (const r of shipped.results) {
      const before = plain.results.find((p) => p.id === r.id);
      if (before) expect(r.score).toBeCloseTo(isCodeOnly(engine.passageIndex(r.id)) ? before.score * CODE_ONLY_FACTOR : before.score, 3);
    }
  });
});
