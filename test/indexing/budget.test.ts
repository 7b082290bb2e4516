import { describe, expect, it } from 'vitest';
import { bundleVerdict, estimateBundle, WORKER_LIMITS } from '../../src/indexing/budget.js';

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
