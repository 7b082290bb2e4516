/**
 * The Worker's tokenizers: exact ports of what transformers.js does for a model's tokenizer.json,
 * chosen by its model type — Unigram (SentencePiece teachers such as USE or XLM-R) or WordPiece
 * (BERT-family teachers such as MiniLM, bge, e5).
 */
import { UnigramTokenizer, type TokenizerJson as UnigramJson } from './unigram.js';
import { WordPieceTokenizer, type WordPieceJson } from './wordpiece.js';

export { UnigramTokenizer, WordPieceTokenizer };
export type TokenizerJson = UnigramJson | WordPieceJson;

export interface Tokenizer {
  readonly vocabSize: number;
  /** Token ids, exactly as transformers.js produces them (truncation included). */
  encode(text: string): number[];
  /** Whether a lower-case word is one whole piece of the vocabulary (an everyday word or a common name). */
  hasWord(word: string): boolean;
}

export function createTokenizer(spec: TokenizerJson, options: { maxLength: number }): Tokenizer {
  switch (spec.model?.type) {
    case 'Unigram':
      return new UnigramTokenizer(spec as UnigramJson, options);
    case 'WordPiece':
      return new WordPieceTokenizer(spec as WordPieceJson, options);
    default:
      throw new Error(`tokenizer.json: model type ${JSON.stringify((spec as { model?: { type?: unknown } }).model?.type)} is not supported (Unigram or WordPiece)`);
  }
}
