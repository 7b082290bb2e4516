/**
 * Technical training text for the distillation: the prose paragraphs of Debian's documentation
 * packages (git-doc, postgresql-doc, sqlite3-doc), split into sentences. General English comes from
 * WordNet (wordnet.ts) and, optionally, prose.ts; this adds how software documentation is phrased.
 * Never an evaluation set: the Python documentation (the Python FAQ is a dev set) and Hono's
 * documentation are not read.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { countWords, splitSentences } from '../core/sentences/index.js';

/** Debian package → folder of HTML pages it installs. */
export const DOC_PACKAGES: Record<string, string> = {
  'git-doc': '/usr/share/doc/git-doc',
  'postgresql-doc': '/usr/share/doc/postgresql-doc-15/html',
  'sqlite3-doc': '/usr/share/doc/sqlite3-doc',
};

/** Which elements hold a paragraph: <p> for most generators (Publican, the handbook's, writes <div class="para">). */
export type ParagraphTest = Parameters<typeof DomUtils.findAll>[0];
export const HTML_PARAGRAPH: ParagraphTest = (element) => element.name === 'p';

const MIN_WORDS = 5;
const MAX_WORDS = 60;

/** Throws naming the apt packages to install when one of the folders is not there. */
export function requireInstalled(packages: Record<string, string>, what: string): void {
  const missing = Object.entries(packages).filter(([, path]) => !existsSync(path));
  if (missing.length) throw new Error(`${what} not found (${missing.map(([p, d]) => `${p} in ${d}`).join(', ')}): install it with "apt-get install ${missing.map(([p]) => p).join(' ')}"`);
}

/** Adds each of `text`'s sentences of 5–60 words to `out`, once (`seen` holds those already taken). */
export function addSentences(text: string, seen: Set<string>, out: string[]): void {
  for (const span of splitSentences(text)) {
    const sentence = text.slice(span.start, span.end);
    const words = countWords(sentence);
    if (words < MIN_WORDS || words > MAX_WORDS || seen.has(sentence)) continue;
    seen.add(sentence);
    out.push(sentence);
  }
}

export interface PageSelection {
  /** Which pages of the folders are read (default: every .html). */
  isPage?: (file: string) => boolean;
  isParagraph?: ParagraphTest;
}

/**
 * Sentences of every paragraph of every page, in sorted file order (deterministic for given package
 * versions), whitespace collapsed, 5–60 words, each kept once.
 */
export function readDocSentences(packages = DOC_PACKAGES, { isPage = (f) => f.endsWith('.html'), isParagraph = HTML_PARAGRAPH }: PageSelection = {}): string[] {
  requireInstalled(packages, 'documentation');
  const seen = new Set<string>();
  const out: string[] = [];
  for (const dir of Object.values(packages)) {
    const pages = (readdirSync(dir, { recursive: true }) as string[]).filter(isPage).sort();
    for (const page of pages) {
      const document = parseDocument(readFileSync(join(dir, page), 'utf8'));
      for (const paragraph of DomUtils.findAll(isParagraph, document.children)) {
        addSentences(DomUtils.textContent(paragraph).replace(/\s+/g, ' ').trim(), seen, out);
      }
    }
  }
  return out;
}
