/*
 * <semantic-search endpoint="https://…/search" placeholder="Ask…" k="5" filter="tags = guide"></semantic-search>
 *
 * Events for the host page (TypeScript types: src/worker/ui/semantic-search.d.ts in the project), both bubbling out of the shadow root:
 *   semantic-search:results — after each answer; detail { query, answerable, confidence, results }
 *   semantic-search:select  — a result is opened (click or Enter); detail { result, index, url };
 *                             cancellable: preventDefault() keeps the page and lets the host route.
 *
 * A framework-free search box for any site: Shadow DOM, themable with CSS custom properties
 * (--ss-font, --ss-text, --ss-muted, --ss-bg, --ss-border, --ss-accent, --ss-mark, --ss-radius,
 * --ss-code-font, --ss-code-bg),
 * debounced search as you type plus Enter, ↑/↓/Enter/Esc keyboard navigation, ARIA combobox and
 * listbox roles with an aria-live status, stale requests aborted. Data is only ever inserted as
 * text (textContent / text nodes), never as HTML.
 */
(() => {
  if (customElements.get('semantic-search')) return;
  const DEBOUNCE_MS = 250;
  const STYLE = `
    :host { display: block; font: 15px/1.45 var(--ss-font, system-ui, sans-serif); color: var(--ss-text, #1f2328); }
    .box { position: relative; }
    input { box-sizing: border-box; width: 100%; padding: .7em .9em; font: inherit; color: inherit; background: var(--ss-bg, #fff);
      border: 1px solid var(--ss-border, #d0d7de); border-radius: var(--ss-radius, 8px); }
    input:focus { outline: 2px solid var(--ss-accent, #0969da); outline-offset: 1px; }
    .status { color: var(--ss-muted, #57606a); font-size: .85em; margin: .5em .2em; min-height: 1.2em; }
    .status.error { color: #cf222e; }
    ul { list-style: none; margin: 0; padding: 0; }
    li { padding: .7em .9em; border: 1px solid transparent; border-radius: var(--ss-radius, 8px); cursor: pointer; }
    li[aria-selected="true"] { border-color: var(--ss-accent, #0969da); background: color-mix(in srgb, var(--ss-accent, #0969da) 6%, transparent); }
    .title { font-weight: 600; }
    .section { color: var(--ss-muted, #57606a); font-weight: 400; }
    .snippet { margin: .25em 0; }
    mark { background: var(--ss-mark, #fff8c5); color: inherit; padding: 0 .1em; border-radius: 2px; }
    code { font: .9em/1.3 var(--ss-code-font, ui-monospace, SFMono-Regular, Menlo, monospace); background: var(--ss-code-bg, #f6f8fa); padding: 0 .25em; border-radius: 4px; white-space: pre-wrap; }
    .cite { font-size: .85em; color: var(--ss-muted, #57606a); }
    .cite a { color: var(--ss-accent, #0969da); }
  `;

  /**
   * Text with every whole-word, case-insensitive occurrence of `words` wrapped in <mark>, and the
   * `code` ranges ([start, end) of `text`) wrapped in <code>.
   */
  function markWords(text, words, code = []) {
    const nodes = [];
    let at = 0;
    for (const [start, end] of code) {
      if (start < at || end <= start) continue;
      nodes.push(...markPlain(text.slice(at, start), words));
      const element = document.createElement('code');
      element.append(...markPlain(text.slice(start, end), words));
      nodes.push(element);
      at = end;
    }
    nodes.push(...markPlain(text.slice(at), words));
    return nodes;
  }

  function markPlain(text, words) {
    const wanted = new Set(words.map((w) => w.toLowerCase()));
    const nodes = [];
    let at = 0;
    for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
      if (!wanted.has(m[0].toLowerCase())) continue;
      nodes.push(document.createTextNode(text.slice(at, m.index)));
      const mark = document.createElement('mark');
      mark.textContent = m[0];
      nodes.push(mark);
      at = m.index + m[0].length;
    }
    nodes.push(document.createTextNode(text.slice(at)));
    return nodes;
  }

  const EXCERPT_CHARS = 280;

  /**
   * What a reader sees: for Markdown, the clean excerpt (markup removed) around the first query
   * word, query words marked; for plain text, the best sentence with the highlighted terms.
   */
  function snippetNodes(result) {
    if (result.excerpt && result.excerpt !== result.text) {
      const words = ((result.highlights && result.highlights.terms) || []).map((t) => t.text);
      const lower = result.excerpt.toLowerCase();
      const first = Math.min(...words.map((w) => lower.indexOf(w.toLowerCase())).filter((i) => i >= 0), result.excerpt.length);
      const from = first > EXCERPT_CHARS / 2 ? result.excerpt.lastIndexOf(' ', first - 40) + 1 : 0;
      const cut = result.excerpt.slice(from, from + EXCERPT_CHARS);
      const lead = from > 0 ? '…' : '';
      // Code ranges of the excerpt, clipped to the part shown and moved past the leading ellipsis.
      const code = (result.excerpt_code || [])
        .map(([start, end]) => [Math.max(start, from) - from + lead.length, Math.min(end, from + EXCERPT_CHARS) - from + lead.length])
        .filter(([start, end]) => end > start);
      return markWords(`${lead}${cut}${from + EXCERPT_CHARS < result.excerpt.length ? '…' : ''}`, words, code);
    }
    const sentence = result.highlights && result.highlights.sentence;
    const start = sentence ? sentence.start : 0;
    const end = sentence ? sentence.end : result.text.length;
    const terms = ((result.highlights && result.highlights.terms) || []).filter((t) => t.start >= start && t.end <= end);
    const nodes = [];
    let at = start;
    for (const t of terms) {
      if (t.start < at) continue;
      nodes.push(document.createTextNode(result.text.slice(at, t.start)));
      const mark = document.createElement('mark');
      mark.textContent = result.text.slice(t.start, t.end);
      nodes.push(mark);
      at = t.end;
    }
    nodes.push(document.createTextNode(result.text.slice(at, end)));
    return nodes;
  }

  class SemanticSearch extends HTMLElement {
    static get observedAttributes() {
      return ['placeholder', 'filter'];
    }

    constructor() {
      super();
      const root = this.attachShadow({ mode: 'open' });
      const style = document.createElement('style');
      style.textContent = STYLE;
      const box = document.createElement('div');
      box.className = 'box';
      this.input = document.createElement('input');
      this.input.type = 'search';
      this.input.setAttribute('role', 'combobox');
      this.input.setAttribute('aria-autocomplete', 'list');
      this.input.setAttribute('aria-expanded', 'false');
      this.input.setAttribute('aria-controls', 'results');
      this.input.setAttribute('aria-label', 'Search the articles');
      this.status = document.createElement('div');
      this.status.className = 'status';
      this.status.setAttribute('role', 'status');
      this.status.setAttribute('aria-live', 'polite');
      this.list = document.createElement('ul');
      this.list.id = 'results';
      this.list.setAttribute('role', 'listbox');
      this.list.setAttribute('aria-label', 'Results');
      box.append(this.input, this.status, this.list);
      root.append(style, box);
      this.results = [];
      this.active = -1;
      this.timer = 0;
      this.controller = null;
      this.input.addEventListener('input', () => {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.search(), DEBOUNCE_MS);
      });
      this.input.addEventListener('keydown', (event) => this.onKey(event));
    }

    connectedCallback() {
      this.input.placeholder = this.getAttribute('placeholder') || 'Ask a question…';
    }

    attributeChangedCallback(name, before, after) {
      this.input.placeholder = this.getAttribute('placeholder') || 'Ask a question…';
      // A new filter changes the answer to the question already typed.
      if (name === 'filter' && before !== after && this.input.value.trim()) this.search();
    }

    /** Dispatches a widget event to the host page; false when a listener cancelled it. */
    emit(type, detail, cancelable = false) {
      return this.dispatchEvent(new CustomEvent(`semantic-search:${type}`, { detail, bubbles: true, composed: true, cancelable }));
    }

    get endpoint() {
      return new URL(this.getAttribute('endpoint') || '/search', document.baseURI);
    }

    onKey(event) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        if (this.results.length === 0) return;
        const step = event.key === 'ArrowDown' ? 1 : -1;
        this.select((this.active + step + this.results.length) % this.results.length);
      } else if (event.key === 'Enter') {
        event.preventDefault();
        if (this.active >= 0) this.open(this.active);
        else {
          clearTimeout(this.timer);
          this.search();
        }
      } else if (event.key === 'Escape') {
        if (this.controller) this.controller.abort();
        this.input.value = '';
        this.render([], '');
      }
    }

    select(index) {
      this.active = index;
      [...this.list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
      const li = this.list.children[index];
      if (li) {
        this.input.setAttribute('aria-activedescendant', li.id);
        li.scrollIntoView({ block: 'nearest' });
      }
    }

    open(index) {
      const link = this.list.children[index] && this.list.children[index].querySelector('a');
      if (link) link.click();
    }

    setStatus(text, error = false) {
      this.status.textContent = text;
      this.status.classList.toggle('error', error);
    }

    async search() {
      const q = this.input.value.trim();
      if (this.controller) this.controller.abort();
      if (!q) return this.render([], '');
      const controller = new AbortController();
      this.controller = controller;
      this.setStatus('Searching…');
      const url = this.endpoint;
      url.searchParams.set('q', q);
      url.searchParams.set('k', this.getAttribute('k') || '5');
      if (this.getAttribute('filter')) url.searchParams.set('filter', this.getAttribute('filter'));
      try {
        const response = await fetch(url, { signal: controller.signal, headers: { accept: 'application/json' } });
        const body = await response.json();
        if (controller !== this.controller) return;
        if (!response.ok) throw new Error((body.error && body.error.message) || `HTTP ${response.status}`);
        this.emit('results', { query: q, answerable: body.answerable, confidence: body.confidence, results: body.results });
        if (!body.answerable || body.results.length === 0) return this.render([], 'No answer in these articles.');
        this.render(body.results, `${body.results.length} result${body.results.length === 1 ? '' : 's'}`);
      } catch (error) {
        if (error.name === 'AbortError') return;
        this.render([], '');
        this.setStatus(`Search failed: ${error.message}`, true);
      }
    }

    render(results, status) {
      this.results = results;
      this.active = -1;
      this.input.removeAttribute('aria-activedescendant');
      this.input.setAttribute('aria-expanded', String(results.length > 0));
      this.setStatus(status);
      const passageBase = new URL('passages/', this.endpoint.href.replace(/search\/?$/, ''));
      this.list.replaceChildren(
        ...results.map((r, i) => {
          const li = document.createElement('li');
          li.id = `result-${i}`;
          li.setAttribute('role', 'option');
          li.setAttribute('aria-selected', 'false');
          const title = document.createElement('div');
          title.className = 'title';
          title.textContent = r.citation.title;
          const path = r.citation.heading_path && r.citation.heading_path.length ? r.citation.heading_path : r.citation.section ? [r.citation.section] : [];
          if (path.length) {
            const section = document.createElement('span');
            section.className = 'section';
            section.textContent = ` — ${path.join(' › ')}`;
            title.append(section);
          }
          const snippet = document.createElement('div');
          snippet.className = 'snippet';
          snippet.append(...snippetNodes(r));
          const cite = document.createElement('div');
          cite.className = 'cite';
          const link = document.createElement('a');
          // The page on the documentation site when the index knows it, else the passage in context on this Worker.
          link.href = r.citation.url && /^https?:\/\//i.test(r.citation.url) ? r.citation.url : new URL(encodeURIComponent(r.id), passageBase).href;
          link.textContent = [r.citation.source, r.citation.section, `¶ ${r.citation.paragraph}`].filter(Boolean).join(' · ');
          cite.append(link);
          // The host page may take over (client-side routing, analytics): a cancelled event keeps the page.
          link.addEventListener('click', (event) => {
            if (!this.emit('select', { result: r, index: i, url: link.href }, true)) event.preventDefault();
          });
          li.append(title, snippet, cite);
          li.addEventListener('click', (event) => {
            if (event.target !== link) link.click();
          });
          return li;
        }),
      );
    }
  }

  customElements.define('semantic-search', SemanticSearch);
})();
