/**
 * The offline indexer: load → parse → chunk → embed → BM25 → HNSW → calibrate → write.
 * Node only (hnswlib-node is native; transformers.js for a --model of the user's); the Worker reads what it writes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import {
  ARTIFACT_FORMAT_VERSION,
  encodeArtifact,
  type ArtifactManifest,
  type IndexArtifact,
  type EmbedContext,
  type EmbedIdentifiers,
  type VectorPlacement,
  withoutVectors,
} from '../core/artifact/index.js';
import { type DocumentRecord, type PassageRecord, excerptOf, indexedText } from '../core/records.js';
import { countWords, splitSentences } from '../core/sentences/index.js';
import { buildLexicalIndex, DEFAULT_LEXICAL, type LexicalIndex, type LexicalParams, lexicalDocuments, withoutRanges } from '../core/lexical/index.js';
import { quantize } from '../core/vector/index.js';
import { calibrate, UNCALIBRATED } from './calibrate/index.js';
import { vectorizeRecords } from './vectorize.js';
import { chunk, DEFAULT_CHUNKING, type ChunkOptions } from './chunk/index.js';
import { buildStoredGraph, DEFAULT_HNSW } from './hnsw/index.js';
import { loadCorpus, type SkipReason, type SourceDocument } from './load/index.js';
import { assetsLimitProblems, assetsVerdict, bundleVerdict, chooseStorage, estimateBundle, estimateMemory, memoryRefusal, type BundleEstimate, type MemoryEstimate, type Storage, type StorageChoice } from './budget.js';
import { splitArtifact, type ShardTargets } from '../core/storage/split.js';
import { ASSETS_LIMITS, INDEX_ASSETS_PREFIX, PASSAGE_FILES_KEPT_BYTES } from '../core/storage/format.js';
import { DEFAULT_MODEL_DIR, loadModelManifest, loadStaticEncoder } from './model/load.js';
import { loadModelEncoder, type TransformersModel } from './model/choice.js';
import type { QueryEncoder } from '../core/encoder/index.js';
import type { EncoderIdentity } from '../core/model/encoders.js';
import { boundedLabel, deriveTitle } from './parse/document.js';
import { codeOnlyPassages } from '../core/records.js';
import { corpusConventions, parseDocument, type HtmlOptions } from './parse/index.js';
import { normaliseBaseUrl, pageUrl, type UrlStyle } from './urls.js';
import { ASSETS_DIR, checkOutputFolder, writeAtomically } from './write/index.js';
import { lineLocator } from './lines.js';
import { duplicatePages, duplicatesLine } from './duplicates.js';
import { DEFAULT_OPTIONS } from '../core/search/index.js';
import { spellIdentifiers } from '../core/lexical/terms.js';

export interface BuildOptions extends IndexOptions {
  input: string;
  out: string;
  /** Glob patterns of files and folders to leave out (besides node_modules and dot-folders). */
  exclude?: string[];
  /** Follow symbolic links that lead out of the input folder (`--follow-symlinks`); default: skip and report them. */
  followSymlinks?: boolean;
  /** Test hook: called after the temp files are written, before the swap. */
  beforeCommit?: () => void;
  /** The index in the Worker's bundle, in static assets beside it, or whichever fits (default "auto"). */
  storage?: StorageChoice;
  /** Shard sizes of an index in static assets (tests: many files from a small corpus); default SHARD_TARGETS. */
  shardTargets?: ShardTargets;
}

/** A build the Worker could not serve (over the static-assets limits or the isolate's memory): nothing is written. */
export class IndexLimitError extends Error {
  override name = 'IndexLimitError';
}

export interface BuildTimings {
  loadMs: number;
  structureMs: number;
  chunkMs: number;
  embedMs: number;
  lexicalMs: number;
  calibrateMs: number;
  hnswMs: number;
  writeMs: number;
  /** Gzipping the index and the model to tell whether the Worker fits a plan. */
  sizeMs: number;
}

export interface BuildResult {
  manifest: ArtifactManifest;
  /** Milliseconds per stage, back to back: together they are the whole build (`totalMs`). */
  timings: BuildTimings;
  /** Wall time of the build, from the output check to the size estimate. */
  totalMs: number;
  /** Files not indexed, by reason. */
  skipped: Partial<Record<SkipReason, string[]>>;
  /** Expected gzip size of the Worker serving this index, against the plans' limits. */
  bundle: BundleEstimate;
  /** Where the index went, and why. */
  storage: { kind: Storage; why: string; files: number; bytes: number };
  /** What the index takes in a warmed-up isolate. */
  memory: MemoryEstimate;
}

/**
 * Documents and passages of a corpus, without vectors: the part that needs no model. Documents
 * with no text left after cleaning are returned in `empty` and left out.
 */
/** Chosen by `npm run eval -- --dataset levers` (docs/eval.md). */
export const DEFAULT_EMBED_CONTEXT: EmbedContext = 'headings-of-pages';
/** Chosen by `npm run eval -- --dataset levers` (docs/eval.md). */
export const DEFAULT_EMBED_IDENTIFIERS: EmbedIdentifiers = 'as-written';
/**
 * Documentation pages: a question names a tool or an option in passing far more often than an
 * article's reader does, so no query word may weigh more than 1.25× the question's mean idf; and
 * their vectors carry the page's headings, so the semantic side gets half the fused score.
 * Measured by `npm run eval -- --dataset levers` (docs/eval.md); articles keep DEFAULT_LEXICAL and 0.3.
 */
export const PAGE_LEXICAL: LexicalParams = { ...DEFAULT_LEXICAL, rareTermCap: 1.25 };
export const PAGE_RATIO = 0.5;
/** Code-only passages rank at 0.8 of their score (`SearchOptions.codeOnlyFactor`): measured by `--dataset ranking-levers`. */
export const CODE_ONLY_FACTOR = 0.8;

/** The text a passage's vector is computed from; `lead`: the first sentence of its section, when another passage holds it. */
export function embeddingText(passage: PassageRecord, document: DocumentRecord, context: EmbedContext, withCode = true, lead: string | null = null): string {
  // Code left out of the vector (a measured lever) is blanked: the prose around it stays apart.
  const words = withCode || !passage.code ? indexedText(passage) : withoutRanges(indexedText(passage), passage.code);
  // The '-of-pages' contexts: only Markdown/HTML pages, whose headings are the author's; plain-text articles stay as they are.
  if (context === 'none' || (context !== 'title-and-headings' && document.format === 'text')) return words;
  const headings = `${[document.title, ...passage.heading_path].join(' › ')}: `;
  return context === 'headings-and-lead-of-pages' && lead ? `${headings}${lead} … ${words}` : `${headings}${words}`;
}

/** Each passage's section lead: the first sentence of the section's first passage, null for that passage itself. */
export function sectionLeads(passages: PassageRecord[]): Array<string | null> {
  const first = new Map<string, string>();
  return passages.map((p) => {
    const key = `${p.doc}\u0000${p.heading_path.join('\u0000')}`;
    const lead = first.get(key);
    if (lead !== undefined) return lead || null;
    const text = excerptOf(p);
    const sentence = splitSentences(text)[0];
    first.set(key, sentence && countWords(text, sentence.start, sentence.end) <= MAX_LEAD_WORDS ? text.slice(sentence.start, sentence.end) : '');
    return null;
  });
}

/** A section's first sentence longer than this is not a summary of it. */
const MAX_LEAD_WORDS = 40;

/** Reports how far a long stage ("embedding", "HNSW graph") has come. */
export type Progress = (stage: string, done: number, total: number) => void;

/** Where a documentation site serves its pages (`--base-url`, `--url-style`). */
export interface SitePages {
  baseUrl: string;
  style: UrlStyle;
}

/** How HTML pages are read beyond what they say themselves (`--content-selector`, `--ignore-selector`). */
export type HtmlReading = Pick<HtmlOptions, 'contentSelector' | 'ignoreSelector'>;

/**
 * A page's URL: the one it declares (`<link rel="canonical">`, resolved against where it is served),
 * else where it is served; `canonical`: the declared one won over (or stood in for) --base-url's.
 */
function documentUrl(source: string, canonical: string | undefined, site: SitePages | null): { url: string | null; canonical: boolean } {
  const served = site ? pageUrl(source, site.baseUrl, site.style) : null;
  if (canonical === undefined) return { url: served, canonical: false };
  try {
    const url = served ? new URL(canonical, served) : new URL(canonical);
    // The page's own URL: a fragment in the declared one would stand before each section's anchor.
    url.hash = '';
    return url.protocol === 'https:' || url.protocol === 'http:' ? { url: url.href, canonical: url.href !== served } : { url: served, canonical: false };
  } catch {
    return { url: served, canonical: false };
  }
}

/**
 * The summary's line on pages cited at their canonical URL rather than under --base-url, or null
 * when none is: a warning when the canonical links name another host than --base-url (a staging
 * build of a site whose generator writes the public URL, or a --base-url that is wrong).
 */
export function canonicalUrlsLine(canonicalUrls: readonly string[], documents: number, site: SitePages | null): string | null {
  if (canonicalUrls.length === 0) return null;
  const shared = commonUrlPrefix(canonicalUrls);
  const cited = `urls: ${canonicalUrls.length} of ${documents} pages cited at their <link rel="canonical"> URL (${shared}…)`;
  if (!site) return canonicalUrls.length < documents ? `${cited}; the other ${documents - canonicalUrls.length} have no URL: --base-url gives them one` : cited;
  const baseHost = new URL(site.baseUrl).host;
  const hosts = [...new Set(canonicalUrls.map((u) => new URL(u).host))].filter((h) => h !== baseHost);
  if (hosts.length === 0) return `${cited}, not under --base-url ${site.baseUrl}`;
  return `warning: ${cited}, not under --base-url ${site.baseUrl}: citations link to ${hosts.join(', ')}, not ${baseHost} (the generator's site URL wrote the canonical links: MkDocs site_url, Sphinx html_baseurl); if the site is served at --base-url, set that and rebuild the site`;
}

/** The longest start the URLs share, cut after its last `/` (a folder, never half a name). */
function commonUrlPrefix(urls: readonly string[]): string {
  let prefix = urls[0];
  for (const url of urls) while (!url.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.slice(0, prefix.lastIndexOf('/') + 1);
}

/** Pages that share one metadata title are at least this many: the site's name, not theirs (two may be a coincidence). */
const SITE_NAME_PAGES = 3;

/**
 * Pages without a heading of their own are titled by their <title> or og:title; when many share
 * the same one, it is the site's name (a header every page has), so each is titled by its first
 * sentence instead, as a page without any title is.
 */
function retitleSiteNames(documents: DocumentRecord[], passages: PassageRecord[], titledByMetadata: number[]): void {
  const pagesPerTitle = new Map<string, number>();
  for (const d of titledByMetadata) pagesPerTitle.set(documents[d].title, (pagesPerTitle.get(documents[d].title) ?? 0) + 1);
  const shared = titledByMetadata.filter((d) => (pagesPerTitle.get(documents[d].title) ?? 0) >= SITE_NAME_PAGES);
  if (shared.length === 0) return;
  const first = new Map<number, PassageRecord>();
  for (const p of passages) if (!first.has(p.doc)) first.set(p.doc, p);
  for (const d of shared) {
    const opening = first.get(d);
    documents[d] = { ...documents[d], title: boundedLabel(deriveTitle(opening ? (opening.excerpt ?? opening.text).split('\n')[0] : '')), title_derived: true };
  }
}

export function passagesOf(docs: SourceDocument[], chunking: ChunkOptions = DEFAULT_CHUNKING, site: SitePages | null = null, html: HtmlReading = {}) {
  const documents: DocumentRecord[] = [];
  const passages: PassageRecord[] = [];
  const empty: SourceDocument[] = [];
  /** Blocks with words that were not indexed (boilerplate, raw HTML, page chrome), with why. */
  const dropped: Array<{ source: string; line: number; text: string; reason: string }> = [];
  /** Files the parser would not read, and per-file problems (bad front matter), each naming its file. */
  const warnings: string[] = [];
  /** Pages that are readable but no documents (search page, 404, redirect…), with why. */
  const notDocuments: Array<{ source: string; reason: string }> = [];
  /** URLs of documents cited where their `<link rel="canonical">` says, not where --base-url serves them. */
  const canonicalUrls: string[] = [];
  /** Each document's source hash: the same bytes twice are one page indexed twice. */
  const sha256: string[] = [];
  const timings = { structureMs: 0, chunkMs: 0 };
  const started = performance.now();
  const corpus = corpusConventions(docs, site?.baseUrl ?? null, { html });
  timings.structureMs += performance.now() - started;
  /** Documents titled by their page metadata rather than a heading of their own. */
  const titledByMetadata: number[] = [];
  for (const doc of docs) {
    // Back-to-back laps: everything done for a document is counted, as cleaning or as chunking.
    let t = performance.now();
    const s = parseDocument(doc, corpus);
    for (const warning of s.warnings ?? []) warnings.push(`${doc.source}: ${warning}`);
    if (s.skip) {
      if (s.skip.notDocument) notDocuments.push({ source: doc.source, reason: s.skip.reason });
      else warnings.push(`skipped ${doc.source}: ${s.skip.reason}`);
      timings.structureMs += performance.now() - t;
      continue;
    }
    if (s.dropped.length > 0) {
      const lineOf = lineLocator(doc.text);
      for (const d of [...s.dropped].sort((a, b) => a.start - b.start)) dropped.push({ source: doc.source, line: lineOf(d.start), text: doc.text.slice(d.start, d.end), reason: d.reason });
    }
    const cleaned = performance.now();
    timings.structureMs += cleaned - t;
    t = cleaned;
    const chunks = chunk(doc.text, s.paragraphs, chunking);
    if (chunks.length === 0) {
      empty.push(doc);
      timings.chunkMs += performance.now() - t;
      continue;
    }
    const d = documents.length;
    const { url, canonical } = documentUrl(doc.source, s.canonical, site);
    if (canonical && url) canonicalUrls.push(url);
    sha256.push(doc.sha256);
    if (s.titleFromMetadata) titledByMetadata.push(d);
    documents.push({ doc_id: doc.id, source: doc.source, format: doc.format, title: boundedLabel(s.title), title_derived: s.titleDerived, author: s.author, url, metadata: s.metadata ?? null });
    chunks.forEach((c, i) => {
      const text = doc.text.slice(c.start, c.end);
      const clean = s.clean(c.start, c.end);
      const code = clean === '' ? [] : (s.code?.(c.start, c.end) ?? []);
      passages.push({
        id: `${doc.id}:${i + 1}`,
        doc: d,
        section: c.section === null ? null : boundedLabel(c.section),
        heading_path: c.headingPath.map(boundedLabel),
        anchor: c.anchor,
        paragraph: c.paragraph,
        char_start: c.start,
        char_end: c.end,
        text,
        // No visible words at all (a fragment of markup): index the source text rather than nothing.
        excerpt: clean === text || clean === '' ? null : clean,
        ...(code.length ? { code } : {}),
        ...(c.tableHeader ? { table_header: s.clean(c.tableHeader.start, c.tableHeader.end) } : {}),
      });
    });
    timings.chunkMs += performance.now() - t;
  }
  retitleSiteNames(documents, passages, titledByMetadata);
  /** timings: cleaning with structure (titles, sections, paragraphs), then chunking. */
  return { documents, passages, empty, dropped, warnings, notDocuments, canonicalUrls, duplicates: duplicatePages(documents, passages, sha256), timings };
}

/**
 * Times a run as back-to-back stages: each lap ends where the next begins, so the laps add up to
 * the whole run and no work goes untimed.
 */
function stopwatch() {
  const start = performance.now();
  let last = start;
  return {
    lap: () => {
      const now = performance.now();
      const ms = now - last;
      last = now;
      return ms;
    },
    total: () => performance.now() - start,
  };
}

export interface IndexOptions {
  /** The input folder as the user named it (the summary's fixes name folders in it). */
  input?: string;
  /** The static model's folder (default: the bundled one). */
  modelDir?: string;
  /**
   * Index with a transformers.js model instead (`--model`, resolved by model/choice.ts): the Worker
   * then needs a matching query encoder (Workers AI for the bge family; docs/models.md).
   */
  model?: TransformersModel;
  /** "vectorize": leave the vectors (and the HNSW graph) out of the artifact, for Vectorize. */
  vectors?: VectorPlacement;
  chunking?: ChunkOptions;
  /** BM25 parameters (default: `PAGE_LEXICAL` for a documentation site, `DEFAULT_LEXICAL` otherwise). */
  lexical?: LexicalParams;
  /** The index's default hybrid ratio, recorded in the manifest (default: `PAGE_RATIO` for a documentation site, 0.3 otherwise). */
  ratio?: number;
  /** The index's factor on code-only passages' scores, recorded in the manifest (default: CODE_ONLY_FACTOR). */
  codeOnlyFactor?: number;
  /** Page URLs for citations (documentation sites). */
  site?: SitePages;
  /** Where HTML pages' content is and what of it to leave out, beyond what the pages mark themselves. */
  html?: HtmlReading;
  /** Progress of the long stages (the CLI draws bars; default: none). */
  progress?: Progress;
  /** Log every block left out by cleaning, with file, line and reason (`--explain`). */
  explain?: boolean;
  /**
   * What each passage's vector is computed from: its indexed words alone, or with its page title
   * and heading path in front ("Title › Section › Sub: words") — measured by
   * `npm run eval -- --dataset levers`.
   */
  embedContext?: EmbedContext;
  /** Whether code (inline code, code blocks) is part of a passage's vector (measured by `--dataset levers`). */
  embedCode?: boolean;
  /** Identifiers in the embedded text as written, or followed by their parts in words (measured by `--dataset levers`). */
  embedIdentifiers?: EmbedIdentifiers;
  log?: (message: string) => void;
}

/** The indexing settings with their defaults filled in (what the manifest records). */
interface IndexSettings {
  modelDir: string;
  model: TransformersModel | undefined;
  chunking: ChunkOptions;
  lexical: LexicalParams;
  ratio: number;
  codeOnlyFactor: number;
  placement: VectorPlacement;
  embedContext: EmbedContext;
  embedCode: boolean;
  embedIdentifiers: EmbedIdentifiers;
  site: SitePages | null;
  html: HtmlReading;
}

/**
 * Whether most sources are documentation pages (Markdown/HTML): such an index gets the page
 * defaults (`PAGE_LEXICAL`, `PAGE_RATIO`), measured by `npm run eval -- --dataset levers`.
 */
export function isDocumentationSite(docs: ReadonlyArray<Pick<SourceDocument, 'format'>>): boolean {
  return docs.filter((d) => d.format !== 'text').length * 2 > docs.length;
}

function settingsOf(options: IndexOptions, docs: SourceDocument[]): IndexSettings {
  const pages = isDocumentationSite(docs);
  return {
    modelDir: options.modelDir ?? DEFAULT_MODEL_DIR,
    model: options.model,
    chunking: options.chunking ?? DEFAULT_CHUNKING,
    lexical: options.lexical ?? (pages ? PAGE_LEXICAL : DEFAULT_LEXICAL),
    ratio: options.ratio ?? (pages ? PAGE_RATIO : DEFAULT_OPTIONS.ratio),
    codeOnlyFactor: options.codeOnlyFactor ?? CODE_ONLY_FACTOR,
    placement: options.vectors ?? 'bundled',
    embedContext: options.embedContext ?? DEFAULT_EMBED_CONTEXT,
    embedCode: options.embedCode ?? true,
    embedIdentifiers: options.embedIdentifiers ?? DEFAULT_EMBED_IDENTIFIERS,
    site: options.site ? { ...options.site, baseUrl: normaliseBaseUrl(options.site.baseUrl) } : null,
    html: options.html ?? {},
  };
}

type Passages = ReturnType<typeof passagesOf>;

/** The parse and chunk stage's report: files skipped or empty, blocks left out (`--explain` lists them). */
function reportPassages({ documents, passages, empty, dropped, warnings, notDocuments, canonicalUrls, duplicates }: Passages, filesRead: number, site: SitePages | null, input: string, explain: boolean, log: (m: string) => void): void {
  for (const warning of warnings) log(`warning: ${warning}`);
  if (notDocuments.length) log(`not documents: ${notDocuments.length} of the ${filesRead} files read ${notDocuments.length === 1 ? 'is no page' : 'are no pages'} to cite, left out (${notDocuments.map((d) => `${d.source}: ${d.reason}`).join('; ')})`);
  for (const doc of empty) log(`warning: skipped ${doc.source}: no article text left after removing boilerplate`);
  if (dropped.length) {
    const byReason = new Map<string, number>();
    for (const d of dropped) byReason.set(d.reason, (byReason.get(d.reason) ?? 0) + 1);
    const counts = [...byReason].map(([reason, n]) => `${n} ${reason}`).join(', ');
    log(`cleaning: left out ${dropped.length} blocks with words in ${new Set(dropped.map((d) => d.source)).size} files (${counts})${explain ? ':' : '; --explain lists them'}`);
    if (explain) for (const d of dropped) log(`  ${d.source}:${d.line} [${d.reason}] ${JSON.stringify(d.text.length > 100 ? `${d.text.slice(0, 100)}…` : d.text)}`);
  }
  if (passages.length === 0) throw new Error('no passages: none of the articles has any text left after cleaning');
  // Pages (Markdown, HTML) are cited at their sections: how many citations can land there.
  const paged = passages.filter((p) => documents[p.doc].format !== 'text');
  const anchored = paged.length ? ` (${paged.filter((p) => p.anchor !== null).length} of the ${paged.length} from pages cite a #anchor)` : '';
  const notRead = documents.length === filesRead ? '' : ` of the ${filesRead} files read`;
  log(`passages: ${passages.length} from ${documents.length} documents${notRead}${anchored}`);
  const urls = canonicalUrlsLine(canonicalUrls, documents.length, site);
  if (urls) log(urls);
  const repeated = duplicatesLine(duplicates, documents, input);
  if (repeated) log(repeated);
}

/** The embed stage: each passage's vector (with its page context), quantised as the Worker stores it. */
async function embedPassages({ passages, documents }: Passages, settings: IndexSettings, progress?: Progress) {
  const leads = settings.embedContext === 'headings-and-lead-of-pages' ? sectionLeads(passages) : [];
  const texts = passages.map((p, i) => {
    const text = embeddingText(p, documents[p.doc], settings.embedContext, settings.embedCode, leads[i] ?? null);
    return settings.embedIdentifiers === 'spelled' ? spellIdentifiers(text) : text;
  });
  const onBatch = (done: number, total: number) => progress?.('embedding', done, total);
  const { vectors, identity, queryEncoder } = settings.model ? await embedWithModel(settings.model, texts, onBatch) : embedWithStaticModel(settings.modelDir, texts, onBatch);
  return { vectors: quantize(flatten(vectors, identity.dims), identity.dims), identity, queryEncoder };
}

/** What the artifact says of itself: its build id (a hash of every input and choice) and settings. */
function describeBuild(docs: SourceDocument[], { documents, passages }: Passages, identity: EncoderIdentity, lexical: LexicalIndex, settings: IndexSettings): ArtifactManifest {
  const { chunking, placement, site, embedContext, embedIdentifiers } = settings;
  const sources = docs.map((d) => ({ source: d.source, sha256: d.sha256, bytes: Buffer.byteLength(d.text) }));
  const buildId = createHash('sha256')
    .update(JSON.stringify({ model: identity, sources, chunking, hnsw: DEFAULT_HNSW, lexical: settings.lexical, ratio: settings.ratio, codeOnlyFactor: settings.codeOnlyFactor, vectors: placement, site, embedContext, embedIdentifiers, ...(settings.embedCode ? {} : { embedCode: false }), ...(Object.keys(settings.html).length ? { html: settings.html } : {}), format: ARTIFACT_FORMAT_VERSION }))
    // Content too, so a change in how passages or terms are cut gives a new build id.
    .update(JSON.stringify(passages))
    .update([...lexical.terms].join('\n'))
    .digest('hex')
    .slice(0, 16);
  return {
    format_version: ARTIFACT_FORMAT_VERSION,
    build_id: buildId,
    model: identity,
    counts: { documents: documents.length, passages: passages.length },
    chunking: { min_words: chunking.minWords, max_words: chunking.maxWords, split_items: chunking.splitItems ?? false },
    hnsw: DEFAULT_HNSW,
    lexical: settings.lexical,
    ranking: { ratio: settings.ratio, code_only_factor: settings.codeOnlyFactor, code_only: codeOnlyPassages(passages) },
    vectors: placement,
    embed_context: embedContext,
    embed_identifiers: embedIdentifiers,
    calibration: UNCALIBRATED,
    site: site && { base_url: site.baseUrl, url_style: site.style },
    sources,
  };
}

/**
 * Everything but the disk: documents → passages → vectors + lexical postings, as an artifact. The
 * stages run back to back on one stopwatch, so their times add up to the whole.
 */
export async function indexDocuments(docs: SourceDocument[], options: IndexOptions = {}) {
  const log = options.log ?? ((m: string) => console.error(m));
  const settings = settingsOf(options, docs);
  const watch = stopwatch();

  const read = passagesOf(docs, settings.chunking, settings.site, settings.html);
  reportPassages(read, docs.length, settings.site, options.input ?? 'the input folder', options.explain ?? false, log);
  // What passagesOf does not time itself (the report) is counted as cleaning.
  const chunkMs = read.timings.chunkMs;
  const structureMs = watch.lap() - chunkMs;

  const { vectors, identity, queryEncoder } = await embedPassages(read, settings, options.progress);
  const embedMs = watch.lap();

  const lexical = buildLexicalIndex(lexicalDocuments(read), settings.lexical);
  const lexicalMs = watch.lap();

  // The graph first: the calibration searches it as the Worker will (an exact scan in Vectorize's place).
  const stored = settings.placement === 'vectorize' ? undefined : buildStoredGraph(vectors, DEFAULT_HNSW, (done, total) => options.progress?.('HNSW graph', done, total));
  const graph = stored?.graph ?? { entryPoint: 0, levels: [] };
  const hnswMs = watch.lap();

  // "No answer" is calibrated on this corpus (src/indexing/calibrate); the lap includes the manifest it needs.
  const { documents, passages } = read;
  const manifest = describeBuild(docs, read, identity, lexical, settings);
  const calibration = await calibrate({ manifest, documents, passages, vectors, lexical, graph }, queryEncoder);
  if (calibration) {
    manifest.calibration = calibration;
    const { fitted_on: on, in_sample: misjudged } = calibration;
    log(`calibration: "no answer" fitted on ${on.questions} of the corpus's own questions and ${on.probes} off-domain probes (in sample: ${pct(misjudged.questions_flagged)} of its questions flagged, ${pct(misjudged.probes_answered)} of probes answered)`);
  } else log('warning: calibration: the corpus is too small to calibrate "no answer" on; every question gets confidence 0.5');
  const calibrateMs = watch.lap();

  const timings = { structureMs, chunkMs, embedMs, lexicalMs, calibrateMs, hnswMs };
  if (settings.placement === 'vectorize') {
    // Vectorize searches the vectors: no graph, and the records go beside the artifact.
    const artifact = withoutVectors({ manifest, documents, passages, vectors, lexical, graph });
    return { artifact, records: vectorizeRecords({ passages, vectors }), timings };
  }
  const artifact: IndexArtifact = { manifest, documents, passages, vectors, lexical, graph };
  return { artifact, hnswBytes: stored?.file, timings };
}

const pct = (share: number) => `${Math.round(share * 100)}%`;

type OnBatch = (done: number, total: number) => void;

/** Progress is reported per this many passages: the static model embeds thousands a second. */
const STATIC_EMBED_BATCH = 256;

/**
 * The bundled static model, embedded by the same TypeScript encoder the Worker runs for questions:
 * passages and questions share one implementation (a parity test holds it equal to the model's
 * ONNX export run by transformers.js, which was the indexer's route before and is 2.5× slower).
 */
function embedWithStaticModel(modelDir: string, texts: string[], onBatch: OnBatch) {
  const model = loadModelManifest(modelDir);
  const encoder = loadStaticEncoder(modelDir);
  const vectors: Float32Array[] = [];
  for (let i = 0; i < texts.length; i++) {
    vectors.push(encoder.encode(texts[i]));
    if ((i + 1) % STATIC_EMBED_BATCH === 0 || i + 1 === texts.length) onBatch(i + 1, texts.length);
  }
  const identity: EncoderIdentity = { id: model.id, hash: model.hash, dims: model.dims, kind: 'static', pooling: 'mean', query_prefix: '', passage_prefix: '' };
  return { vectors, identity, queryEncoder: encoder as QueryEncoder };
}

/** A transformers.js model of the user's choice, with its passage prefix. */
async function embedWithModel(model: TransformersModel, texts: string[], onBatch: OnBatch) {
  const encoder = await loadModelEncoder(model);
  const vectors = await encoder.embedPassages(texts, onBatch);
  const identity: EncoderIdentity = { ...model.identity, dims: encoder.dims };
  return { vectors, identity, queryEncoder: encoder as QueryEncoder };
}

function flatten(rows: Float32Array[], dims: number): Float32Array {
  const flat = new Float32Array(rows.length * dims);
  rows.forEach((v, i) => flat.set(v, i * dims));
  return flat;
}

export async function buildIndex(options: BuildOptions): Promise<BuildResult> {
  const log = options.log ?? ((m: string) => console.error(m));
  const watch = stopwatch();
  // Before any work: a refused --out costs nothing, and a long build never ends in a refusal.
  checkOutputFolder(options.out, options.input);

  const skipped: BuildResult['skipped'] = {};
  const docs = loadCorpus(options.input, {
    exclude: options.exclude,
    followSymlinks: options.followSymlinks,
    explain: options.explain,
    warn: (m) => log(`warning: ${m}`),
    note: log,
    onSkip: (source, reason) => (skipped[reason] ??= []).push(source),
  });
  const skippedLine = Object.entries(skipped).map(([reason, files]) => `${files.length} ${reason}`).join(', ');
  // Files read, not documents: some are no page to cite (404, search page), counted on the lines that follow.
  log(`files: ${docs.length} read from ${options.input}${skippedLine ? `; skipped ${skippedLine}` : ''}`);
  const loadMs = watch.lap();

  const built = await indexDocuments(docs, options);
  const { artifact, timings } = built;
  // indexDocuments times its own stages, back to back; this lap is their sum.
  watch.lap();

  // Let go of the bundled bytes when the index goes to static assets: at 100,000 passages they weigh
  // hundreds of MB, held beside the files the split writes.
  let indexBytes: Uint8Array | undefined = encodeArtifact(artifact);
  const modelDir = options.modelDir ?? DEFAULT_MODEL_DIR;
  const modelFiles = ['weights.bin', 'tokenizer.json'].map((f) => readFileSync(join(modelDir, f)));
  const modelGzip = modelFiles.reduce((sum, bytes) => sum + gzipSync(bytes).length, 0);
  const bundled = estimateBundle(gzipSync(indexBytes).length, modelGzip);
  const { storage, why } = chooseStorage(options.storage ?? 'auto', bundled);
  if (storage === 'assets') indexBytes = undefined;
  const memory = memoryOf(artifact, modelFiles[0].length, storage);
  if (!memory.fits) throw new IndexLimitError(memoryRefusal(memory, artifact.manifest.vectors === 'vectorize'));
  const layout = storage === 'assets' ? await splitArtifact(artifact, options.shardTargets) : undefined;
  const assetFiles = layout?.files.map((f) => ({ name: f.entry.name, bytes: f.bytes.length })) ?? [];
  const problems = assetsLimitProblems(assetFiles, ASSETS_LIMITS);
  if (problems.length) throw new IndexLimitError(problems.join('; '));
  const sizeMs = watch.lap();

  const files: Record<string, string | Uint8Array> = { 'index.bin': layout?.root ?? indexBytes!, 'manifest.json': `${JSON.stringify(artifact.manifest, null, 2)}\n` };
  for (const f of layout?.files ?? []) files[join(ASSETS_DIR, INDEX_ASSETS_PREFIX, f.entry.name)] = f.bytes;
  // hnswlib's own file of the graph, or the records to insert into Vectorize.
  if (built.hnswBytes) files['index.hnsw'] = built.hnswBytes;
  if (built.records !== undefined) files['vectorize.ndjson'] = built.records;
  writeAtomically(options.out, files, { input: options.input, beforeCommit: options.beforeCommit });
  const writeMs = watch.lap();

  const bundle = layout ? estimateBundle(gzipSync(layout.root).length, modelGzip) : bundled;
  const all: BuildTimings = { loadMs, ...timings, writeMs, sizeMs };
  const totalMs = watch.total();
  const seconds = (x: number) => `${(x / 1000).toFixed(1)} s`;
  log(`wrote ${options.out}: build ${artifact.manifest.build_id}, ${artifact.passages.length} passages in ${seconds(totalMs)} total (load ${seconds(loadMs)}, clean ${seconds(timings.structureMs)}, chunk ${seconds(timings.chunkMs)}, embed ${seconds(timings.embedMs)}, BM25 ${seconds(timings.lexicalMs)}, calibrate ${seconds(timings.calibrateMs)}, HNSW ${seconds(timings.hnswMs)}, write ${seconds(writeMs)}, size check ${seconds(sizeMs)})`);
  log(`storage: ${storage === 'bundle' ? 'in the Worker bundle' : `static assets (${join(options.out, ASSETS_DIR)})`} (${why})`);
  log(`index: ${(files['index.bin'].length / 1048576).toFixed(2)} MiB${storage === 'assets' ? ' root' : ''}; ${bundleVerdict(bundle, artifact.manifest.vectors, !layout)}${layout ? `; ${assetsVerdict(assetFiles, ASSETS_LIMITS)}` : ''}; ≈ ${(memory.bytes / 1e6).toFixed(0)} MB of the isolate's 128 MB once warm`);
  const bytes = assetFiles.reduce((n, f) => n + f.bytes, 0);
  return { manifest: artifact.manifest, timings: all, totalMs, skipped, bundle, storage: { kind: storage, why, files: assetFiles.length, bytes }, memory };
}

/** The index's parts as a warmed-up isolate holds them (budget.ts: estimateMemory), for where it is stored. */
function memoryOf(artifact: IndexArtifact, modelBytes: number, storage: Storage): MemoryEstimate {
  const { vectors, graph, lexical, passages } = artifact;
  // Each record's UTF-8 JSON (as lazy-records.ts stores it) and its offset and document, measured without holding the bytes.
  const passageBytes = passages.reduce((n, p) => n + Buffer.byteLength(JSON.stringify(p)), 0) + 8 * passages.length;
  return estimateMemory({
    vectors: vectors.codes.byteLength + vectors.scales.byteLength,
    graph: graph.levels.reduce((n, l) => n + l.offsets.byteLength + l.neighbours.byteLength, 0),
    postings: lexical.passages.byteLength + lexical.frequencies.byteLength + lexical.offsets.byteLength + lexical.lengths.byteLength,
    terms: lexical.terms.bytes.byteLength + lexical.terms.offsets.byteLength + 8 * lexical.terms.size + lexical.names.byteLength,
    // Static assets keep passage files up to a budget; the bundle holds every record's bytes.
    passageBytes: storage === 'assets' ? Math.min(passageBytes, PASSAGE_FILES_KEPT_BYTES) : passageBytes,
    documentJson: Buffer.byteLength(JSON.stringify(artifact.documents)),
    model: modelBytes,
  });
}

