/** The HTML view of a cited passage in its document (hono/html escapes every interpolated value). */
import { html } from 'hono/html';
import type { PassageContext } from '../../core/search/index.js';

export function passageView({ passage, document, before, after }: PassageContext) {
  const section = (p: PassageContext['passage'], cited: boolean) =>
    html`<section class="${cited ? 'cited' : 'context'}">${p.section ? html`<h2>${p.section}</h2>` : ''}<p>${cited ? html`<mark>${p.text}</mark>` : p.text}</p><p class="foot">¶ ${p.paragraph} · characters ${p.char_start}–${p.char_end}</p></section>`;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${document.title}</title><link rel="stylesheet" href="/page.css"></head>
<body><main>
<p class="foot"><a href="/">← search</a></p>
<h1>${document.title}</h1>
<p class="lede">${document.source}${document.author ? html` · ${document.author}` : ''}</p>
${before.map((n) => section(n.passage, false))}${section(passage, true)}${after.map((n) => section(n.passage, false))}
</main></body></html>`;
}
