/**
 * The hybrid ratio fitted for one index at build time, from the corpus's own held-out
 * pseudo-questions (the ones "no answer" is calibrated on): each is asked with the passages it
 * comes from held out, so no ratio wins by finding a question's own words; the right answer is then
 * any other passage of the same page. The ratio whose fused ranking puts one first (MRR) wins.
 */
import { fuse, type FusionMethod } from '../../core/fusion/index.js';
import { analyse, CANDIDATES } from '../../core/search/candidates.js';
import type { SearchEngine } from '../../core/search/index.js';
import { pseudoQuestions, MAX_QUESTIONS } from './index.js';

/** The ratios a fit chooses from: the grid `npm run eval` measures. */
export const RATIO_GRID: readonly number[] = [0.1, 0.2, 0.3, 0.5, 0.7];

export interface RatioFit {
  ratio: number;
  /** Page-level MRR of each ratio on the held-out pseudo-questions, in RATIO_GRID order. */
  mrr: number[];
  questions: number;
}

export async function fitRatio(engine: SearchEngine, method: FusionMethod = 'weighted', grid: readonly number[] = RATIO_GRID): Promise<RatioFit> {
  const { passages } = engine.artifact;
  const sums = grid.map(() => 0);
  let questions = 0;
  for (const { q, held } of pseudoQuestions(engine.artifact, MAX_QUESTIONS)) {
    const page = passages[held.values().next().value as number].doc;
    // A page with nothing left once its passages are held out cannot be found: not a question.
    if (!passages.some((p, i) => p.doc === page && !held.has(i))) continue;
    const keep = (h: { index: number }) => !held.has(h.index);
    const question = await analyse(q, engine.encoder, engine.lexical, engine.artifact.manifest.embed_identifiers === 'spelled');
    const semantic = (await engine.vectors.nearest(question.vector, CANDIDATES + held.size)).filter(keep);
    const lexical = engine.lexical.search(engine.lexical.withoutPassages(question.terms, held), CANDIDATES + held.size).filter(keep);
    questions++;
    grid.forEach((ratio, r) => {
      const rank = fuse(semantic, lexical, method, ratio).findIndex((x) => passages[x.index].doc === page);
      if (rank >= 0) sums[r] += 1 / (rank + 1);
    });
  }
  const mrr = sums.map((s) => s / Math.max(1, questions));
  // Ties go to the smaller ratio (the grid's order): BM25's share is the measured default's side.
  const best = mrr.reduce((b, m, r) => (m > mrr[b] + 1e-9 ? r : b), 0);
  return { ratio: grid[best], mrr, questions };
}
