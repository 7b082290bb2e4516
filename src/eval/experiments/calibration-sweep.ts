/**
 * Choices of the "no answer" calibration (src/indexing/calibrate), measured by
 * `npm run eval -- --dataset calibration` on every dev corpus present: how long the pseudo-questions
 * are and which evidence the logistic model reads. Each cell: answerable questions flagged · off-topic
 * questions flagged · look-alike off-topic questions flagged, with a model fitted the way the build fits it.
 */
import { confidence, type Evidence, type EvidenceName } from '../../core/confidence/index.js';
import type { QueryEncoder } from '../../core/encoder/index.js';
import { CALIBRATION_FEATURES, calibrationData, fitCalibration, heldOutEvidence, NAMES_LOG_ODDS, PRIOR_WEIGHTS, QUESTION_WORDS, readProbes, uncalibratedEngine, type CalibrationData } from '../../indexing/calibrate/index.js';
import { indexDocuments } from '../../indexing/index.js';
import { loadCorpus, type SourceDocument } from '../../indexing/load/index.js';
import { hasVitestDocs, readCorpusOffTopic, readDevQuestions, readLookAlike, readOffTopicQuestions, readRustBookQuestions, readVitestQuestions } from '../datasets.js';
import { hasRustBook, loadRustBook } from '../rustbook.js';
import type { LogLine, Table } from '../markdown.js';
import type { PyFaqSet } from '../pyfaq.js';

export interface CalibrationCorpus {
  name: string;
  docs: SourceDocument[];
  answerable: string[];
  offTopic: string[];
  /** Off-topic questions in the corpus's own words (empty when the corpus has no such set). */
  lookAlike: string[];
}

/** The seeds, and the Vitest docs, the Rust book and the Python FAQ when they are on this machine. */
export function calibrationCorpora(vitestDocs: string, faq: PyFaqSet | null): CalibrationCorpus[] {
  const quiet = { warn: () => {} };
  const corpora: CalibrationCorpus[] = [{ name: 'seeds', docs: loadCorpus('seeds', quiet), answerable: readDevQuestions().map((q) => q.q), offTopic: readOffTopicQuestions(), lookAlike: readLookAlike('seeds') }];
  if (hasVitestDocs(vitestDocs)) corpora.push({ name: 'vitest', docs: loadCorpus(vitestDocs, quiet), answerable: readVitestQuestions().map((q) => q.q), offTopic: readCorpusOffTopic('vitest'), lookAlike: readLookAlike('vitest') });
  if (hasRustBook()) corpora.push({ name: 'rustbook', docs: loadRustBook(), answerable: readRustBookQuestions().map((q) => q.q), offTopic: [], lookAlike: readLookAlike('rustbook') });
  if (faq) corpora.push({ name: 'pyfaq', docs: loadCorpus(faq.corpusDir, quiet), answerable: faq.questions.map((q) => q.q), offTopic: readCorpusOffTopic('pyfaq'), lookAlike: [] });
  return corpora;
}

export interface EvidenceVariant {
  name: string;
  features: readonly EvidenceName[];
  /** Set weights (default: the shipped PRIOR_WEIGHTS). */
  priors?: Partial<Evidence>;
}

export const PSEUDO_QUESTION_WORDS: readonly number[] = [8, QUESTION_WORDS, 20];

const namesPrior = (logOdds: number): EvidenceVariant => ({ name: `names −${logOdds} per name`, features: CALIBRATION_FEATURES, priors: { names: -logOdds } });

export const EVIDENCE_VARIANTS: readonly EvidenceVariant[] = [
  { name: `${CALIBRATION_FEATURES.join(', ')}; names −${NAMES_LOG_ODDS} per name`, features: CALIBRATION_FEATURES },
  { name: 'no names', features: CALIBRATION_FEATURES, priors: {} },
  ...[1, 1.5, 2.5, 3].map(namesPrior),
  { name: 'names fitted', features: [...CALIBRATION_FEATURES, 'names'], priors: {} },
  { name: '+ agreement', features: [...CALIBRATION_FEATURES, 'agreement'] },
  { name: '+ specificity', features: [...CALIBRATION_FEATURES, 'specificity'] },
  { name: '− coverage', features: CALIBRATION_FEATURES.filter((f) => f !== 'coverage') },
  { name: '− margin', features: CALIBRATION_FEATURES.filter((f) => f !== 'margin') },
];

export interface CalibrationSweep {
  words?: readonly number[];
  variants?: readonly EvidenceVariant[];
  probes?: string[];
}

/** One row per (pseudo-question length, evidence) pair, one column per corpus; the shipped pair is marked. */
export async function calibrationSweep(corpora: CalibrationCorpus[], encoder: QueryEncoder, sweep: CalibrationSweep = {}, progress: LogLine = () => {}): Promise<Table> {
  const { words = PSEUDO_QUESTION_WORDS, variants = EVIDENCE_VARIANTS, probes = readProbes() } = sweep;
  const measured = [];
  for (const corpus of corpora) {
    const { artifact } = await indexDocuments(corpus.docs, { log: () => {} });
    const engine = uncalibratedEngine(artifact, encoder);
    // Real questions are asked with nothing held out, as the Worker asks them.
    const evidenceOf = (qs: string[]) => Promise.all(qs.map((q) => heldOutEvidence(engine, q)));
    const data = new Map<number, CalibrationData>();
    for (const n of words) data.set(n, await calibrationData(engine, probes, n));
    measured.push({ ...corpus, data, answerableEvidence: await evidenceOf(corpus.answerable), offTopicEvidence: await evidenceOf(corpus.offTopic), lookAlikeEvidence: await evidenceOf(corpus.lookAlike) });
  }
  const rows: string[][] = [];
  for (const n of words) {
    for (const variant of variants) {
      const shipped = n === QUESTION_WORDS && variant.features === CALIBRATION_FEATURES && variant.priors === undefined;
      const cells = [`${n} words; ${variant.name}${shipped ? ' **(shipped)**' : ''}`];
      for (const m of measured) {
        const calibration = fitCalibration(m.data.get(n)!, variant.features, variant.priors ?? PRIOR_WEIGHTS);
        // A corpus too small to fit on stays uncalibrated: nothing is flagged.
        const flagged = (xs: Evidence[]) => (calibration ? xs.filter((e) => confidence(calibration, e) < 0.5).length : 0);
        const sets: Array<[Evidence[], number]> = [[m.answerableEvidence, m.answerable.length], [m.offTopicEvidence, m.offTopic.length], [m.lookAlikeEvidence, m.lookAlike.length]];
        cells.push(sets.map(([xs, n]) => (n ? `${flagged(xs)}/${n}` : '–')).join(' · '));
      }
      progress(cells.join(' | '));
      rows.push(cells);
    }
  }
  return { headers: ['pseudo-question length; evidence', ...measured.map((m) => `${m.name}: answerable · off-topic · look-alike flagged`)], rows };
}
