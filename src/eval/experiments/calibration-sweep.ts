/**
 * Choices of the "no answer" calibration (src/indexing/calibrate), measured by
 * `npm run eval -- --dataset calibration` on every dev corpus present: how long the pseudo-questions
 * are and which evidence the logistic model reads. Each cell: answerable questions flagged · off-topic
 * questions flagged, with a model fitted the way the build fits it.
 */
import { confidence, type Evidence, type EvidenceName } from '../../core/confidence/index.js';
import type { QueryEncoder } from '../../core/encoder/index.js';
import { CALIBRATION_FEATURES, calibrationData, fitCalibration, heldOutEvidence, QUESTION_WORDS, readProbes, uncalibratedEngine, type CalibrationData } from '../../indexing/calibrate/index.js';
import { indexDocuments } from '../../indexing/index.js';
import { loadCorpus, type SourceDocument } from '../../indexing/load/index.js';
import { hasVitestDocs, readCorpusOffTopic, readDevQuestions, readOffTopicQuestions, readVitestQuestions } from '../datasets.js';
import type { LogLine, Table } from '../markdown.js';
import type { PyFaqSet } from '../pyfaq.js';

export interface CalibrationCorpus {
  name: string;
  docs: SourceDocument[];
  answerable: string[];
  offTopic: string[];
}

/** The seeds, and the Vitest docs and the Python FAQ when they are on this machine. */
export function calibrationCorpora(vitestDocs: string, faq: PyFaqSet | null): CalibrationCorpus[] {
  const quiet = { warn: () => {} };
  const corpora: CalibrationCorpus[] = [{ name: 'seeds', docs: loadCorpus('seeds', quiet), answerable: readDevQuestions().map((q) => q.q), offTopic: readOffTopicQuestions() }];
  if (hasVitestDocs(vitestDocs)) corpora.push({ name: 'vitest', docs: loadCorpus(vitestDocs, quiet), answerable: readVitestQuestions().map((q) => q.q), offTopic: readCorpusOffTopic('vitest') });
  if (faq) corpora.push({ name: 'pyfaq', docs: loadCorpus(faq.corpusDir, quiet), answerable: faq.questions.map((q) => q.q), offTopic: readCorpusOffTopic('pyfaq') });
  return corpora;
}

export interface EvidenceVariant {
  name: string;
  features: readonly EvidenceName[];
}

export const PSEUDO_QUESTION_WORDS: readonly number[] = [8, QUESTION_WORDS, 20];

export const EVIDENCE_VARIANTS: readonly EvidenceVariant[] = [
  { name: CALIBRATION_FEATURES.join(', '), features: CALIBRATION_FEATURES },
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
    measured.push({ ...corpus, data, answerableEvidence: await evidenceOf(corpus.answerable), offTopicEvidence: await evidenceOf(corpus.offTopic) });
  }
  const rows: string[][] = [];
  for (const n of words) {
    for (const variant of variants) {
      const shipped = n === QUESTION_WORDS && variant.features === CALIBRATION_FEATURES;
      const cells = [`${n} words; ${variant.name}${shipped ? ' **(shipped)**' : ''}`];
      for (const m of measured) {
        const calibration = fitCalibration(m.data.get(n)!, variant.features);
        // A corpus too small to fit on stays uncalibrated: nothing is flagged.
        const flagged = (xs: Evidence[]) => (calibration ? xs.filter((e) => confidence(calibration, e) < 0.5).length : 0);
        cells.push(`${flagged(m.answerableEvidence)}/${m.answerable.length} · ${flagged(m.offTopicEvidence)}/${m.offTopic.length}`);
      }
      progress(cells.join(' | '));
      rows.push(cells);
    }
  }
  return { headers: ['pseudo-question length; evidence', ...measured.map((m) => `${m.name}: answerable flagged · off-topic flagged`)], rows };
}
