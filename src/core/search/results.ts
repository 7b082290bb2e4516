/**
 * The results stage: a kept passage becomes a result with its exact citation, its component scores
 * and its highlights (query terms found, best sentence).
 */
import { type IndexArtifact } from '../artifact/index.js';
import { excerptOf, MAX_PASSAGE_CHARS, type DocumentRecord, type PassageRecord } from '../records.js';
import type { QueryEncoder } from '../encoder/index.js';
import type { Ranked } from '../fusion/index.js';
import { analysePassage, highlightAnalysed, sentencesNeedingSimilarity, termRanges, type AnalysedPassage, type Highlights } from '../highlight/index.js';
import type { TermOptions } from '../lexical/terms.js';
import { isLowSurrogate } from '../sentences/index.js';
import { dot } from '../vector/index.js';
import type { Question } from './candidates.js';

export interface Citation {
  doc_id: string;
  source: string;
  title: string;
  author: string | null;
  section: string | null;
  /** Headings from the top of the page down to `section`. */
  heading_path: string[];
  /** The page URL with the section's anchor, when the index was built with `--base-url`. */
  url: string | null;
  paragraph: number;
  char_start: number;
  char_end: number;
}

/**
 * A passage as the API shows it, in search results and in context (/passages/:id, MCP get_passage):
 * the verbatim text for citing, the excerpt for reading, and its code ranges.
 */
export interface CitedPassage {
  id: string;
  /** The passage exactly as in the source file: source.slice(char_start, char_end). */
  text: string;
  /** What a reader should see: the passage's visible words, markup removed (equal to `text` for plain text). */
  excerpt: string;
  /** Ranges [start, end) of `excerpt` that are code (inline code, code blocks), to show as code. */
  excerpt_code: Array<[number, number]>;
  citation: Citation;
}

export interface SearchResult extends CitedPassage {
  rank: number;
  /** The score the ranking used: fused (hybrid), cosine (semantic) or BM25 (lexical). */
  score: number;
  /** The components: cosine, BM25 and the fused score (null when the mode did not compute it). */
  scores: { semantic: number | null; lexical: number | null; fused: number | null };
  highlights: Highlights;
}

/**
 * A page with its best passages, for `group=page` (the way documentation search boxes list results:
 * the page, then its matching sections). Its passages are the results an ungrouped search returns.
 */
export interface PageResult {
  /** 1-based rank of the page: pages are ordered by their best passage. */
  rank: number;
  /** Its best passage's score. */
  score: number;
  doc_id: string;
  source: string;
  title: string;
  /** The page URL without a section anchor, when the index was built with `--base-url`. */
  url: string | null;
  /** Its best passages, best first, each with its own rank in the passage ranking and its citation. */
  results: SearchResult[];
}

/** A passage with its neighbours in the same document, in document order (/passages/:id, MCP get_passage). */
export interface PassageInContext extends CitedPassage {
  before: CitedPassage[];
  after: CitedPassage[];
}

/** A citation's URL: the page and, when the passage sits under a heading, its anchor. */
export function citationUrl(page: string | null, anchor: string | null): string | null {
  return page === null ? null : anchor ? `${page}#${encodeURIComponent(anchor)}` : page;
}

export function citation(passage: PassageRecord, document: DocumentRecord): Citation {
  return {
    doc_id: document.doc_id,
    source: document.source,
    title: document.title,
    author: document.author,
    section: passage.section,
    heading_path: passage.heading_path,
    url: citationUrl(document.url, passage.anchor),
    paragraph: passage.paragraph,
    char_start: passage.char_start,
    char_end: passage.char_end,
  };
}

/** `withHighlights: false` skips them (evaluation asks for hundreds of results per question). */
export async function toResults(kept: Ranked[], question: Question, artifact: IndexArtifact, encoder: QueryEncoder, withHighlights: boolean): Promise<SearchResult[]> {
  const weights = new Map(question.terms.known.map((t) => [t.term, t.idf]));
  const params = artifact.lexical.params;
  // Each kept passage's terms and sentences, found once for its highlights and for the sentences to embed.
  const analysed = withHighlights ? kept.map((c) => analysePassage(artifact.passages[c.index].text, weights, params)) : [];
  // When a passage holds no query term, its best sentence is the one closest to the question: those
  // sentences, of all kept passages, are embedded in one batch (one call for a remote encoder).
  const similarity = new Map<string, number>();
  const sentences = [...new Set(analysed.flatMap(sentencesNeedingSimilarity))];
  const vectors = sentences.length ? await encoder.embed(sentences, 'passage') : [];
  sentences.forEach((s, i) => similarity.set(s, dot(vectors[i], 0, question.vector, 0, question.vector.length)));
  const sentenceSimilarity = (sentence: string) => similarity.get(sentence) ?? 0;
  return kept.map((c, i) => {
    const passage = artifact.passages[c.index];
    const cited = citedPassage(passage, artifact.documents[passage.doc]);
    return {
      rank: i + 1,
      score: round(c.score),
      ...cited,
      scores: { semantic: roundOrNull(c.semantic), lexical: roundOrNull(c.lexical), fused: roundOrNull(c.fused) },
      highlights: withHighlights ? resultHighlights(analysed[i], passage.char_start, cited.excerpt, weights, params, sentenceSimilarity) : { terms: [], sentence: null, excerpt_terms: [] },
    };
  });
}

/** Highlights in the verbatim text and, for Markdown/HTML, in the excerpt (plain text's excerpt is its text). */
function resultHighlights(passage: AnalysedPassage, sourceOffset: number, excerpt: string, weights: Map<string, number>, params: TermOptions, similarity: (sentence: string) => number): Highlights {
  const found = highlightAnalysed(passage, sourceOffset, weights, similarity);
  const excerpt_terms = excerpt === passage.text ? found.terms.map((t): [number, number] => [t.start, t.end]) : termRanges(excerpt, weights, params);
  return { ...found, excerpt_terms };
}

/** A passage as the API shows it (search results, /passages/:id, MCP get_passage): text, bounded excerpt, code, citation. */
export function citedPassage(passage: PassageRecord, document: DocumentRecord): CitedPassage {
  const { excerpt, code } = boundedExcerpt(passage);
  return { id: passage.id, text: passage.text, excerpt, excerpt_code: code, citation: citation(passage, document) };
}

/**
 * A result's excerpt, within the passage cap: the indexer keeps excerpts there (an excerpt has at
 * most its passage's characters), but an index built before the cap, or a decoded span that reached
 * past its passage, may hold a longer one, and one result must not weigh megabytes. Cut at the last
 * space before the cap, code ranges clipped to what is kept.
 */
export function boundedExcerpt(passage: Pick<PassageRecord, 'text' | 'excerpt' | 'code'>): { excerpt: string; code: Array<[number, number]> } {
  const excerpt = excerptOf(passage);
  const code = passage.code ?? [];
  if (excerpt.length <= MAX_PASSAGE_CHARS) return { excerpt, code };
  const space = excerpt.lastIndexOf(' ', MAX_PASSAGE_CHARS);
  let end = space > 0 ? space : MAX_PASSAGE_CHARS;
  if (isLowSurrogate(excerpt.charCodeAt(end))) end--;
  return { excerpt: excerpt.slice(0, end), code: code.filter(([from]) => from < end).map(([from, to]): [number, number] => [from, Math.min(to, end)]) };
}

export function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

function roundOrNull(x: number | null): number | null {
  return x === null ? null : round(x);
}
