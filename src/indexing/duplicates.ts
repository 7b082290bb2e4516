/**
 * Pages indexed more than once: a generator project folder holds the Markdown sources beside the
 * site built from them (MkDocs' docs/ and site/, Sphinx's source/ and _build/html/), or a folder
 * holds two copies of a site. Every copy is indexed and cited, so each answer comes back two or
 * three times; the build says so once, with the fix, and drops nothing itself (which copy is the
 * right one is the owner's choice).
 */
import type { DocumentRecord, PassageRecord } from '../core/records.js';

/** What makes two documents the same page. */
export type SameBy = 'URL' | 'content' | 'title and headings';

export interface DuplicatePages {
  /** Groups of document indexes, each one page indexed more than once (sources in path order). */
  groups: number[][];
  /** Why the documents of each group are taken for one page, most telling first. */
  by: SameBy[];
}

/** Each document's outline: its distinct heading paths in reading order. */
function outlines(documents: readonly DocumentRecord[], passages: readonly PassageRecord[]): string[] {
  const lines = documents.map(() => [] as string[]);
  for (const p of passages) {
    const heading = p.heading_path.join(' › ');
    const outline = lines[p.doc];
    if (outline[outline.length - 1] !== heading) outline.push(heading);
  }
  return lines.map((l) => l.join('\n'));
}

/**
 * Documents that share a URL (their own or their canonical one), the same bytes, or — a .md page
 * and the .html built from it — the same title and heading outline. `sha256[d]`: document d's source hash.
 */
export function duplicatePages(documents: readonly DocumentRecord[], passages: readonly PassageRecord[], sha256: readonly string[]): DuplicatePages {
  const parent = documents.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  const reasons = new Map<number, Set<SameBy>>();
  const join = (a: number, b: number, by: SameBy) => {
    const [ra, rb] = [root(a), root(b)];
    const merged = new Set([...(reasons.get(ra) ?? []), ...(reasons.get(rb) ?? []), by]);
    parent[rb] = ra;
    reasons.set(ra, merged);
  };
  const groupBy = (key: (d: number) => string | null, by: SameBy) => {
    const first = new Map<string, number>();
    documents.forEach((_, d) => {
      const k = key(d);
      if (k === null) return;
      const seen = first.get(k);
      if (seen === undefined) first.set(k, d);
      else join(seen, d, by);
    });
  };
  groupBy((d) => documents[d].url, 'URL');
  groupBy((d) => sha256[d], 'content');
  const outline = outlines(documents, passages);
  // Only between a Markdown page and an HTML one: two pages of one site may share a title and an outline.
  for (const format of ['markdown', 'html'] as const) {
    const pair = format === 'markdown' ? 'html' : 'markdown';
    const mine = new Map<string, number>();
    documents.forEach((doc, d) => {
      if (doc.format === format && !doc.title_derived) mine.set(`${doc.title}\n${outline[d]}`, d);
    });
    documents.forEach((doc, d) => {
      const match = doc.format === pair && !doc.title_derived ? mine.get(`${doc.title}\n${outline[d]}`) : undefined;
      if (match !== undefined && root(match) !== root(d)) join(match, d, 'title and headings');
    });
  }
  const members = new Map<number, number[]>();
  documents.forEach((_, d) => {
    const group = members.get(root(d));
    if (group) group.push(d);
    else members.set(root(d), [d]);
  });
  const groups = [...members].filter(([, g]) => g.length > 1);
  const order: SameBy[] = ['URL', 'content', 'title and headings'];
  const by = order.filter((reason) => groups.some(([r]) => reasons.get(r)?.has(reason)));
  return { groups: groups.map(([, g]) => g), by };
}

/** The first folder of a source path (`docs` of `docs/guide/a.md`), or null at the root. */
const topFolder = (source: string): string | null => (source.includes('/') ? source.slice(0, source.indexOf('/')) : null);

/**
 * The summary's warning on pages indexed more than once, with the fix, or null when there are none:
 * the Markdown sources' folder to --exclude, or the built folder to point --input at.
 */
export function duplicatesLine({ groups, by }: DuplicatePages, documents: readonly DocumentRecord[], input: string): string | null {
  if (groups.length === 0) return null;
  const copies = groups.reduce((n, g) => n + g.length, 0);
  const most = Math.max(...groups.map((g) => g.length));
  const [example] = groups;
  const times = most === 2 ? 'twice' : `up to ${most} times`;
  const sources = example.map((d) => documents[d].source).join(' = ');
  const fixes = duplicateFixes(groups, documents, input);
  return `warning: duplicates: ${groups.length} page${groups.length === 1 ? ' is' : 's are'} indexed ${times} (${copies} documents; same ${by.join(', or same ')}; e.g. ${sources}), so answers repeat; nothing was left out: ${fixes}`;
}

function duplicateFixes(groups: readonly number[][], documents: readonly DocumentRecord[], input: string): string {
  const sources = groups.flat().map((d) => documents[d]);
  const folders = (docs: readonly DocumentRecord[]) => [...new Set(docs.map((d) => topFolder(d.source)))];
  const markdown = folders(sources.filter((d) => d.format === 'markdown'));
  const html = folders(sources.filter((d) => d.format === 'html'));
  const exclude = (folder: string | null) => (folder === null ? null : `--exclude '${folder}/**'`);
  const within = (folder: string) => `--input ${input.replace(/\/+$/, '')}/${folder}`;
  if (markdown.length && html.length) {
    // Sources and the site built from them: keep one of the two.
    const fix = [markdown.length === 1 ? exclude(markdown[0]) : null, html.length === 1 && html[0] !== null ? `${within(html[0])} (the built site only)` : null].filter((f) => f !== null);
    return fix.length ? fix.join(', or ') : '--exclude the Markdown sources, or point --input at the built site';
  }
  // Two copies of the same pages: keep the first folder, leave out the others.
  const all = folders(sources).filter((f) => f !== null);
  return all.length > 1 ? `${all.slice(1).map(exclude).join(' ')} (to keep ${all[0]}/ only), or ${within(all[0])}` : '--exclude the copies, or point --input at one copy of the site';
}
