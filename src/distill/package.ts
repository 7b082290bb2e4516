/**
 * Lays the static model out the way `@xenova/transformers` loads a model from disk
 * (`env.localModelPath` + name): config.json, tokenizer.json, tokenizer_config.json and
 * onnx/model_quantized.onnx. Derived deterministically from the committed weights, so it is
 * regenerated when needed rather than committed twice: the parity tests run it through
 * transformers.js against the TypeScript encoder, and `--model` can be tried on it. The indexer
 * itself embeds with the TypeScript encoder.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeModelWeights, type ModelManifest } from '../core/model/index.js';
import { exportOnnx } from './onnx.js';
import { toArrayBuffer } from '../core/bytes.js';

export function writeTransformersPackage(modelDir: string, outDir: string): string {
  const manifest = JSON.parse(readFileSync(join(modelDir, 'manifest.json'), 'utf8')) as ModelManifest;
  const bytes = readFileSync(join(modelDir, 'weights.bin'));
  const weights = decodeModelWeights(toArrayBuffer(bytes));
  mkdirSync(join(outDir, 'onnx'), { recursive: true });
  const tokenizer = readFileSync(join(modelDir, 'tokenizer.json'));
  const wordPiece = (JSON.parse(tokenizer.toString('utf8')) as { model: { type: string } }).model.type === 'WordPiece';
  writeFileSync(join(outDir, 'tokenizer.json'), tokenizer);
  writeFileSync(join(outDir, 'tokenizer_config.json'), JSON.stringify(wordPiece ? bertTokenizerConfig(manifest) : tokenizerConfig(manifest), null, 2));
  writeFileSync(join(outDir, 'config.json'), JSON.stringify(bertShapedConfig(manifest, wordPiece ? 0 : 2), null, 2));
  writeFileSync(join(outDir, 'onnx', 'model_quantized.onnx'), exportOnnx(weights));
  return outDir;
}

function tokenizerConfig(manifest: ModelManifest) {
  return {
    tokenizer_class: 'PreTrainedTokenizer',
    model_max_length: manifest.max_length,
    // A pad token makes batches work; padded positions are masked out of the mean.
    pad_token: '</s>',
    unk_token: '<unk>',
    clean_up_tokenization_spaces: false,
  };
}

/** A WordPiece model (distilled from a BERT-family teacher) keeps the teacher's special tokens. */
function bertTokenizerConfig(manifest: ModelManifest) {
  return {
    tokenizer_class: 'BertTokenizer',
    model_max_length: manifest.max_length,
    do_lower_case: true,
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    mask_token: '[MASK]',
    clean_up_tokenization_spaces: true,
  };
}

function bertShapedConfig(manifest: ModelManifest, padTokenId: number) {
  return {
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: manifest.dims,
    vocab_size: manifest.vocab_size,
    max_position_embeddings: manifest.max_length,
    num_hidden_layers: 0,
    num_attention_heads: 1,
    pad_token_id: padTokenId,
    _static_model_id: manifest.id,
    _static_model_hash: manifest.hash,
  };
}
