/**
 * The "no answer" calibration, fitted for each index at build time. Two kinds of questions are
 * scored against the freshly built index:
 *   - the corpus's own pseudo-questions: section headings (Markdown/HTML) and the opening words of
 *     its sentences, each asked with the passages it comes from held out, so it must be answered
 *     by the rest of the corpus as a real question would be;
 *   - a bank of off-domain probe questions shipped with the indexer (probes.txt).
 * A logistic model over the confidence evidence (src/core/confidence) separates the two; the Worker
 * applies it to every question.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type IndexArtifact } from '../../core/artifact/index.js';
import { indexedText } from '../../core/records.js';
import { type Calibration, confidence, type Evidence, type EvidenceName } from '../../core/confidence/index.js';
import type { QueryEncoder } from '../../core/encoder/index.js';
import { SearchEngine } from '../../core/search/index.js';
import { ExactVectorStore } from '../../core/vector/index.js';
import { splitSentences } from '../../core/sentences/index.js';
import { heldOutEvidence } from './held-out.js';
import { fitLogistic } from './logistic.js';

export { heldOutEvidence, type EvidenceSources } from './held-out.js';

export const PROBES_FILE = join(dirname(fileURLToPath(import.meta.url)), 'probes.txt');
/** At most this many pseudo-questions (spread evenly over the corpus): plenty for a handful of weights. */
export const MAX_QUESTIONS = 300;
/** Pseudo-questions are cut to this many words: the length of what people type into a search box. */
export const QUESTION_WORDS = 12;
/** Sentences shorter than this say too little to stand for a question. */
const MIN_SENTENCE_WORDS = 5;

/** Before fitting (and for an index too small to fit on): every question gets 0.5. */
export const UNCALIBRATED: Calibration = {
  weights: {},
  bias: 0,
  fitted_on: { questions: 0, probes: 0 },
  in_sample: { questions_flagged: 0, probes_answered: 0 },
};

export interface PseudoQuestion {
  q: string;
  /** The passages it was taken from, held out when it is asked. */
  held: Set<number>;
}

/** The probe bank: one question per line, '#' comments. */
export function readProbes(file = PROBES_FILE): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** Headings (up to half) and sentence openings, spread evenly over the corpus, deterministic. */
export function pseudoQuestions(artifact: Pick<IndexArtifact, 'passages' | 'documents'>, max = MAX_QUESTIONS, questionWords = QUESTION_WORDS): PseudoQuestion[] {
  const sections = new Map<string, PseudoQuestion>();
  const sentences: PseudoQuestion[] = [];
  artifact.passages.forEach((passage, i) => {
    // The passage's own section heading (a page's H1 restating its title is not a section).
    const heading = passage.heading_path[passage.heading_path.length - 1];
    if (heading !== undefined && heading !== artifact.documents[passage.doc].title) {
      const key = `${passage.doc}\u0000${passage.heading_path.join('\u0000')}`;
      const section = sections.get(key) ?? { q: heading, held: new Set<number>() };
      section.held.add(i);
      sections.set(key, section);
    }
    const text = indexedText(passage);
    for (const span of splitSentences(text)) {
      const words = text.slice(span.start, span.end).split(/\s+/).filter(Boolean);
      if (words.length >= MIN_SENTENCE_WORDS) sentences.push({ q: words.slice(0, questionWords).join(' '), held: new Set([i]) });
    }
  });
  const headings = spread([...sections.values()], Math.floor(max / 2));
  return [...headings, ...spread(sentences, max - headings.length)];
}

/** Up to n items taken at an even stride, so every part of the corpus is represented. */
function spread<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]);
}

export interface CalibrationData {
  questions: Evidence[];
  probes: Evidence[];
}

/**
 * The evidence the model fits. Measured on the dev sets (`npm run eval -- --dataset calibration`,
 * docs/eval.md): agreement between the rankings adds nothing the others do not say and costs
 * off-topic questions on the seeds; specificity trades one error for another.
 */
export const CALIBRATION_FEATURES: readonly EvidenceName[] = ['cosine', 'coverage', 'unseen', 'margin'];

/** Log-odds against an answer per unseen name (names evidence 1): tuned on the dev sets, docs/eval.md. */
export const NAMES_LOG_ODDS = 2;

/**
 * Evidence whose weight is set, not fitted. `names`: the corpus's own pseudo-questions never name
 * anything the corpus lacks (their words are its words), so `names` is 0 for all of them and a fit's
 * weight is whatever the L2 penalty lets through (a first version: −3.5 per name, 11 of the seeds'
 * 34 answerable questions flagged); counted with their passages held out instead, news passages
 * make every person "unseen" and the fit learns nothing. How much a name counts is a prior chosen on
 * the dev sets' answerable and look-alike questions (the calibration sweep, docs/eval.md).
 */
export const PRIOR_WEIGHTS: Partial<Evidence> = { names: -NAMES_LOG_ODDS };

/** The evidence of the pseudo-questions (held out) and of the probes, against `engine`'s index. */
export async function calibrationData(engine: SearchEngine, probes: string[] = readProbes(), questionWords = QUESTION_WORDS): Promise<CalibrationData> {
  const questions: Evidence[] = [];
  for (const { q, held } of pseudoQuestions(engine.artifact, MAX_QUESTIONS, questionWords)) questions.push(await heldOutEvidence(engine, q, held));
  const probeEvidence: Evidence[] = [];
  for (const q of probes) probeEvidence.push(await heldOutEvidence(engine, q));
  return { questions, probes: probeEvidence };
}

/** Fewer pseudo-questions than this and the fit would be noise: the index stays uncalibrated. */
export const MIN_QUESTIONS = 8;

/**
 * Fits the logistic model, each class weighing half (so 0.5 is the even-odds point), and adds the
 * prior weights. The fit does not see them: they only lower the odds of questions the probes rarely
 * resemble, so fitting around them would change the other weights little.
 */
export function fitCalibration({ questions, probes }: CalibrationData, features: readonly EvidenceName[] = CALIBRATION_FEATURES, priors: Partial<Evidence> = PRIOR_WEIGHTS): Calibration | null {
  if (questions.length < MIN_QUESTIONS || probes.length < MIN_QUESTIONS) return null;
  const rows = [...questions, ...probes].map((e) => features.map((name) => e[name]));
  const labels = [...questions.map(() => 1), ...probes.map(() => 0)];
  const sampleWeights = [...questions.map(() => 0.5 / questions.length), ...probes.map(() => 0.5 / probes.length)];
  const fit = fitLogistic(rows, labels, sampleWeights);
  const weights: Partial<Evidence> = { ...Object.fromEntries(features.map((name, j) => [name, round(fit.weights[j])])), ...priors };
  const calibration: Calibration = { weights, bias: round(fit.bias), fitted_on: { questions: questions.length, probes: probes.length }, in_sample: { questions_flagged: 0, probes_answered: 0 } };
  const share = (xs: Evidence[], wrong: (p: number) => boolean) => round(xs.filter((e) => wrong(confidence(calibration, e))).length / xs.length);
  calibration.in_sample = { questions_flagged: share(questions, (p) => p < 0.5), probes_answered: share(probes, (p) => p >= 0.5) };
  return calibration;
}

/** Rounded so the manifest stays readable; the fit does not carry more precision than this. */
function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/**
 * An engine over an artifact that is not calibrated yet, searching its vectors as the Worker will:
 * its HNSW graph above the exact-scan size (the evidence is what questions will see, and an exact
 * scan per question was three quarters of the calibration at 17,000 passages, growing with them),
 * an exact scan below it or when there is no graph (vectors for Vectorize).
 */
export function uncalibratedEngine(artifact: IndexArtifact, encoder: QueryEncoder): SearchEngine {
  return new SearchEngine({ ...artifact, manifest: { ...artifact.manifest, calibration: UNCALIBRATED } }, encoder, artifact.graph.levels.length > 0 ? undefined : new ExactVectorStore(artifact.vectors));
}

/** Calibrates an artifact with the search core the Worker runs; null when the corpus is too small to fit on. */
export async function calibrate(artifact: IndexArtifact, encoder: QueryEncoder, probes?: string[]): Promise<Calibration | null> {
  return fitCalibration(await calibrationData(uncalibratedEngine(artifact, encoder), probes));
}
