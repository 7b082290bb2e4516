/**
 * Writes the teacher's SentencePiece vocabulary as a Hugging Face `tokenizer.json` (Unigram)
 * that both transformers.js and the Worker's tokenizer read.
 */
import type { TokenizerJson } from '../core/tokenizer/unigram.js';

/** The teacher reserves its first pieces for control symbols; they never carry text. */
export const RESERVED_PIECES = ['<unk>', '<s>', '</s>', '<extra_1>', '<extra_2>', '<extra_3>'];

export function buildTokenizerJson(vocabulary: Array<[string, number]>): TokenizerJson & Record<string, unknown> {
  const content = vocabulary.slice(RESERVED_PIECES.length);
  const minScore = Math.min(...content.map(([, s]) => s));
  const vocab: Array<[string, number]> = [
    ...RESERVED_PIECES.map((piece): [string, number] => [piece, minScore]),
    ...content.map(([piece, score]): [string, number] => [piece, score]),
  ];
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [],
    normalizer: {
      type: 'Sequence',
      normalizers: [
        { type: 'NFKC' },
        { type: 'Replace', pattern: { Regex: '\\s+' }, content: ' ' },
        { type: 'Strip', strip_left: true, strip_right: true },
      ],
    },
    pre_tokenizer: { type: 'Metaspace', replacement: '\u2581', add_prefix_space: true },
    post_processor: null,
    decoder: { type: 'Metaspace', replacement: '\u2581', add_prefix_space: true },
    model: { type: 'Unigram', unk_id: 0, vocab },
  };
}
