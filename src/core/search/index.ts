/**
 * The search core, shared by the Worker and the offline evaluation. A search runs five stages:
 *   candidates (candidates.ts; only passages a metadata filter keeps, ../metadata)
 *   → fuse (../fusion, owns the mode) → filter (filter.ts: k, min_score, per_doc, dedupe)
 *   → results (results.ts: citations, highlights; facets) → confidence (../confidence)
 */
import { type IndexArtifact } from '../artifact/index.js';
import { codeOnlyPassages, indexedText, type DocumentRecord, type PassageRecord } from '../records.js';
import { confidence, evidence, EVIDENCE_DEPTH } from '../confidence/index.js';
import type { QueryEncoder } from '../encoder/index.js';
import { rank, type FusionMethod, type Ranked, type SearchMode } from '../fusion/index.js';
import { withGroupEvidence, type GroupEvidence } from '../fusion/page-evidence.js';
import { LexicalSearcher } from '../lexical/index.js';
import { HnswVectorStore } from '../vector/hnsw.js';
import { dot, ExactVectorStore, scoreRows, type VectorStore } from '../vector/index.js';
import { analyse, candidates, type Candidates, type Question } from './candidates.js';
import { compileFilter, countFacets, documentFields, FilterFieldError, parseFilter, type FacetCounts } from '../metadata/index.js';
import { allowedPassages, byScore, type AllowedPassages } from '../scored.js';
import type { IndexParts } from '../storage/parts.js';
import { passageLocator } from '../artifact/lazy-records.js';
import { filter } from './filter.js';
import { citation, round, toResults, type Citation, type SearchResult } from './results.js';

export type { Citation, SearchResult } from './results.js';
export type { FusionMethod, SearchMode } from '../fusion/index.js';

export interface SearchOptions {
  k: number;
  mode: SearchMode;
  fusion: FusionMethod;
  /** Semantic share of the fused score, 0..1 (default: the index's own, `manifest.ranking.ratio`, else 0.3). */
  ratio: number;
  /** At most this many passages per document (0: no limit). */
  perDoc: number;
  /** Drop results whose ranking score is below this. */
  minScore: number;
  /** Drop a result whose vector is nearly identical (cosine ≥ 0.95) to a better one. */
  dedupe: boolean;
  /**
   * Pages and sections as evidence (../fusion/page-evidence.ts): the share of a passage's score that
   * comes from its page's best passages (`pageWeight`) and its section's (`sectionWeight`), 0..1.
   */
  pageWeight: number;
  sectionWeight: number;
  /**
   * A code-only passage (≥ CODE_ONLY_SHARE of its words code) has its score multiplied by this: an
   * example rarely answers alone, the prose around it does (default: the index's own, else 1).
   */
  codeOnlyFactor: number;
  /** Compute highlights (evaluation turns them off to save time). */
  highlights: boolean;
  /** `answerable` is confidence ≥ this: a client's own trade-off between silence and wrong answers. */
  minConfidence: number;
  /** A metadata filter (src/core/metadata/parse.ts grammar): only passages of matching documents are searched. */
  filter?: string;
  /** Fields to count values of over the matching passages. */
  facets?: string[];
}

export interface Answer {
  results: SearchResult[];
  /** False when the corpus most likely holds no answer (results are still returned), or none came back. */
  answerable: boolean;
  /** 0..1: calibrated probability that the corpus answers the question (the index's own calibration). */
  confidence: number;
  /** Per requested facet field, value → number of matching passages (only when facets were asked for). */
  facets?: FacetCounts;
}

export const DEFAULT_K = 5;
export const MAX_K = 50;
/** Defaults chosen by `npm run eval` (see docs/eval.md). */
export const DEFAULT_OPTIONS: SearchOptions = { k: DEFAULT_K, mode: 'hybrid', fusion: 'weighted', ratio: 0.3, pageWeight: 0, sectionWeight: 0, codeOnlyFactor: 1, perDoc: 0, minScore: 0, dedupe: false, highlights: true, minConfidence: 0.5 };

/**
 * Up to this many passages the engine scans exactly: it costs about 1 ms per question there and
 * never misses; beyond, the graph walk is several times faster (crossover table in docs/bench.md).
 */
export const EXACT_SCAN_MAX = 2000;

/** A page's (or section's) score is the mean of its best this-many passage scores. */
export const PAGE_EVIDENCE_DEPTH = 2;

/** The options a caller gave a value: an option left undefined takes the index's or the global default. */
function definedOptions(options: Partial<SearchOptions>): Partial<SearchOptions> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<SearchOptions>;
}

/** How many compiled filters an engine remembers. */
const FILTER_CACHE = 32;

/** How deep in the ranking `dedupe` looks for k distinct passages when vectors must be encoded. */
const dedupeWindow = (k: number) => Math.max(4 * k, 20);

/** The artifact was built for Vectorize (`--vectors vectorize`) but no Vectorize store was given. */
export class VectorsElsewhereError extends Error {
  override name = 'VectorsElsewhereError';
}

/** A passage with the passages around it in its document (`/passages/:id`). */
export interface PassageContext {
  index: number;
  passage: PassageRecord;
  document: DocumentRecord;
  citation: Citation;
  /** Up to n passages before and after, in document order (same document only). */
  before: Array<{ passage: PassageRecord; citation: Citation }>;
  after: Array<{ passage: PassageRecord; citation: Citation }>;
}

export class SearchEngine {
  readonly vectors: VectorStore;
  readonly lexical: LexicalSearcher;
  private ids: Map<string, number> | undefined;
  private locate: ((id: string) => number) | undefined;
  private fieldList: string[] | undefined;
  private codeOnly: boolean[] | undefined;
  private readonly filters = new Map<string, AllowedPassages>();

  /**
   * `parts`: where the records and postings not in `artifact` yet come from (an index in static
   * assets, core/storage); without it the artifact is whole.
   */
  constructor(
    readonly artifact: IndexArtifact,
    readonly encoder: QueryEncoder,
    vectors?: VectorStore,
    private readonly parts?: IndexParts,
  ) {
    const passages = artifact.manifest.counts.passages;
    if (!vectors && artifact.manifest.vectors === 'vectorize') {
      throw new VectorsElsewhereError('this index keeps its passage vectors in Cloudflare Vectorize (built with --vectors vectorize); bind that Vectorize index as VECTORIZE');
    }
    // Exact scan below the crossover measured by `npm run bench` (docs/bench.md), HNSW above it.
    this.vectors = vectors ?? (passages >= EXACT_SCAN_MAX ? new HnswVectorStore(artifact.vectors, artifact.graph) : new ExactVectorStore(artifact.vectors));
    this.lexical = new LexicalSearcher(artifact.lexical);
  }

  /** Where the index is read from: whole in the Worker bundle, or its records and postings from static assets. */
  get storage(): 'bundle' | 'assets' {
    return this.parts ? 'assets' : 'bundle';
  }

  /** Async because a `VectorStore` may be remote (Vectorize); the bundled ones answer at once. */
  async search(query: string, options: Partial<SearchOptions> = {}): Promise<Answer> {
    const o: SearchOptions = { ...DEFAULT_OPTIONS, ...this.indexDefaults, ...definedOptions(options) };
    const allowed = o.filter === undefined ? undefined : this.allowedBy(o.filter);
    const facetFields = o.facets?.length ? this.checkFacetFields(o.facets) : undefined;
    const question = await this.analyse(query);
    await this.parts?.loadTerms(question.terms.known.map((t) => t.id));
    const found = await this.candidates(question, o, allowed);
    const ranking = this.codeBelowProse(withGroupEvidence(rank(o.mode, found.semantic, found.lexical, o.fusion, o.ratio), this.groupEvidence(o)), o.codeOnlyFactor);
    const cosine = await this.passageCosine(o.dedupe ? ranking.slice(0, dedupeWindow(o.k)).map((r) => r.index) : []);
    const kept = filter(ranking, o, (i) => this.documentOf(i), cosine);
    const records = await this.parts?.loadPassages(kept.map((r) => r.index));
    const results = await toResults(kept, question, records ? { ...this.artifact, passages: records } : this.artifact, this.encoder, o.highlights);
    // The evidence reads both signals whatever the mode; a signal the mode skipped is asked for its top few.
    const semantic = o.mode === 'lexical' ? await this.vectors.nearest(question.vector, EVIDENCE_DEPTH, allowed) : found.semantic;
    const lexical = o.mode === 'semantic' ? this.lexical.search(question.terms, EVIDENCE_DEPTH, allowed) : found.lexical;
    const p = confidence(this.artifact.manifest.calibration, evidence(this.lexical, { terms: question.terms, semantic, lexical, query, everyday: this.encoder.isEverydayWord }));
    const { documents } = this.artifact;
    const facets = facetFields && countFacets(facetFields, ranking.map((r) => documents[this.documentOf(r.index)]));
    // No results (e.g. a misspelt question in lexical mode) is never an answer, whatever the evidence says.
    return { results, answerable: results.length > 0 && p >= o.minConfidence, confidence: round(p), ...(facets ? { facets } : {}) };
  }

  /** A passage's page and section, as groups whose scores count for it. */
  private groupEvidence({ pageWeight, sectionWeight }: Pick<SearchOptions, 'pageWeight' | 'sectionWeight'>): GroupEvidence[] {
    const { passages } = this.artifact;
    return [
      { groupOf: (i) => String(passages[i].doc), weight: pageWeight, depth: PAGE_EVIDENCE_DEPTH },
      { groupOf: (i) => `${passages[i].doc}\u0000${passages[i].heading_path.join('\u0000')}`, weight: sectionWeight, depth: PAGE_EVIDENCE_DEPTH },
    ];
  }

  /** What the index chose for itself at build time (its hybrid ratio, its code-only factor), over DEFAULT_OPTIONS. */
  get indexDefaults(): Partial<SearchOptions> {
    const ranking = this.artifact.manifest.ranking;
    return ranking ? definedOptions({ ratio: ranking.ratio, codeOnlyFactor: ranking.code_only_factor }) : {};
  }

  /** The ranking with code-only passages' scores multiplied by `factor`, best first again. */
  private codeBelowProse(ranking: Ranked[], factor: number): Ranked[] {
    if (factor === 1) return ranking;
    this.codeOnly ??= codeOnlyFlags(this.artifact);
    const codeOnly = this.codeOnly;
    if (!ranking.some((r) => codeOnly[r.index])) return ranking;
    return ranking.map((r) => (codeOnly[r.index] ? { ...r, score: r.score * factor } : r)).sort(byScore);
  }

  /** Every field a filter or facet may name in this index (built-ins and front-matter keys). */
  get fields(): string[] {
    this.fieldList ??= documentFields(this.artifact.documents);
    return this.fieldList;
  }

  /**
   * The passages whose documents match a filter; throws FilterSyntaxError or FilterFieldError
   * (messages say what to fix). The last few filters are remembered: a search box repeats them.
   */
  allowedBy(filter: string): AllowedPassages {
    const cached = this.filters.get(filter);
    if (cached) return cached;
    const keep = compileFilter(parseFilter(filter), this.fields);
    const documents = this.artifact.documents.map(keep);
    const kept: number[] = [];
    for (let i = 0; i < this.artifact.manifest.counts.passages; i++) if (documents[this.documentOf(i)]) kept.push(i);
    const allowed = allowedPassages(kept);
    if (this.filters.size >= FILTER_CACHE) this.filters.delete(this.filters.keys().next().value as string);
    this.filters.set(filter, allowed);
    return allowed;
  }

  /** The document passage `i` belongs to, without reading its record (it may not be loaded: static assets). */
  private documentOf(i: number): number {
    const docs = this.parts?.passageDocs ?? this.artifact.passageDocs;
    return docs ? docs[i] : this.artifact.passages[i].doc;
  }

  private checkFacetFields(fields: string[]): string[] {
    const unknown = fields.filter((f) => !this.fields.includes(f));
    if (unknown.length) throw new FilterFieldError(`facets: no document has a field ${unknown.map((f) => `"${f}"`).join(', ')}; the fields of this index are ${this.fields.join(', ')}`);
    return [...new Set(fields)];
  }

  /**
   * The question as both signals see it. Overridable so that experiments (src/eval/lever-engines.ts:
   * vocabulary bridges) can change its BM25 terms without the Worker carrying them; the terms
   * returned here are also what confidence and highlights read.
   */
  protected analyse(query: string): Promise<Question> {
    return analyse(query, this.encoder, this.lexical, this.artifact.manifest.embed_identifiers === 'spelled');
  }

  /** The passages each signal proposes. Overridable for experiments (pseudo-relevance feedback re-asks BM25). */
  protected candidates(question: Question, options: Pick<SearchOptions, 'k' | 'mode'>, allowed?: AllowedPassages): Promise<Candidates> {
    return candidates(question, options, this.vectors, this.lexical, allowed);
  }

  /**
   * Cosine of two passages, for near-duplicate checks: from the bundled vectors, or — when they
   * live in Vectorize — by encoding the passages that may be compared, in one batch (their words
   * without the page context the indexed vectors had: near-duplicates stay far above 0.95 either
   * way). A passage outside that window counts as no one's duplicate.
   */
  private async passageCosine(window: number[]): Promise<(a: number, b: number) => number> {
    const { vectors } = this.artifact;
    if (vectors.codes.length > 0) return (a, b) => scoreRows(vectors, a, b);
    const passages = (await this.parts?.loadPassages(window)) ?? this.artifact.passages;
    const embedded = await this.encoder.embed(window.map((i) => indexedText(passages[i])), 'passage');
    const vectorOf = new Map(window.map((i, j) => [i, embedded[j]]));
    return (a, b) => {
      const [u, v] = [vectorOf.get(a), vectorOf.get(b)];
      return u && v ? dot(u, 0, v, 0, vectors.dims) : 0;
    };
  }

  /**
   * Index of the passage with this id, or -1 (a whole artifact; `passageContext` reads any index). A
   * decoded artifact finds it by the id rule and reads that one record; one built in memory maps every id.
   */
  passageIndex(id: string): number {
    if (this.parts) throw new Error('passageIndex: this index loads its passages on demand; use passageContext');
    const { passageDocs, documents, passages } = this.artifact;
    if (passageDocs) {
      this.locate ??= passageLocator(documents, passageDocs);
      const index = this.locate(id);
      return index >= 0 && passages[index].id === id ? index : -1;
    }
    this.ids ??= new Map(passages.map((p, i) => [p.id, i]));
    return this.ids.get(id) ?? -1;
  }

  /** `context`, for any index: the records it needs are loaded first when they live elsewhere. */
  async passageContext(id: string, n: number): Promise<PassageContext | null> {
    if (!this.parts) return this.context(id, n);
    const index = await this.parts.findPassage(id);
    if (index < 0) return null;
    const around = Array.from({ length: 2 * n + 1 }, (_, j) => index - n + j).filter((i) => i >= 0 && i < this.artifact.manifest.counts.passages);
    return this.contextAt(index, n, await this.parts.loadPassages(around));
  }

  /** The passage with this id and up to `n` neighbours on each side, or null for an unknown id. */
  context(id: string, n: number): PassageContext | null {
    const index = this.passageIndex(id);
    return index < 0 ? null : this.contextAt(index, n);
  }

  private contextAt(index: number, n: number, passages = this.artifact.passages): PassageContext {
    const passage = passages[index];
    const document = this.artifact.documents[passage.doc];
    const at = (i: number) => ({ passage: passages[i], citation: citation(passages[i], document) });
    const sameDocument = (i: number) => i >= 0 && i < this.artifact.manifest.counts.passages && this.documentOf(i) === passage.doc;
    const before: PassageContext['before'] = [];
    for (let i = index - 1; i >= index - n && sameDocument(i); i--) before.unshift(at(i));
    const after: PassageContext['after'] = [];
    for (let i = index + 1; i <= index + n && sameDocument(i); i++) after.push(at(i));
    return { index, passage, document, citation: citation(passage, document), before, after };
  }
}

/** Per passage, whether it is code-only: from the manifest's list when it has one (passages may load on demand), else from the passages. */
function codeOnlyFlags({ manifest, passages }: Pick<IndexArtifact, 'manifest' | 'passages'>): boolean[] {
  const listed = manifest.ranking?.code_only ?? codeOnlyPassages(passages);
  const flags = new Array<boolean>(manifest.counts.passages).fill(false);
  for (const i of listed) flags[i] = true;
  return flags;
}
