/**
 * BM25 settings on SciFact, lexical mode only (`npm run eval -- --lexical-sweep`): the measurements
 * behind DEFAULT_LEXICAL. Each variant rebuilds only the BM25 index over the engine's passages.
 */
import { buildLexicalIndex, DEFAULT_LEXICAL, type LexicalParams, lexicalDocuments } from '../../core/lexical/index.js';
import { SearchEngine } from '../../core/search/index.js';
import type { ScifactSet } from '../datasets.js';
import type { LogLine, Table } from '../markdown.js';
import { evaluateScifact } from '../run-scifact.js';

export const LEXICAL_VARIANTS: readonly LexicalParams[] = [
  DEFAULT_LEXICAL,
  { ...DEFAULT_LEXICAL, stem: false },
  { ...DEFAULT_LEXICAL, k1: 1.2, b: 0.75 },
  { ...DEFAULT_LEXICAL, titleWeight: 1, sectionWeight: 1 },
  { ...DEFAULT_LEXICAL, titleWeight: 0, sectionWeight: 0 },
];

/** nDCG@10 and Recall@100 of each BM25 variant over `engine`'s passages (an index of `set`). */
export async function lexicalSweep(engine: SearchEngine, set?: ScifactSet, variants: readonly LexicalParams[] = LEXICAL_VARIANTS, progress: LogLine = () => {}): Promise<Table> {
  const { artifact } = engine;
  const rows: string[][] = [];
  for (const params of variants) {
    const lexical = buildLexicalIndex(lexicalDocuments(artifact), params);
    const r = await evaluateScifact(new SearchEngine({ ...artifact, lexical }, engine.encoder), { mode: 'lexical' }, set);
    progress(`scifact lexical ${JSON.stringify(params)}: nDCG@10 ${r.ndcg10.toFixed(3)}  Recall@100 ${r.recall100.toFixed(3)}`);
    rows.push([JSON.stringify(params), r.ndcg10.toFixed(3), r.recall100.toFixed(3)]);
  }
  return { headers: ['BM25 settings', 'nDCG@10', 'Recall@100'], rows };
}
