/**
 * WordPiece (BERT-style) tokenizer that reproduces the token ids `@xenova/transformers` produces
 * for a BERT `tokenizer.json` (added tokens split off → BertNormalizer → BertPreTokenizer →
 * greedy longest-match WordPiece → [CLS] … [SEP] → truncate), for static models distilled from
 * BERT-family teachers (MiniLM, bge, e5).
 *
 * Hand-written on purpose: it runs in the Worker on every question and must match transformers.js
 * id for id (see the parity test), including its quirks:
 * - CJK spacing tests UTF-16 code units, so astral ideographs are not spaced;
 * - the control-character test is transformers.js' regex (Cc at the start, Cf/Co anywhere, Cs at the end);
 * - truncation cuts the sequence after [CLS]/[SEP] were added (the end token can be cut off).
 */

export interface WordPieceJson {
  added_tokens?: Array<{ id: number; content: string; lstrip?: boolean; rstrip?: boolean }>;
  normalizer: { type: 'BertNormalizer'; clean_text?: boolean; handle_chinese_chars?: boolean; strip_accents?: boolean | null; lowercase?: boolean };
  pre_tokenizer: { type: 'BertPreTokenizer' };
  post_processor?: { type: 'TemplateProcessing'; single: Array<{ SpecialToken?: { id: string } } | { Sequence?: { id: string } }> } | null;
  model: { type: 'WordPiece'; vocab: Record<string, number>; unk_token: string; continuing_subword_prefix?: string; max_input_chars_per_word?: number };
}

const PUNCTUATION = '\\p{P}\\u0021-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E';
const PRE_TOKEN = new RegExp(`[^\\s${PUNCTUATION}]+|[${PUNCTUATION}]`, 'gu');
const CONTROL = /^\p{Cc}|\p{Cf}|\p{Co}|\p{Cs}$/u;
const SINGLE_WHITESPACE = /^\s$/;
const COMBINING_MARKS = /[\u0300-\u036f]/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isChinese(cp: number): boolean {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0xf900 && cp <= 0xfaff);
}

export class WordPieceTokenizer {
  readonly vocabSize: number;
  private readonly ids: Map<string, number>;
  private readonly unkId: number;
  private readonly prefix: string;
  private readonly maxChars: number;
  private readonly added: Map<string, number>;
  private readonly addedPattern: RegExp | null;
  /** Ids the post-processor puts before and after the text ([CLS] and [SEP]). */
  private readonly before: number[] = [];
  private readonly after: number[] = [];

  constructor(
    private readonly spec: WordPieceJson,
    private readonly options: { maxLength: number },
  ) {
    if (spec.model?.type !== 'WordPiece') throw new Error('tokenizer.json: model.type must be "WordPiece"');
    if (spec.normalizer?.type !== 'BertNormalizer' || spec.pre_tokenizer?.type !== 'BertPreTokenizer') throw new Error('tokenizer.json: a WordPiece model needs BertNormalizer and BertPreTokenizer');
    this.ids = new Map(Object.entries(spec.model.vocab));
    const added = spec.added_tokens ?? [];
    for (const t of added) this.ids.set(t.content, t.id);
    this.added = new Map(added.map((t) => [t.content, t.id]));
    this.addedPattern = added.length ? new RegExp(added.map((t) => `${t.lstrip ? '\\s*' : ''}(${escapeRegExp(t.content)})${t.rstrip ? '\\s*' : ''}`).join('|')) : null;
    this.vocabSize = Math.max(...this.ids.values()) + 1;
    const unk = this.ids.get(spec.model.unk_token);
    if (unk === undefined) throw new Error(`tokenizer.json: unknown token ${spec.model.unk_token} is not in the vocabulary`);
    this.unkId = unk;
    this.prefix = spec.model.continuing_subword_prefix ?? '##';
    this.maxChars = spec.model.max_input_chars_per_word ?? 100;
    let side = this.before;
    for (const item of spec.post_processor?.single ?? []) {
      if ('Sequence' in item && item.Sequence) side = this.after;
      else if ('SpecialToken' in item && item.SpecialToken) side.push(this.idOf(item.SpecialToken.id));
    }
  }

  private idOf(token: string): number {
    const id = this.ids.get(token);
    if (id === undefined) throw new Error(`tokenizer.json: special token ${token} is not in the vocabulary`);
    return id;
  }

  hasWord(word: string): boolean {
    return this.ids.has(word) && !this.added.has(word);
  }

  encode(text: string): number[] {
    const sections = this.addedPattern ? text.split(this.addedPattern).filter((x) => x) : [text];
    const ids: number[] = [...this.before];
    for (const section of sections) {
      const addedId = this.added.get(section);
      if (addedId !== undefined) {
        ids.push(addedId);
        continue;
      }
      const normalized = this.normalize(section);
      if (normalized.length === 0) continue;
      for (const word of normalized.trim().match(PRE_TOKEN) ?? []) this.wordPiece(word, ids);
    }
    ids.push(...this.after);
    return ids.length > this.options.maxLength ? ids.slice(0, this.options.maxLength) : ids;
  }

  /** BertNormalizer: drop controls, whitespace → space, space out CJK, lower case, strip accents. */
  normalize(text: string): string {
    const n = this.spec.normalizer;
    if (n.clean_text) {
      let out = '';
      for (const ch of text) {
        const cp = ch.charCodeAt(0);
        if (cp === 0 || cp === 0xfffd || (ch !== '\t' && ch !== '\n' && ch !== '\r' && CONTROL.test(ch))) continue;
        out += SINGLE_WHITESPACE.test(ch) ? ' ' : ch;
      }
      text = out;
    }
    if (n.handle_chinese_chars) {
      let out = '';
      for (let i = 0; i < text.length; i++) out += isChinese(text.charCodeAt(i)) ? ` ${text[i]} ` : text[i];
      text = out;
    }
    if (n.lowercase) {
      text = text.toLowerCase();
      if (n.strip_accents !== false) text = text.normalize('NFD').replace(COMBINING_MARKS, '');
    } else if (n.strip_accents) {
      text = text.normalize('NFD').replace(COMBINING_MARKS, '');
    }
    return text;
  }

  /** Greedy longest-match-first over code points; a word with no segmentation is one [UNK]. */
  private wordPiece(word: string, out: number[]): void {
    const chars = [...word];
    if (chars.length > this.maxChars) {
      out.push(this.unkId);
      return;
    }
    const pieces: number[] = [];
    let start = 0;
    while (start < chars.length) {
      let end = chars.length;
      let found = -1;
      while (start < end) {
        const piece = (start > 0 ? this.prefix : '') + chars.slice(start, end).join('');
        const id = this.ids.get(piece);
        if (id !== undefined) {
          found = id;
          break;
        }
        end--;
      }
      if (found < 0) {
        out.push(this.unkId);
        return;
      }
      pieces.push(found);
      start = end;
    }
    out.push(...pieces);
  }
}
