/**
 * Pages and sections as evidence for their passages: a passage on a page (or in a section) whose
 * other passages also answer is more likely the answer than an equally scored stray one — how
 * documentation search boxes rank, by page first. Each passage's score becomes
 * (1 − w)·score + w·(the mean of its group's best `depth` scores in the ranking, a missing one
 * counting 0), one group kind at a time.
 */
import { byScore } from '../scored.js';
import type { Ranked } from './index.js';

export interface GroupEvidence {
  /** The group a passage belongs to (its page, or its page and heading path). */
  groupOf: (index: number) => string;
  /** Share of the group's score in the passage's, 0..1 (0: the ranking as it is). */
  weight: number;
  /** How many of the group's best scores make its score. */
  depth: number;
}

/** The ranking re-scored with its groups' scores, best first (ties by passage order). */
export function withGroupEvidence(ranking: Ranked[], evidence: GroupEvidence[]): Ranked[] {
  let out = ranking;
  for (const { groupOf, weight, depth } of evidence) {
    if (weight <= 0) continue;
    // The ranking is best first, so each group's first `depth` entries are its best.
    const best = new Map<string, number[]>();
    for (const r of out) {
      const group = groupOf(r.index);
      const scores = best.get(group) ?? [];
      if (scores.length < depth) scores.push(r.score);
      best.set(group, scores);
    }
    const groupScore = (group: string) => best.get(group)!.reduce((a, b) => a + b, 0) / depth;
    out = out.map((r) => ({ ...r, score: (1 - weight) * r.score + weight * groupScore(groupOf(r.index)) })).sort(byScore);
  }
  return out;
}
