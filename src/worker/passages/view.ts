/** The HTML view of a cited passage in its document (hono/html escapes every interpolated value). */
import { html } from 'hono/html';
import type { PassageContext } from '../../core/search/index.js';
import { boundedExcerpt } from '../../core/search/results.js';

/** An excerpt as text and code segments, in order: the pieces a reader sees, code to show as code. */
export function excerptSegments(excerpt: string, code: ReadonlyArray<readonly [number, number]>): Array<{ text: string; code: boolean }> {
  const segments: Array<{ text: string; code: boolean }> = [];
  let at = 0;
  for (const [start, end] of code) {
    if (start > at) segments.push({ text: excerpt.slice(at, start), code: false });
    segments.push({ text: excerpt.slice(start, end), code: true });
    at = end;
  }
  if (at < excerpt.length) segments.push({ text: excerpt.slice(at), code: false });
  return segments;
}

export function passageView({ passage, document, before, after }: PassageContext) {
  // Readers see the excerpt (markup removed, code as code), never the page's raw HTML or Markdown.
  const words = (p: PassageContext['passage']) => {
    const { excerpt, code } = boundedExcerpt(p);
    return excerptSegments(excerpt, code).map((s) => (s.code ? html`<code>${s.text}</code>` : s.text));
  };
  const section = (p: PassageContext['passage'], cited: boolean) =>
    html`<section class="${cited ? 'cited' : 'context'}">${p.section ? html`<h2>${p.section}</h2>` : ''}<p class="excerpt">${cited ? html`<mark>${words(p)}</mark>` : words(p)}</p><p class="foot">¶ ${p.paragraph} · characters ${p.char_start}–${p.char_end}</p></section>`;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${document.title}</title><link rel="stylesheet" href="/page.css"></head>
<body><main>
<p class="foot"><a href="/">← search</a></p>
<h1>${document.title}</h1>
<p class="lede">${document.url ? html`<a href="${document.url}">${document.source}</a>` : document.source}${document.author ? html` · ${document.author}` : ''}</p>
${before.map((n) => section(n.passage, false))}${section(passage, true)}${after.map((n) => section(n.passage, false))}
</main></body></html>`;
}
