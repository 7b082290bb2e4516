import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildLexicalIndex, DEFAULT_LEXICAL, lexicalDocuments } from '../../../src/core/lexical/index.js';
import { passagesOf } from '../../../src/indexing/index.js';
import { loadCorpus, type SourceDocument } from '../../../src/indexing/load/index.js';
import { MAX_YAML_ALIASES, markdownStructure } from '../../../src/indexing/parse/markdown.js';
import { deepNesting } from '../../../src/indexing/parse/markdown-nesting.js';

const ROOT = 'test/fixtures/docs';
const { documents, passages } = passagesOf(loadCorpus(ROOT));
const doc = (id: string) => documents.find((d) => d.doc_id === id)!;
const passagesOfDoc = (id: string) => passages.filter((p) => documents[p.doc].doc_id === id);
const terms = new Set(buildLexicalIndex(lexicalDocuments({ passages, documents }), DEFAULT_LEXICAL).terms);

describe('Markdown pages', () => {
  it('take their title from front matter, else from the first H1, and keep front matter as metadata, not text', () => {
    expect(doc('index').title).toBe('Getting started');
    expect(doc('guide.routing').title).toBe('Routing');
    expect(doc('guide.widget').title).toBe('Embedding the widget');
    expect(doc('index').metadata).toEqual({ title: 'Getting started', description: 'Install the service and ask it a first question.', tags: ['intro', 'setup'] });
    for (const p of passages) expect(p.text).not.toContain('description:');
  });

  it('slice the source verbatim for every passage', () => {
    for (const p of passages) {
      const source = readFileSync(join(ROOT, documents[p.doc].source), 'utf8');
      expect(source.slice(p.char_start, p.char_end)).toBe(p.text);
    }
  });

  it('turn headings into sections with a heading path and GitHub/VitePress anchors, {#custom-id} honoured', () => {
    const routing = passagesOfDoc('guide.routing');
    expect(routing.map((p) => [p.heading_path, p.anchor])).toEqual([
      [[], null],
      [['Path parameters'], 'params'],
      [['Path parameters', 'Optional parameters'], 'optional-parameters'],
    ]);
    expect(passagesOfDoc('index').map((p) => p.anchor)).toEqual(['welcome-to-the-service', 'install', 'install-1']);
  });

  it('keep code fences in the passage and its indexed words, and never read a code comment as a heading', () => {
    const code = passagesOfDoc('guide.routing')[1];
    expect(code.text).toContain('```ts');
    expect(code.excerpt).toContain("app.get('/users/:id'");
    expect(code.section).toBe('Path parameters');
    expect(terms.has('param')).toBe(true);
  });

  it('mark which of a passage\'s indexed words are code, so readers can be shown code as code', () => {
    const routing = passagesOfDoc('guide.routing').find((p) => p.code)!;
    const words = routing.excerpt ?? routing.text;
    const code = routing.code!.map(([start, end]) => words.slice(start, end));
    expect(code).toEqual(expect.arrayContaining(['/users/:id', '/users/42']));
    expect(code.some((c) => c.includes("app.get('/users/:id'"))).toBe(true);
    // Prose is never marked as code.
    expect(code.some((c) => c.includes('Capture a segment'))).toBe(false);
    // Plain-text articles have no code ranges.
    expect(passagesOf(loadCorpus('seeds')).passages.every((p) => p.code === undefined)).toBe(true);
  });

  it('weigh code against prose in BM25 when a code weight is set, and leave it as prose by default', () => {
    const docs = lexicalDocuments({ passages, documents });
    const tf = (weight: number | undefined, term: string) => {
      const index = buildLexicalIndex(docs, { ...DEFAULT_LEXICAL, codeWeight: weight });
      const t = index.terms.lookup(term);
      const routing = passages.findIndex((p) => p.code && documents[p.doc].doc_id === 'guide.routing');
      for (let k = index.offsets[t]; k < index.offsets[t + 1]; k++) if (index.passages[k] === routing) return index.frequencies[k];
      return 0;
    };
    // "param" occurs only in the code block (c.req.param): its weight follows codeWeight.
    expect(tf(2, 'param')).toBe(2 * tf(undefined, 'param'));
    expect(tf(0.5, 'param')).toBe(0.5 * tf(undefined, 'param'));
    expect(tf(2, 'capture')).toBe(tf(undefined, 'capture'));
  });

  it('index no markup: HTML comments, container lines, alert markers, link URLs, MDX imports/exports and JSX tags', () => {
    for (const word of ['zebracomment', 'tip', 'warning', 'https', 'sidebar', 'tabs', 'components']) expect(terms.has(word), word).toBe(false);
    const install = passagesOfDoc('index')[1];
    expect(install.excerpt).toBe('Run the installer once. It needs Node 22 or newer.\nUse npm ci in continuous integration: it never rewrites the lockfile.\nNever commit your API token to the repository.');
    expect(passagesOfDoc('guide.routing')[2].excerpt).toBe('Add a question mark to make a parameter optional, see the reference.');
    expect(passagesOfDoc('guide.widget')[0].excerpt).toBe('Install the widget with your package manager of choice and import it once.\nThe element is framework-free and works in any page.');
  });

  it('index a line starting with "By default" (no news-boilerplate rule applies to Markdown)', () => {
    expect(passagesOfDoc('index')[0].text).toBe('By default, the service uses the bundled index and answers on port 8787.');
  });

  it('cite sources relative to the input root', () => {
    expect(documents.map((d) => d.source).sort()).toEqual(['guide/routing.md', 'guide/widget.mdx', 'index.md']);
  });

  it('give each window of a long paragraph exactly its own words', () => {
    const sentences = Array.from({ length: 30 }, (_, i) => `Sentence number ${i} explains the **option** \`flag${i}\` in some detail here.`);
    const source = `# Long\n\n${sentences.join(' ')}\n`;
    const dir = mkdtempSync(join(tmpdir(), 'long-md-'));
    writeFileSync(join(dir, 'long.md'), source);
    const long = passagesOf(loadCorpus(dir)).passages;
    expect(long.length).toBeGreaterThan(1);
    const words = long.map((p) => p.excerpt ?? p.text).join(' ');
    for (let i = 0; i < 30; i++) expect(words.split(`flag${i} `).length - 1, `flag${i}`).toBe(1);
    expect(words).not.toContain('**');
  });

  it('give each window of a long code block its own lines of code, never nothing', () => {
    // Sentence-like comments: the chunker cuts long blocks at sentence ends, code included.
    const lines = Array.from({ length: 60 }, (_, i) => `Value${i}.compute(${i}); // Step ${i} of the long example.`);
    const dir = mkdtempSync(join(tmpdir(), 'long-code-'));
    writeFileSync(join(dir, 'code.md'), `# Code\n\n\`\`\`ts\n${lines.join('\n')}\n\`\`\`\n`);
    const code = passagesOf(loadCorpus(dir)).passages;
    expect(code.length).toBeGreaterThan(1);
    for (const p of code) expect((p.excerpt ?? p.text).trim()).not.toBe('');
    const all = code.map((p) => p.excerpt ?? p.text).join('\n');
    for (let i = 0; i < 60; i++) expect(all.split(`Value${i}.`).length - 1, `Value${i}`).toBe(1);
  });

  it('derive a title from the first paragraph when there is neither front matter nor an H1', () => {
    const s = markdownStructure('Plain opening sentence of a page. More text follows here.\n\n## Later\n\nBody.');
    expect(s.title).toBe('Plain opening sentence of a page');
    expect(s.titleDerived).toBe(true);
  });
});

/** A page as the loader gives it, without a folder on disk. */
const page = (source: string, text: string): SourceDocument => ({ id: source.replace(/\.\w+$/, ''), source, text, sha256: '', format: 'markdown' });

describe('Markdown pages that cannot be read as written', () => {
  it('skip a page of thousands of nested list items, naming the file and why, instead of exhausting the stack', () => {
    const { documents: read, warnings } = passagesOf([page('deep/list.md', `${'- '.repeat(5000)}item\n`), page('ok.md', 'A page that is fine.\n')]);
    expect(warnings).toEqual(['skipped deep/list.md: lists or blockquotes nested more than 100 levels deep (line 1)']);
    expect(read.map((d) => d.source)).toEqual(['ok.md']);
  });

  it('skip a page of thousands of nested blockquote markers, naming the file and why', () => {
    const { documents: read, warnings } = passagesOf([page('deep/quote.md', `Intro.\n\n${'>'.repeat(5000)} quoted\n`)]);
    expect(warnings).toEqual(['skipped deep/quote.md: lists or blockquotes nested more than 100 levels deep (line 3)']);
    expect(read).toEqual([]);
  });

  it('warn, naming the file and the YAML error with its line in the file, when front matter is malformed, and index the page without metadata', () => {
    const { documents: read, warnings } = passagesOf([page('bad.md', '---\ntitle: [unclosed\nx: : :\n---\n\n# Bad front matter\n\nThe body is still indexed.\n')]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^bad\.md: front matter ignored \(line 3: .*\): the page has no metadata$/);
    expect(read.map((d) => [d.title, d.metadata])).toEqual([['Bad front matter', null]]);
  });

  it('leave out front matter whose aliases expand exponentially (an alias bomb), with a warning naming the file', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [name, previous] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e']]) levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    const { documents: read, warnings } = passagesOf([page('bomb.md', `---\ntitle: Bomb\n${levels.join('\n')}\n---\n\nThe body of the page.\n`)]);
    expect(warnings).toEqual([`bomb.md: front matter ignored (its YAML aliases expand more than the limit of ${MAX_YAML_ALIASES} allows): the page has no metadata`]);
    expect(read.map((d) => d.metadata)).toEqual([null]);
  });

  it('say nothing about front matter that is fine, empty, or absent', () => {
    const { warnings } = passagesOf([page('a.md', '---\ntitle: A\ntags: [x, y]\n---\n\nBody.\n'), page('b.md', '---\n---\n\nBody.\n'), page('c.md', 'Body.\n')]);
    expect(warnings).toEqual([]);
  });
});

describe('the nesting pre-scan', () => {
  it('passes lists, quotes, emphasis and code nested as deep as real pages are', () => {
    const list = Array.from({ length: 12 }, (_, i) => `${'  '.repeat(i)}- level ${i} with **bold** and _emphasis_ and a [link](x)`).join('\n');
    const quotes = Array.from({ length: 8 }, (_, i) => `${'> '.repeat(i + 1)}quoted **${i}**`).join('\n');
    const code = `\`\`\`c\n${Array.from({ length: 150 }, (_, i) => `int *p${i} = *q; a[${i}] = b_${i} * c;`).join('\n')}\n\`\`\``;
    const deepCode = `\`\`\`\n${Array.from({ length: 50 }, (_, i) => `${' '.repeat(300)}line ${i}`).join('\n')}\n\`\`\``;
    for (const source of [list, quotes, code, deepCode, 'Password: ******** and 2 * 3 * 4 = 24.']) expect(deepNesting(source)).toBeNull();
  });

  it('counts containers kept open by indentation, and by lazy continuation lines', () => {
    const indented = Array.from({ length: 120 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n');
    expect(deepNesting(indented)).toBe('lists or blockquotes nested more than 100 levels deep (line 101)');
    // The lazy line keeps 90 list items open; the next line continues them and opens 90 more.
    const lazy = `${'- '.repeat(90)}x\nlazy\n${'  '.repeat(90)}${'- '.repeat(90)}y\n`;
    expect(deepNesting(lazy)).toBe('lists or blockquotes nested more than 100 levels deep (line 3)');
  });

  it('finds emphasis and links nested hundreds deep in one paragraph, however they are spread over lines', () => {
    expect(deepNesting(`${'**a '.repeat(300)}${'b** '.repeat(300)}`)).toBe('emphasis or links nested more than 200 levels deep in one paragraph (line 1)');
    expect(deepNesting(`${'*'.repeat(3000)}x${'*'.repeat(3000)}`)).toMatch(/^emphasis or links nested/);
    expect(deepNesting(`${'[a\n'.repeat(300)}${'b]\n'.repeat(300)}`)).toBe('emphasis or links nested more than 200 levels deep in one paragraph (line 301)');
    // A blank line ends the paragraph and what it left open.
    expect(deepNesting(`${'**a '.repeat(150)}\n\n${'b** '.repeat(150)}`)).toBeNull();
  });

  it('finds thousands of closers that close nothing in one paragraph (micromark looks back through all of it for each)', () => {
    expect(deepNesting('_a b* '.repeat(5000))).toBe('too many emphasis markers or brackets that close nothing in one paragraph (line 1)');
    expect(deepNesting('a] '.repeat(5000))).toMatch(/^too many emphasis markers or brackets that close nothing/);
    expect(deepNesting('a] b*\n\n'.repeat(5000))).toBeNull();
  });
});
