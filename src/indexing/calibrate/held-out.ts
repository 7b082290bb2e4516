/**
 * The confidence evidence for a question as if some passages were not in the index: how the build
 * calibrates on the corpus's own sentences and headings without them finding themselves. Only the
 * calibration asks this, so it lives here, over the engine's parts, not on the engine the Worker runs.
 */
import { evidence, EVIDENCE_DEPTH, type Evidence } from '../../core/confidence/index.js';
import type { ArtifactManifest } from '../../core/artifact/index.js';
import type { QueryEncoder } from '../../core/encoder/index.js';
import type { LexicalSearcher } from '../../core/lexical/index.js';
import { analyse } from '../../core/search/candidates.js';
import type { VectorStore } from '../../core/vector/index.js';

/** What held-out evidence reads of an engine (a `SearchEngine` has all three). */
export interface EvidenceSources {
  encoder: QueryEncoder;
  vectors: VectorStore;
  lexical: LexicalSearcher;
  /** The index's manifest says how its vectors' text was written (identifiers spelled out or not). */
  artifact?: { manifest: Pick<ArtifactManifest, 'embed_identifiers'> };
}

export async function heldOutEvidence({ encoder, vectors, lexical, artifact }: EvidenceSources, query: string, held: ReadonlySet<number> = new Set()): Promise<Evidence> {
  const question = await analyse(query, encoder, lexical, artifact?.manifest.embed_identifiers === 'spelled');
  const terms = lexical.withoutPassages(question.terms, held);
  // Ask deeper by the number held out, so that dropping them still leaves EVIDENCE_DEPTH.
  const depth = EVIDENCE_DEPTH + held.size;
  const keep = (h: { index: number }) => !held.has(h.index);
  const semantic = (await vectors.nearest(question.vector, depth)).filter(keep);
  const found = lexical.search(terms, depth).filter(keep);
  return evidence(lexical, { terms, semantic, lexical: found, query, everyday: encoder.isEverydayWord });
}
