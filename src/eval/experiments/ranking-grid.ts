/**
 * The grid of ranking settings `npm run eval` measures on every dataset: lexical, semantic, RRF
 * and weighted fusion at several ratios. The shipped defaults (DEFAULT_OPTIONS) are the row marked
 * "(default)".
 */
import { DEFAULT_OPTIONS, type SearchEngine, type SearchMode, type SearchOptions } from '../../core/search/index.js';
import type { DevQuestion, ScifactSet } from '../datasets.js';
import type { LogLine, Table } from '../markdown.js';
import { evaluateQuestions, questionsSummary } from '../run-questions.js';
import { evaluateScifact } from '../run-scifact.js';

export type RankingSetting = Pick<SearchOptions, 'mode' | 'fusion' | 'ratio'>;

export const RANKING_GRID: readonly RankingSetting[] = [
  { mode: 'lexical', fusion: 'weighted', ratio: 0 },
  { mode: 'semantic', fusion: 'weighted', ratio: 1 },
  { mode: 'hybrid', fusion: 'rrf', ratio: 0.5 },
  ...[0.1, 0.2, 0.3, 0.5, 0.7].map((ratio): RankingSetting => ({ mode: 'hybrid', fusion: 'weighted', ratio })),
];

/** The grid, or only its rows of one mode. */
export function rankingSettings(mode?: SearchMode): RankingSetting[] {
  return mode ? RANKING_GRID.filter((s) => s.mode === mode) : [...RANKING_GRID];
}

export function rankingLabel(s: RankingSetting): string {
  return s.mode === 'hybrid' ? `hybrid ${s.fusion} ratio=${s.ratio}` : s.mode;
}

/** Whether `s` is what the engine's index answers with by default (its own ratio, else DEFAULT_OPTIONS). */
export function isDefaultRanking(s: RankingSetting, engine?: SearchEngine): boolean {
  const d = { ...DEFAULT_OPTIONS, ...engine?.indexDefaults };
  return s.mode === d.mode && (s.mode !== 'hybrid' || (s.fusion === d.fusion && s.ratio === d.ratio));
}

const rowLabel = (s: RankingSetting, engine: SearchEngine) => rankingLabel(s) + (isDefaultRanking(s, engine) ? ' **(default)**' : '');
const cell = (x: number) => x.toFixed(3);

/** Hit@1, Hit@5, MRR and the "no answer" counts of a dev set, one row per setting; `progress` gets `<name> <setting>: …`. */
export async function questionGrid(name: string, engine: SearchEngine, dev: DevQuestion[], offTopic: string[], settings: readonly RankingSetting[], progress: LogLine = () => {}): Promise<Table> {
  const rows: string[][] = [];
  for (const s of settings) {
    const r = await evaluateQuestions(async (q, k) => engine.search(q, { ...s, k, highlights: false }), dev, offTopic);
    progress(questionsSummary(`${name} ${rankingLabel(s)}`, r));
    rows.push([rowLabel(s, engine), cell(r.hit1), cell(r.hit5), cell(r.mrr), cell(r.pages.hit1), cell(r.pages.hit5), `${r.offTopic.flaggedUnanswerable}/${r.offTopic.questions}`, `${r.devFlaggedUnanswerable}/${r.questions}`]);
  }
  return { headers: ['ranking', 'Hit@1', 'Hit@5', 'MRR', 'page Hit@1', 'page Hit@5', 'off-topic → no answer', 'dev wrongly "no answer"'], rows };
}

/** SciFact nDCG@10 and Recall@100, one row per setting. */
export async function scifactGrid(engine: SearchEngine, settings: readonly RankingSetting[], set?: ScifactSet, progress: LogLine = () => {}): Promise<Table> {
  const rows: string[][] = [];
  for (const s of settings) {
    const r = await evaluateScifact(engine, s, set);
    progress(`scifact ${rankingLabel(s)}: nDCG@10 ${r.ndcg10.toFixed(3)}  Recall@100 ${r.recall100.toFixed(3)}`);
    rows.push([rowLabel(s, engine), cell(r.ndcg10), cell(r.recall100)]);
  }
  return { headers: ['ranking', 'nDCG@10', 'Recall@100'], rows };
}
