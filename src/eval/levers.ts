/**
 * Query-time ranking levers measured by `npm run eval -- --dataset levers` (docs/eval.md), Node
 * only — none ships until it wins:
 *   - vocabulary bridges: for the words of a question the corpus has never seen, terms it does
 *     know, from WordNet (synonyms, derivationally related forms, gloss words) or from the static
 *     model's nearest vocabulary, added to BM25 at a fraction of their idf (by ExpandedQueryEngine,
 *     lever-engines.ts);
 *   - heading-only matching as a separate signal added to the ranking;
 *   - the best sentence as evidence: the first passages re-ranked by their closest sentence too.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WeightedTerm } from '../core/lexical/expand.js';
import { extractTerms } from '../core/lexical/terms.js';
import { buildLexicalIndex, LexicalSearcher } from '../core/lexical/index.js';
import type { Answer, SearchEngine, SearchOptions } from '../core/search/index.js';
import { splitSentences } from '../core/sentences/index.js';
import { dot } from '../core/vector/index.js';
import { DEFAULT_MODEL_DIR, loadStaticEncoder } from '../indexing/model/load.js';
import { WORDNET_DIR } from '../distill/wordnet.js';

/** Added terms must not be near-ubiquitous in the corpus (idf below this says nothing). */
const IDF_GATE = 1;

interface Synset {
  words: string[];
  /** Derivationally related forms: `+` pointers, as [synset key, word number (0: all)]. */
  derived: Array<[string, number]>;
  gloss: string;
}

let wordnet: { synsets: Map<string, Synset>; byWord: Map<string, string[]> } | undefined;

function loadWordNet(dir = WORDNET_DIR) {
  if (wordnet) return wordnet;
  if (!existsSync(join(dir, 'data.noun'))) throw new Error(`WordNet not found in ${dir}: apt-get install wordnet-base`);
  const synsets = new Map<string, Synset>();
  const byWord = new Map<string, string[]>();
  for (const [file, pos] of [['data.noun', 'n'], ['data.verb', 'v'], ['data.adj', 'a'], ['data.adv', 'r']] as const) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      if (line === '' || line.startsWith('  ')) continue;
      const bar = line.indexOf(' | ');
      const fields = line.slice(0, bar < 0 ? undefined : bar).split(' ');
      const key = `${pos}${fields[0]}`;
      const count = parseInt(fields[3], 16);
      const words = Array.from({ length: count }, (_, w) => fields[4 + 2 * w].replace(/\(.*\)$/, '').replaceAll('_', ' ').toLowerCase());
      const at = 4 + 2 * count;
      const pointers = parseInt(fields[at], 10);
      const derived: Array<[string, number]> = [];
      for (let p = 0; p < pointers; p++) {
        const [symbol, offset, targetPos, sourceTarget] = fields.slice(at + 1 + 4 * p, at + 5 + 4 * p);
        if (symbol === '+') derived.push([`${targetPos === 's' ? 'a' : targetPos}${offset}`, parseInt(sourceTarget.slice(2), 16)]);
      }
      synsets.set(key, { words, derived, gloss: bar < 0 ? '' : line.slice(bar + 3) });
      for (const w of words) byWord.set(w, [...(byWord.get(w) ?? []), key]);
    }
  }
  wordnet = { synsets, byWord };
  return wordnet;
}

/** The question's words the index has never seen, as typed (lower case). */
function unseenWords(engine: SearchEngine, question: string): string[] {
  const params = engine.artifact.lexical.params;
  return extractTerms(question, params)
    .filter((t) => engine.lexical.lookup(t.term) === undefined)
    .map((t) => question.slice(t.start, t.end).toLowerCase());
}

/** Index terms for candidate words, deduplicated, known to the corpus and above the idf gate. */
function knownTerms(engine: SearchEngine, words: Iterable<string>, weight: number, out: Map<string, number>): void {
  for (const word of words) {
    for (const { term } of extractTerms(word, engine.artifact.lexical.params)) {
      const found = engine.lexical.lookup(term);
      if (found && found.idf >= IDF_GATE && !out.has(term)) out.set(term, weight);
    }
  }
}

/**
 * WordNet bridge: for each unseen word (or its base form), the synonyms and derivationally related
 * forms of its three commonest senses (weight `related`), and the words of its first gloss (weight
 * `gloss`), when the corpus knows them.
 */
export function wordnetExpansion(engine: SearchEngine, related = 0.4, gloss = 0.15): (question: string) => WeightedTerm[] {
  const { synsets, byWord } = loadWordNet();
  return (question) => {
    const out = new Map<string, number>();
    for (const word of unseenWords(engine, question)) {
      const forms = [word, word.replace(/(ies)$/, 'y'), word.replace(/(es|s|ed|ing)$/, '')];
      const keys = forms.flatMap((f) => byWord.get(f) ?? []).slice(0, 3);
      const near = new Set<string>();
      for (const key of keys) {
        const s = synsets.get(key)!;
        for (const w of s.words) near.add(w);
        for (const [target, wordNumber] of s.derived) {
          const t = synsets.get(target);
          if (t) for (const w of wordNumber ? [t.words[wordNumber - 1]] : t.words) if (w) near.add(w);
        }
      }
      knownTerms(engine, near, related, out);
      const first = keys[0] && synsets.get(keys[0]);
      if (first) knownTerms(engine, first.gloss.split(/;/)[0].split(/\s+/), gloss, out);
    }
    return [...out].map(([term, weight]) => ({ term, weight }));
  };
}

/**
 * Static-model bridge: for each unseen word, the corpus terms whose vectors (the bundled static
 * model's) are closest to the word's, above `minCosine`, at most `perWord` of them.
 */
export function staticNeighbourExpansion(engine: SearchEngine, weight = 0.3, perWord = 3, minCosine = 0.6): (question: string) => WeightedTerm[] {
  const encoder = loadStaticEncoder(DEFAULT_MODEL_DIR);
  const terms = [...engine.artifact.lexical.terms].filter((t) => (engine.lexical.lookup(t)?.idf ?? 0) >= IDF_GATE);
  const vectors = terms.map((t) => encoder.encode(t));
  return (question) => {
    const out = new Map<string, number>();
    for (const word of unseenWords(engine, question)) {
      const v = encoder.encode(word);
      terms
        .map((term, i) => ({ term, cosine: dot(v, 0, vectors[i], 0, v.length) }))
        .filter((c) => c.cosine >= minCosine)
        .sort((a, b) => b.cosine - a.cosine)
        .slice(0, perWord)
        .forEach((c) => out.has(c.term) || out.set(c.term, weight));
    }
    return [...out].map(([term, w]) => ({ term, weight: w }));
  };
}

/**
 * Heading-only matching as its own signal: BM25 over each passage's page title and heading path
 * alone, max-normalised and added with weight `beta` to the ranking's scores, then re-sorted.
 */
export function headingSignal(engine: SearchEngine, beta = 0.2): (question: string, options: Partial<SearchOptions>) => Promise<Answer> {
  const { passages, documents, lexical } = engine.artifact;
  const headingDocs = passages.map((p) => ({ text: '', title: documents[p.doc].title, section: p.heading_path.join(' ') || p.section }));
  const headings = new LexicalSearcher(buildLexicalIndex(headingDocs, { ...lexical.params, titleWeight: 1, sectionWeight: 1 }));
  return async (question, options) => {
    const k = options.k ?? 5;
    const answer = await engine.search(question, { ...options, k: Math.max(50, k) });
    const scores = new Map(headings.search(question, passages.length).map((h) => [h.index, h.score]));
    const max = Math.max(0, ...scores.values()) || 1;
    const bonus = (id: string) => (beta * (scores.get(engine.passageIndex(id)) ?? 0)) / max;
    const results = [...answer.results].sort((a, b) => b.score + bonus(b.id) - (a.score + bonus(a.id))).slice(0, k);
    return { ...answer, results };
  };
}


/**
 * "Right page, wrong piece": the `depth` best passages re-ranked by their score plus `weight` × the
 * cosine of their sentence closest to the question (each sentence embedded at query time), so a
 * passage holding one sentence that answers can pass a neighbour that matches only on the whole.
 */
export function bestSentenceRerank(engine: SearchEngine, weight = 0.2, depth = 10): (question: string, options: Partial<SearchOptions>) => Promise<Answer> {
  return async (question, options) => {
    const k = options.k ?? 5;
    const answer = await engine.search(question, { ...options, k: Math.max(depth, k) });
    const [query] = await engine.encoder.embed([question], 'query');
    const head = await Promise.all(
      answer.results.slice(0, depth).map(async (r) => {
        const sentences = splitSentences(r.excerpt).map((s) => r.excerpt.slice(s.start, s.end)).filter((s) => s.trim());
        const vectors = sentences.length ? await engine.encoder.embed(sentences, 'passage') : [];
        const best = Math.max(0, ...vectors.map((v) => dot(v, 0, query, 0, query.length)));
        return { r, score: r.score + weight * best };
      }),
    );
    head.sort((a, b) => b.score - a.score);
    return { ...answer, results: [...head.map((h) => h.r), ...answer.results.slice(depth)].slice(0, k) };
  };
}
