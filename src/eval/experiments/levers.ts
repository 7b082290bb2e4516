/**
 * Indexing and query-time levers for documentation (`npm run eval -- --dataset levers`), each
 * measured with the default ranking on every corpus present: Hit@1 / Hit@5 / MRR / page Hit@5 on the dev sets, nDCG@10
 * on SciFact. A lever ships only when it wins (docs/eval.md).
 */
import { DEFAULT_LEXICAL, type LexicalParams } from '../../core/lexical/index.js';
import { DEFAULT_OPTIONS, SearchEngine, type Answer, type SearchMode, type SearchOptions } from '../../core/search/index.js';
import { isDocumentationSite, PAGE_LEXICAL, type IndexOptions } from '../../indexing/index.js';
import { loadCorpus, type SourceDocument } from '../../indexing/load/index.js';
import { readDevQuestions, readRustBookQuestions, readVitestQuestions, scifactDocuments, type DevQuestion, type ScifactSet } from '../datasets.js';
import { engineForDocuments } from '../engine.js';
import { ExpandedQueryEngine, RelevanceFeedbackEngine } from '../lever-engines.js';
import { bestSentenceRerank, headingSignal, staticNeighbourExpansion, wordnetExpansion } from '../levers.js';
import { hasRustBook, loadRustBook } from '../rustbook.js';
import { fitRatio } from '../../indexing/calibrate/ratio.js';
import type { LogLine, Table } from '../markdown.js';
import type { PyFaqSet } from '../pyfaq.js';
import { evaluateQuestions } from '../run-questions.js';
import { evaluateScifact } from '../run-scifact.js';

/** How a question is put to an engine. */
export type Ask = (question: string, options: Partial<SearchOptions>) => Promise<Answer>;

/**
 * An indexing choice (`options`; `lexical`: BM25 parameters changed from the corpus's default —
 * PAGE_LEXICAL for a documentation site, DEFAULT_LEXICAL otherwise) and/or a query-time one
 * (`ask`: how a question is put to the engine).
 */
export interface Lever {
  name: string;
  options?: IndexOptions;
  lexical?: Partial<LexicalParams>;
  ask?: (engine: SearchEngine) => Ask;
}

const askingThrough = (engine: SearchEngine): Ask => (q, o) => engine.search(q, o);

/** The indexing defaults before issue 25's levers (what `npm run bench:ranking` compares against). */
export const FORMER_INDEXING: IndexOptions = { lexical: { stem: true, k1: 0.9, b: 0.4, titleWeight: 2, sectionWeight: 2 }, chunking: { minWords: 40, maxWords: 120 }, ratio: DEFAULT_OPTIONS.ratio, codeOnlyFactor: 1 };
/** The shipped indexing defaults: nothing overridden. */
export const SHIPPED_INDEXING: IndexOptions = {};

export const LEVERS: readonly Lever[] = [
  {
    name: 'shipped: page title and heading path in front of the embedded words of Markdown/HTML pages; BM25 title and headings weight 2; lists and tables cut at items and rows; code-only passages at 0.8 of their score; on documentation sites, rare query words capped at 1.25× the question’s mean idf and hybrid ratio 0.5',
  },
  { name: 'no context for the vectors', options: { embedContext: 'none' } },
  { name: 'context for plain-text articles too', options: { embedContext: 'title-and-headings' } },
  { name: 'BM25 title and headings weight 1', lexical: { titleWeight: 1, sectionWeight: 1 } },
  { name: 'BM25 title and headings weight 0 (body only)', lexical: { titleWeight: 0, sectionWeight: 0 } },
  { name: 'BM25 code weight 0.5 (code counts half as much as prose)', lexical: { codeWeight: 0.5 } },
  { name: 'BM25 code weight 2', lexical: { codeWeight: 2 } },
  { name: 'code left out of the vectors (kept for BM25)', options: { embedCode: false } },
  { name: 'WordNet bridge for unseen words (synonyms, related forms 0.4; gloss words 0.15)', ask: (engine) => askingThrough(new ExpandedQueryEngine(engine, wordnetExpansion(engine))) },
  { name: 'static-model bridge for unseen words (3 nearest corpus terms, cosine ≥ 0.6, weight 0.3)', ask: (engine) => askingThrough(new ExpandedQueryEngine(engine, staticNeighbourExpansion(engine))) },
  { name: 'pseudo-relevance feedback (RM3: 10 terms of the 5 best BM25 passages, weight 0.3)', ask: (engine) => askingThrough(new RelevanceFeedbackEngine(engine, { passages: 5, terms: 10, weight: 0.3 })) },
  { name: 'heading-only matching as a separate signal (weight 0.2)', ask: (engine) => headingSignal(engine) },
];

/** Issue 25's levers (`--dataset ranking-levers`): identifiers, pages and sections, pieces that answer, fusion. */
export const RANKING_LEVERS: readonly Lever[] = [
  LEVERS[0],
  { name: 'identifiers split into parts for BM25 (parts weigh 0.5)', lexical: { identifiers: true } },
  { name: 'identifiers split into parts for BM25 (parts weigh 1)', lexical: { identifiers: true, partWeight: 1 } },
  { name: 'identifiers spelled out in words in the embedded text (questions too)', options: { embedIdentifiers: 'spelled' } },
  { name: 'page evidence: 0.2 of the score from the page’s best 2 passages', ask: withOptions({ pageWeight: 0.2 }) },
  { name: 'page evidence 0.4', ask: withOptions({ pageWeight: 0.4 }) },
  { name: 'section evidence: 0.2 of the score from the section’s best 2 passages', ask: withOptions({ sectionWeight: 0.2 }) },
  { name: 'lists and tables cut like prose (the former chunking)', options: { chunking: { minWords: 40, maxWords: 120 } } },
  { name: 'section lead sentence as context for the vector', options: { embedContext: 'headings-and-lead-of-pages' } },
  { name: 'best sentence: the 10 best passages re-ranked with 0.2 × the cosine of their sentence closest to the question', ask: (engine) => bestSentenceRerank(engine) },
  { name: 'BM25 length normalisation b 0.75 (shipped 0.4)', ask: withLexical({ b: 0.75 }) },
  { name: 'code-only passages at their full score (the former; shipped: × 0.8 when code is ≥ 80% of the words)', ask: withOptions({ codeOnlyFactor: 1 }) },
  { name: 'fusion of z-scores (standard deviations from each list’s lowest)', ask: withOptions({ fusion: 'zscore' }) },
  { name: 'reciprocal-rank fusion (the index’s ratio)', ask: withOptions({ fusion: 'rrf' }) },
  { name: 'no rare-term cap (plain BM25 idf, the former)', ask: withLexical({ rareTermCap: undefined }) },
  { name: 'rare-term cap 1.25 on every index (articles too)', ask: withLexical({ rareTermCap: 1.25 }) },
  { name: 'rare-term cap 1.5 on every index', ask: withLexical({ rareTermCap: 1.5 }) },
  { name: 'BM25 query idf saturated at 3 (3·tanh(idf/3)) on every index, instead of the cap', ask: withLexical({ idfSaturation: 3 }) },
  { name: 'hybrid ratio 0.3 on every index (the former default)', ask: withOptions({ ratio: 0.3 }) },
  { name: 'hybrid ratio 0.5 on every index', ask: withOptions({ ratio: 0.5 }) },
  { name: 'hybrid ratio fitted per index on held-out pseudo-questions (page MRR)', ask: fittedRatio },
];

/** The ratio fitted on the index's own held-out pseudo-questions, once per engine. */
function fittedRatio(engine: SearchEngine): Ask {
  const fit = fitRatio(engine).then((f) => {
    console.error(`fitted ratio ${f.ratio} on ${f.questions} pseudo-questions (page MRR ${f.mrr.map((m) => m.toFixed(3)).join(' ')})`);
    return f.ratio;
  });
  return async (q, o) => engine.search(q, { ...o, ratio: await fit });
}

/** A query-time lever that only changes search options. */
function withOptions(options: Partial<SearchOptions>): (engine: SearchEngine) => Ask {
  return (engine) => (q, o) => engine.search(q, { ...o, ...options });
}

/** A query-time lever that changes BM25's query-side parameters over the same postings (and, with `options`, the search options). */
function withLexical(params: Partial<LexicalParams>, options: Partial<SearchOptions> = {}): (engine: SearchEngine) => Ask {
  return (engine) => {
    const { lexical } = engine.artifact;
    return withOptions(options)(new SearchEngine({ ...engine.artifact, lexical: { ...lexical, params: { ...lexical.params, ...params } } }, engine.encoder, engine.vectors));
  };
}


/** The shipped row and the levers of `from` whose name contains one of `text`'s `|`-separated parts (all of them without). */
export function selectLevers(text?: string, from: readonly Lever[] = LEVERS): Lever[] {
  const parts = text?.split('|').filter(Boolean) ?? [];
  return parts.length ? from.filter((l, i) => i === 0 || parts.some((p) => l.name.includes(p))) : [...from];
}

/** A dev corpus and the ranking modes it is measured in, one column each. */
export interface LeverQuestionSet {
  columns: Array<{ header: string; mode: SearchMode }>;
  /** Null when the corpus is not on this machine: its cells read '–'. */
  docs: SourceDocument[] | null;
  questions: DevQuestion[];
}

export interface LeverCorpora {
  questionSets: LeverQuestionSet[];
  /** Measured in hybrid mode (nDCG@10); null when absent. */
  scifact: ScifactSet | null;
}

/** The corpora of docs/eval.md's levers tables: the Vitest docs and the seeds in two modes, the Rust book, the Python FAQ and SciFact when present. */
export function leverCorpora(vitestDocs: string, faq: PyFaqSet | null, scifact: ScifactSet | null): LeverCorpora {
  const quiet = { warn: () => {} };
  const rustBook = hasRustBook() ? loadRustBook() : null;
  return {
    questionSets: [
      { columns: [{ header: 'Vitest hybrid Hit@1 / Hit@5 / MRR / page Hit@5', mode: 'hybrid' }, { header: 'Vitest semantic', mode: 'semantic' }], docs: loadCorpus(vitestDocs, quiet), questions: readVitestQuestions() },
      { columns: [{ header: 'Rust book hybrid', mode: 'hybrid' }], docs: rustBook, questions: rustBook ? readRustBookQuestions() : [] },
      { columns: [{ header: 'seeds hybrid', mode: 'hybrid' }, { header: 'seeds semantic', mode: 'semantic' }], docs: loadCorpus('seeds', quiet), questions: readDevQuestions() },
      { columns: [{ header: 'FAQ hybrid', mode: 'hybrid' }], docs: faq && loadCorpus(faq.corpusDir, quiet), questions: faq?.questions ?? [] },
    ],
    scifact,
  };
}

const cell = (x: number) => x.toFixed(3);

/** One row per lever: `Hit@1 / Hit@5 / MRR / page Hit@5` per question-set column, then SciFact nDCG@10. */
export async function measureLevers(corpora: LeverCorpora, levers: readonly Lever[] = LEVERS, progress: LogLine = () => {}): Promise<Table> {
  const corpusDocs: Array<SourceDocument[] | null> = [...corpora.questionSets.map((s) => s.docs), corpora.scifact && scifactDocuments(corpora.scifact)];
  // Query-time levers share the shipped index of each corpus, kept for the whole run; an indexing
  // lever's index is built for its row and dropped (a dozen SciFact engines would not fit in memory).
  const shipped = new Map<number, Promise<SearchEngine>>();
  const indexed = (corpus: number, docs: SourceDocument[], lever: Lever) => {
    if (!lever.options && !lever.lexical) {
      if (!shipped.has(corpus)) shipped.set(corpus, engineForDocuments([...docs]));
      return shipped.get(corpus)!;
    }
    const lexical = lever.lexical && { lexical: { ...(isDocumentationSite(docs) ? PAGE_LEXICAL : DEFAULT_LEXICAL), ...lever.lexical } };
    return engineForDocuments([...docs], { ...lever.options, ...lexical });
  };
  const rows: string[][] = [];
  for (const lever of levers) {
    const cells = [lever.name];
    const askWith = (engine: SearchEngine): Ask => lever.ask?.(engine) ?? askingThrough(engine);
    for (const [i, set] of corpora.questionSets.entries()) {
      const docs = corpusDocs[i];
      if (!docs) {
        cells.push(...set.columns.map(() => '–'));
        continue;
      }
      const ask = askWith(await indexed(i, docs, lever));
      for (const { mode } of set.columns) {
        const r = await evaluateQuestions(async (q, k) => ask(q, { mode, k, highlights: false }), set.questions, []);
        cells.push(`${cell(r.hit1)} / ${cell(r.hit5)} / ${cell(r.mrr)} / ${cell(r.pages.hit5)}`);
      }
    }
    const scifactDocs = corpusDocs[corpora.questionSets.length];
    if (corpora.scifact && scifactDocs) {
      const engine = await indexed(corpora.questionSets.length, scifactDocs, lever);
      cells.push(cell((await evaluateScifact(engine, {}, corpora.scifact, askWith(engine))).ndcg10));
    } else cells.push('–');
    progress(cells.join(' | '));
    rows.push(cells);
  }
  return { headers: ['lever', ...corpora.questionSets.flatMap((s) => s.columns.map((c) => c.header)), 'SciFact hybrid nDCG@10'], rows };
}
