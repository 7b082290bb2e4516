/** The index artifact (src/core/artifact): what the indexer writes is exactly what the Worker reads. */
import { describe, expect, it } from 'vitest';
import { ARTIFACT_FORMAT_VERSION, ArtifactError, decodeArtifact, encodeArtifact, type IndexArtifact } from '../../src/core/artifact/index.js';
import { buildLexicalIndex, DEFAULT_LEXICAL } from '../../src/core/lexical/index.js';
import { quantize } from '../../src/core/vector/index.js';
import { clusteredVectors } from '../support/vectors.js';

const texts = ['Kim met Putin in Pyongyang.', 'Putin signed the treaty; Kim signed it too.', 'Nothing about them here.', 'Pyongyang hosted a parade for Kim.'];

function sampleArtifact(): IndexArtifact {
  return {
    manifest: {
      format_version: ARTIFACT_FORMAT_VERSION,
      build_id: 'test',
      model: { id: 'm', hash: 'h', dims: 5, kind: 'static', pooling: 'mean', query_prefix: '', passage_prefix: '' },
      counts: { documents: 1, passages: texts.length },
      chunking: { min_words: 1, max_words: 2 },
      hnsw: { M: 16, efConstruction: 100, seed: 1, space: 'ip' },
      lexical: DEFAULT_LEXICAL,
      vectors: 'bundled',
      embed_context: 'none',
      calibration: { weights: { cosine: 9, coverage: 3, unseen: -4, margin: 2, agreement: 1 }, bias: -5, fitted_on: { questions: 20, probes: 290 }, in_sample: { questions_flagged: 0.1, probes_answered: 0.05 } },
      site: null,
      sources: [{ source: 'd.txt', sha256: '0'.repeat(64), bytes: 10 }],
    },
    documents: [{ doc_id: 'd', source: 'd.txt', format: 'text', title: 'T', title_derived: false, author: null, url: null, metadata: null }],
    passages: texts.map((text, i) => ({ id: `d:${i + 1}`, doc: 0, section: null, heading_path: [], anchor: null, paragraph: i + 1, char_start: 0, char_end: text.length, text, excerpt: null })),
    vectors: quantize(clusteredVectors(texts.length, 5, 2, 1).flat, 5),
    lexical: buildLexicalIndex(texts.map((text) => ({ text, title: 'T', section: null })), DEFAULT_LEXICAL),
    graph: { entryPoint: 0, levels: [{ offsets: new Uint32Array([0, 1, 2, 3, 4]), neighbours: new Uint32Array([1, 0, 3, 2]) }] },
  };
}

describe('index artifact', () => {
  it('decodes to the same vectors, postings and graph it was encoded from', () => {
    const artifact = sampleArtifact();
    const decoded = decodeArtifact(encodeArtifact(artifact).buffer as ArrayBuffer);
    expect([...decoded.passages]).toEqual(artifact.passages);
    expect(Array.from(decoded.vectors.codes)).toEqual(Array.from(artifact.vectors.codes));
    expect(Array.from(decoded.vectors.scales)).toEqual(Array.from(artifact.vectors.scales));
    expect(Array.from(decoded.vectors.signs)).toEqual(Array.from(artifact.vectors.signs));
    expect([...decoded.lexical.terms]).toEqual([...artifact.lexical.terms]);
    expect(Array.from(decoded.lexical.offsets)).toEqual(Array.from(artifact.lexical.offsets));
    expect(Array.from(decoded.lexical.passages)).toEqual(Array.from(artifact.lexical.passages));
    expect(Array.from(decoded.lexical.frequencies)).toEqual(Array.from(artifact.lexical.frequencies));
    expect(Array.from(decoded.graph.levels[0].neighbours)).toEqual([1, 0, 3, 2]);
  });

  it('re-encodes byte for byte', () => {
    const bytes = encodeArtifact(sampleArtifact());
    expect(encodeArtifact(decodeArtifact(bytes.slice().buffer as ArrayBuffer))).toEqual(bytes);
  });

  it('refuses a file from another format version with the way out in the message', () => {
    const bytes = encodeArtifact(sampleArtifact());
    new DataView(bytes.buffer).setUint32(4, ARTIFACT_FORMAT_VERSION - 1, true);
    expect(() => decodeArtifact(bytes.buffer as ArrayBuffer)).toThrow(ArtifactError);
    expect(() => decodeArtifact(bytes.buffer as ArrayBuffer)).toThrow(/rebuild the index/);
  });

  it('refuses a truncated file', () => {
    const bytes = encodeArtifact(sampleArtifact());
    expect(() => decodeArtifact(bytes.slice(0, bytes.length - 8).buffer as ArrayBuffer)).toThrow(/runs past the end/);
  });
});
