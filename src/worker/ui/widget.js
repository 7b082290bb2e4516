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
   * `text` as nodes, the `marks` ranges in <mark> and the `code` ranges in <code> (both [start, end)
   * of `text`, as the API gives them: query terms in highlights, code in excerpt_code).
   */
  function markedNodes(text, marks, code) {
    const cuts = new Set([0, text.length]);
    for (const [start, end] of [...marks, ...code]) {
      cuts.add(Math.min(Math.max(start, 0), text.length));
      cuts.add(Math.min(Math.max(end, 0), text.length));
    }
    const points = [...cuts].sort((a, b) => a - b);
    const nodes = [];
    let codeElement = null;
    let codeRange = null;
    for (let i = 0; i + 1 < points.length; i++) {
      const [from, to] = [points[i], points[i + 1]];
      let node = document.createTextNode(text.slice(from, to));
      if (marks.some(([start, end]) => start <= from && to <= end)) {
        const mark = document.createElement('mark');
        mark.append(node);
        node = mark;
      }
      const range = code.find(([start, end]) => start <= from && to <= end);
      if (!range) {
        codeElement = null;
        nodes.push(node);
        continue;
      }
      if (range !== codeRange) {
        codeElement = document.createElement('code');
        codeRange = range;
        nodes.push(codeElement);
      }
      codeElement.append(node);
    }
    return nodes;
  }

  /** Ranges moved into the window [from, to) of their text, shifted by `by` (a leading ellipsis). */
  function within(ranges, from, to, by) {
    return ranges.map(([start, end]) => [Math.max(start, from) - from + by, Math.min(end, to) - from + by]).filter(([start, end]) => end > start);
  }

  const EXCERPT_CHARS = 280;

  /**
   * What a reader sees: for Markdown/HTML, the clean excerpt (markup removed) around its first
   * query term; for plain text, the best sentence. Marks and code come from the API's ranges.
   */
  function snippetNodes(result) {
    const highlights = result.highlights || {};
    if (result.excerpt && result.excerpt !== result.text) {
      const marks = highlights.excerpt_terms || [];
      const first = marks.length ? Math.min(...marks.map(([start]) => start)) : 0;
      const from = first > EXCERPT_CHARS / 2 ? result.excerpt.lastIndexOf(' ', first - 40) + 1 : 0;
      const to = Math.min(from + EXCERPT_CHARS, result.excerpt.length);
      const lead = from > 0 ? '…' : '';
      const text = `${lead}${result.excerpt.slice(from, to)}${to < result.excerpt.length ? '…' : ''}`;
      return markedNodes(text, within(marks, from, to, lead.length), within(result.excerpt_code || [], from, to, lead.length));
    }
    const sentence = highlights.sentence;
    const start = sentence ? sentence.start : 0;
    const end = sentence ? sentence.end : result.text.length;
    const marks = (highlights.terms || []).map((t) => [t.start, t.end]);
    return markedNodes(result.text.slice(start, end), within(marks, start, end, 0), []);
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
