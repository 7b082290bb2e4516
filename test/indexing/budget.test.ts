/** The size verdicts of a build: which storage, the static-assets limits, the isolate's memory. */
import { describe, expect, it } from 'vitest';
import { assetsLimitProblems, bundleVerdict, chooseStorage, estimateBundle, estimateMemory, memoryRefusal, WORKER_LIMITS } from '../../src/indexing/budget.js';
import { ASSETS_LIMITS } from '../../src/core/storage/format.js';

const MiB = 1024 * 1024;

describe('the storage choice', () => {
  it('bundles the index when the whole Worker fits the free plan, and says why', () => {
    const choice = chooseStorage('auto', estimateBundle(0.2 * MiB, 2 * MiB));
    expect(choice.storage).toBe('bundle');
    expect(choice.why).toMatch(/fits the free plan's 3 MiB/);
  });

  it('puts the index in static assets when the bundle would be over the free plan, even when the paid plan would hold it', () => {
    const choice = chooseStorage('auto', estimateBundle(4 * MiB, 2 * MiB));
    expect(choice.storage).toBe('assets');
    expect(choice.why).toMatch(/≈ 6\.\d\d MiB gzip, over the free plan's 3 MiB, so the index goes to static assets/);
  });

  it('does what the owner asked for', () => {
    expect(chooseStorage('bundle', estimateBundle(40 * MiB, 2 * MiB)).storage).toBe('bundle');
    expect(chooseStorage('assets', estimateBundle(0, 2 * MiB)).storage).toBe('assets');
  });
});

describe('the static-assets limits', () => {
  it('pass files within 20,000 files of 25 MiB', () => {
    expect(assetsLimitProblems([{ name: 'a', bytes: ASSETS_LIMITS.fileBytes }], ASSETS_LIMITS)).toEqual([]);
  });

  it('name too many files, and a file over 25 MiB, each with the fix', () => {
    const many = Array.from({ length: ASSETS_LIMITS.files + 1 }, (_, i) => ({ name: `f${i}`, bytes: 1 }));
    expect(assetsLimitProblems(many, ASSETS_LIMITS)).toEqual([expect.stringMatching(/20,001 files, over the 20,000 files .*--exclude.*--vectors vectorize/)]);
    expect(assetsLimitProblems([{ name: 'graph-x.bin', bytes: ASSETS_LIMITS.fileBytes + 1 }], ASSETS_LIMITS)).toEqual([expect.stringMatching(/graph-x\.bin is 25\.00 MiB, over the 25\.00 MiB a static asset may weigh; keep the vectors and graph in Cloudflare Vectorize/)]);
  });
});

describe("the isolate's memory", () => {
  it('adds the parts, passage records at their bytes and documents at twice their JSON size', () => {
    const e = estimateMemory({ vectors: 10e6, graph: 5e6, postings: 20e6, terms: 3e6, passageBytes: 8e6, documentJson: 1e6, model: 4e6 });
    expect(e.parts.records).toBe(10e6);
    expect(e.bytes).toBe(10e6 + 5e6 + 20e6 + 3e6 + 10e6 + 4e6 + e.parts.runtime);
    expect(e.fits).toBe(true);
  });

  it('refuses past 128 MB with the numbers, and Vectorize as the way out while the vectors are in memory', () => {
    const e = estimateMemory({ vectors: 60e6, graph: 20e6, postings: 40e6, terms: 2e6, passageBytes: 40e6, documentJson: 10e6, model: 4e6 });
    expect(e.fits).toBe(false);
    expect(e.bytes).toBeGreaterThan(WORKER_LIMITS.memoryBytes);
    expect(memoryRefusal(e, false)).toMatch(/≈ 198 MB of the isolate's 128 MB once warm \(vectors 60 MB, graph 20 MB, postings 40 MB, terms 2 MB, records 60 MB, model 4 MB, runtime 12 MB\): keep the vectors and graph in Cloudflare Vectorize \(--vectors vectorize/);
    expect(memoryRefusal(e, true)).toMatch(/split the site into several indexes/);
  });
});

const MIB = 1024 * 1024;
/** An estimate whose index alone is `indexMiB` gzip (no model), so the plan limits decide. */
const bundleOf = (indexMiB: number) => estimateBundle(indexMiB * MIB, 0);

describe('the size verdict', () => {
  it('gives no advice to a bundle that fits the free plan', () => {
    const line = bundleVerdict(bundleOf(1), 'bundled');
    expect(line).toContain('fits the free plan');
    expect(line).not.toContain('shrink');
  });

  it('tells a bundled build over the free plan to keep its vectors in Vectorize', () => {
    const line = bundleVerdict(bundleOf(5), 'bundled');
    expect(line).toContain('fits the paid plan');
    expect(line).toContain('npm run build:index -- --vectors vectorize');
  });

  it('never recommends --vectors vectorize to a build that already uses it', () => {
    for (const size of [5, 12]) {
      const line = bundleVerdict(bundleOf(size), 'vectorize');
      expect(line).not.toContain('npm run build:index -- --vectors vectorize');
      expect(line).toContain('already in Vectorize');
      expect(line).toContain('--exclude');
    }
  });

  it('tells a bundled build over both plans to move its vectors and trim the corpus', () => {
    const estimate = bundleOf(12);
    expect(estimate.gzipBytes).toBeGreaterThan(WORKER_LIMITS.paidBundleGzip);
    const line = bundleVerdict(estimate, 'bundled');
    expect(line).toContain('over both');
    expect(line).toContain('--vectors vectorize');
    expect(line).toContain('--exclude');
  });
});

describe('the size verdict of an index in the bundle', () => {
  it('names static assets first, and never Vectorize to a build already there', () => {
    expect(bundleVerdict(bundleOf(5), 'bundled', true)).toMatch(/--storage assets .*--vectors vectorize/);
    const line = bundleVerdict(bundleOf(5), 'vectorize', true);
    expect(line).toContain('--storage assets');
    expect(line).not.toContain('npm run build:index -- --vectors vectorize');
  });
});
