/**
 * Property-based fuzzing of the indexer's Markdown and HTML parsers through passagesOf
 * with the default chunker: generated pages, deeply nested and large ones included. Every page is
 * either indexed with passages that slice the source verbatim within the passage cap, or skipped
 * with its name and why.
 * Never a throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PASSAGE_CHARS, MAX_PASSAGE_WORDS } from '../../src/core/records.js';
import { countWords } from '../../src/core/sentences/index.js';
import { passagesOf } from '../../src/indexing/index.js';
import type { SourceDocument, SourceFormat } from '../../src/indexing/load/index.js';

const EXTENSIONS: Record<SourceFormat, string> = { markdown: 'md', html: 'html', text: 'txt' };

/** Text that tends to break parsers: entities, escapes, emoji, RTL, zero-width, lone surrogates, CR. */
const word = fc.oneof(
  fc.constantFrom('word', 'Routing', 'the', 'café', '🚀', 'مرحبا', '\u200b', '\ud800', '&amp;', '&lt;', '&#x1F600;', '&bogus;', '\\*', '\\', '`', '``', '~', '|', ':', '{#id}', '[!NOTE]', '\r', '\t', 'a_b', '**', '_', '<', '>'),
  fc.string({ maxLength: 8 }),
);
const words = fc.array(word, { minLength: 1, maxLength: 12 }).map((w) => w.join(' '));
const inline = fc.oneof(
  words,
  words.map((w) => `**${w}**`),
  words.map((w) => `_${w}_`),
  words.map((w) => `\`${w}\``),
  words.map((w) => `[${w}](https://example.com/${w.length})`),
  words.map((w) => `![${w}](x.png)`),
  words.map((w) => `<span>${w}</span>`),
  words.map((w) => `<Tabs items={['a', {b: 1}]}>${w}</Tabs>`),
);
const paragraph = fc.array(inline, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(' '));

/** One Markdown block: the constructs pages use, and containers nested to a generated depth. */
const markdownBlock = fc.oneof(
  paragraph,
  fc.tuple(fc.integer({ min: 1, max: 7 }), paragraph).map(([depth, text]) => `${'#'.repeat(depth)} ${text}`),
  fc.tuple(fc.integer({ min: 1, max: 12 }), paragraph).map(([depth, text]) => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- ${text}`).join('\n')),
  fc.tuple(fc.integer({ min: 1, max: 8 }), paragraph).map(([depth, text]) => `${'> '.repeat(depth)}${text}`),
  fc.tuple(fc.constantFrom('```', '~~~', '````'), fc.constantFrom('', 'ts', 'c'), paragraph).map(([fence, info, code]) => `${fence}${info}\n${code}\n${fence}`),
  paragraph.map((text) => `    ${text}`),
  fc.array(paragraph, { minLength: 1, maxLength: 3 }).map((cells) => `| ${cells.join(' | ')} |\n|${cells.map(() => '---').join('|')}|\n| ${cells.join(' | ')} |`),
  paragraph.map((text) => `::: tip ${text}\n${text}\n:::`),
  paragraph.map((text) => `<div>\n${text}\n</div>`),
  paragraph.map((text) => `<!-- ${text} -->`),
  fc.constantFrom('import X from "y"', 'export const meta = {}', '***', '---', '[ref]: https://example.com', '[^1]: A footnote.', '- [ ] task', '1. one\n2. two'),
);

/** Nesting and sizes far past what pages have: each must be indexed or skipped, quickly. */
const deepMarkdown = fc.oneof(
  fc.integer({ min: 1, max: 3000 }).map((n) => `${'- '.repeat(n)}item`),
  fc.integer({ min: 1, max: 12_000 }).map((n) => `${'>'.repeat(n)} quoted`),
  fc.integer({ min: 1, max: 400 }).map((n) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')),
  fc.integer({ min: 1, max: 2000 }).map((n) => `${'*'.repeat(n)}x${'*'.repeat(n)}`),
  fc.integer({ min: 1, max: 1000 }).map((n) => `${'**a '.repeat(n)}${'b** '.repeat(n)}`),
  fc.integer({ min: 1, max: 2000 }).map((n) => `${'[a '.repeat(n)}${'b] '.repeat(n)}`),
  fc.integer({ min: 1, max: 3000 }).map((n) => '_a b* '.repeat(n)),
  fc.integer({ min: 1, max: 100 }).map((n) => `${'- '.repeat(n)}x\nlazy\n${'  '.repeat(n)}${'- '.repeat(n)}y`),
);

const frontMatter = fc.oneof(
  fc.constant(''),
  words.map((w) => `---\ntitle: ${JSON.stringify(w)}\ntags: [a, b]\n---\n`),
  fc.constantFrom('---\ntitle: [unclosed\nx: : :\n---\n', '---\n- a list\n---\n', '---\njust a string\n---\n', '---\n---\n', `---\na: &a [1,1,1,1,1,1,1,1,1]\nb: &b [${Array(9).fill('*a').join(',')}]\nc: [${Array(9).fill('*b').join(',')}]\n---\n`),
);

const lineEnding = fc.constantFrom('\n', '\r\n', '\r');

const markdownPage = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(frontMatter, fc.array(markdownBlock, { maxLength: 12 }), lineEnding).map(([front, blocks, eol]) => front + blocks.join('\n\n').replaceAll('\n', eol)) },
  { weight: 2, arbitrary: fc.tuple(fc.array(markdownBlock, { maxLength: 4 }), deepMarkdown).map(([blocks, deep]) => `${blocks.join('\n\n')}\n\n${deep}\n`) },
  // Large: one long page of ordinary blocks.
  { weight: 1, arbitrary: fc.array(markdownBlock, { minLength: 1, maxLength: 5 }).map((blocks) => Array(12).fill(blocks.join('\n\n')).join('\n\n')) },
);

const TAGS = ['div', 'p', 'main', 'article', 'body', 'template', 'noscript', 'script', 'style', 'nav', 'header', 'footer', 'aside', 'h1', 'h2', 'h3', 'pre', 'code', 'ul', 'li', 'table', 'td', 'svg', 'title', 'span', 'a', 'form', 'blockquote'];
type HtmlNode = string | { tag: string; id: boolean; children: HtmlNode[] };
const { htmlNode } = fc.letrec<{ htmlNode: HtmlNode }>((tie) => ({
  htmlNode: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    words,
    fc.record({ tag: fc.constantFrom(...TAGS), id: fc.boolean(), children: fc.array(tie('htmlNode'), { maxLength: 4 }) }),
  ),
}));
/** Serialised with the odd unclosed tag, as hand-written pages have. */
const serialise = (node: HtmlNode, unclosed: boolean): string =>
  typeof node === 'string' ? node : `<${node.tag}${node.id ? ' id="x"' : ''}>${node.children.map((c) => serialise(c, unclosed)).join('')}${unclosed && node.tag === 'p' ? '' : `</${node.tag}>`}`;

const deepHtml = fc.oneof(
  fc.tuple(fc.constantFrom('div', 'span', 'li', 'main', 'template'), fc.integer({ min: 1, max: 10_000 })).map(([tag, n]) => `${`<${tag}>`.repeat(n)}<p>deep words.</p>${`</${tag}>`.repeat(n)}`),
  fc.integer({ min: 1, max: 10_000 }).map((n) => `${'<div>'.repeat(n)}<p>unclosed${'</span>'.repeat(n)}`),
);

const htmlPage = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.array(htmlNode, { maxLength: 6 }), fc.boolean(), fc.boolean()).map(([nodes, unclosed, wrapped]) => {
    const body = nodes.map((n) => serialise(n, unclosed)).join('\n');
    return wrapped ? `<!doctype html><html><head><title>T</title></head><body>${body}</body></html>` : body;
  }) },
  { weight: 2, arbitrary: deepHtml.map((deep) => `<html><body>${deep}</body></html>`) },
  { weight: 1, arbitrary: fc.array(htmlNode, { minLength: 1, maxLength: 4 }).map((nodes) => `<main>${Array(30).fill(nodes.map((n) => serialise(n, false)).join('')).join('\n')}</main>`) },
);

/** Indexes one generated page and checks every passage against its source. */
function checkPage(format: SourceFormat, text: string): void {
  const source = `page.${EXTENSIONS[format]}`;
  const doc: SourceDocument = { id: 'page', source, text, sha256: '', format };
  const { documents, passages, empty, warnings } = passagesOf([doc]);
  const skipped = warnings.filter((w) => w.startsWith(`skipped ${source}: `));
  // Exactly one outcome: indexed, empty after cleaning, or skipped with a reason.
  expect(documents.length + empty.length + skipped.length).toBe(1);
  for (const w of skipped) expect(w.length).toBeGreaterThan(`skipped ${source}: `.length);
  for (const p of passages) {
    expect(p.char_start).toBeGreaterThanOrEqual(0);
    expect(p.char_end).toBeGreaterThan(p.char_start);
    expect(p.char_end).toBeLessThanOrEqual(text.length);
    expect(p.text).toBe(text.slice(p.char_start, p.char_end));
    // The words a passage holds are its reader's (markup is no words); its verbatim text is bounded in characters.
    expect(countWords(p.excerpt ?? p.text)).toBeLessThanOrEqual(MAX_PASSAGE_WORDS);
    expect(p.text.length).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
    const words = p.excerpt ?? p.text;
    for (const [start, end] of p.code ?? []) {
      expect(start).toBeGreaterThanOrEqual(0);
      expect(end).toBeLessThanOrEqual(words.length);
    }
  }
}

describe('fuzzing the parsers', () => {
  it('index every generated Markdown page with passages that slice it verbatim, or skip it with a reason', () => {
    fc.assert(fc.property(markdownPage, (text) => checkPage('markdown', text)), { numRuns: 80, seed: 20261124 });
  });

  it('index every generated HTML page with passages that slice it verbatim, or skip it with a reason', () => {
    fc.assert(fc.property(htmlPage, (text) => checkPage('html', text)), { numRuns: 200, seed: 20261124 });
  });
});
