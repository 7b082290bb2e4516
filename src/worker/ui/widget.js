/*
 * <semantic-search endpoint="https://…/search" variant="dialog"></semantic-search>
 *
 * A framework-free search box for documentation sites, in Shadow DOM (types, attributes, events and
 * parts: src/worker/ui/semantic-search.d.ts in the project; options: README, "A search box for your site").
 *   variant="inline" (default): a search field whose results open in an overlay of their own under it;
 *   variant="dialog": a button, plus ⌘K / Ctrl K and "/", opening a modal <dialog> (focus kept inside,
 *   Esc closes, focus goes back to where it was).
 * Results come from /search?group=page: each page's title, then its sections as breadcrumb → snippet,
 * query words marked and code shown as code, each linking to its page URL and #anchor. ↑/↓ move,
 * Enter opens. WAI-ARIA combobox (input) + listbox of grouped options + dialog, a live region for
 * the count. Light and dark themes (prefers-color-scheme, or theme="light|dark"), CSS custom
 * properties and ::part() names. Every text is an attribute or a key of the `strings` property.
 *
 * Events (bubbling out of the shadow root): semantic-search:results { query, answerable, confidence,
 * pages, results }, semantic-search:select { result, page, index, url } (cancellable: preventDefault()
 * keeps the page and lets the host route), semantic-search:open and semantic-search:close (dialog).
 * Data is only ever inserted as text (textContent / text nodes), never as HTML. Hand-written, with no
 * framework: the whole element must stay within its size budget (docs/bench.md).
 */
(() => {
  if (customElements.get('semantic-search')) return;
  const DEBOUNCE_MS = 200;
  /** Every text the element shows; `{query}` and `{count}` are filled in. Attribute = kebab-case key. */
  const STRINGS = {
    placeholder: 'Search docs',
    label: 'Search docs',
    buttonLabel: 'Search docs',
    noResults: 'No results for “{query}”',
    resultCount: '{count} results',
    oneResult: '1 result',
    searching: 'Searching…',
    failed: 'Search failed: {message}',
    hints: '↑ ↓ to move · Enter to open · Esc to close',
    close: 'Close',
  };
  const DARK = `--_text: var(--ss-text, #e6edf3); --_muted: var(--ss-muted, #9ea7b3); --_bg: var(--ss-bg, #0d1117);
    --_surface: var(--ss-surface, #161b22); --_border: var(--ss-border, #3d444d); --_accent: var(--ss-accent, #4493f8);
    --_active: var(--ss-active-bg, #1c2d41); --_mark: var(--ss-mark, #5a4a00); --_code: var(--ss-code-bg, #262c36);
    --_error: var(--ss-error, #ff7b72); --_shadow: var(--ss-shadow, 0 10px 32px rgb(1 4 9 / .7)); color-scheme: dark;`;
  const STYLE = `
    :host { --_text: var(--ss-text, #1f2328); --_muted: var(--ss-muted, #59636e); --_bg: var(--ss-bg, #fff);
      --_surface: var(--ss-surface, #fff); --_border: var(--ss-border, #d1d9e0); --_accent: var(--ss-accent, #0969da);
      --_active: var(--ss-active-bg, #ddf4ff); --_mark: var(--ss-mark, #fff8c5); --_code: var(--ss-code-bg, #eff2f5);
      --_error: var(--ss-error, #d1242f); --_shadow: var(--ss-shadow, 0 10px 32px rgb(31 35 40 / .2)); --_radius: var(--ss-radius, 8px);
      color-scheme: light; display: block; position: relative; text-align: start;
      font: 15px/1.45 var(--ss-font, system-ui, -apple-system, "Segoe UI", sans-serif); color: var(--_text); }
    @media (prefers-color-scheme: dark) { :host(:not([theme="light"])) { ${DARK} } }
    :host([theme="dark"]) { ${DARK} }
    :host([variant="dialog"]) { display: inline-block; }
    [hidden] { display: none !important; }
    .field { position: relative; display: flex; align-items: center; flex: 1; }
    svg { width: 1em; height: 1em; flex: none; }
    .field svg { position: absolute; left: .8em; color: var(--_muted); pointer-events: none; }
    input { box-sizing: border-box; width: 100%; margin: 0; padding: .65em .9em .65em 2.4em; font: inherit; color: var(--_text);
      background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius); }
    input::placeholder { color: var(--_muted); opacity: 1; }
    input:focus, button:focus-visible { outline: 2px solid var(--_accent); outline-offset: 1px; }
    .panel { box-sizing: border-box; background: var(--_surface); color: var(--_text); overflow: auto; overscroll-behavior: contain; }
    .inline .panel { position: absolute; top: calc(100% + 6px); left: 0; right: 0; z-index: var(--ss-z-index, 1000); max-height: min(70vh, 34rem);
      border: 1px solid var(--_border); border-radius: var(--_radius); box-shadow: var(--_shadow); }
    .status { padding: .6em .9em .3em; color: var(--_muted); font-size: .85em; }
    .status.error { color: var(--_error); }
    .page { padding: .2em .4em .4em; }
    .page-title { padding: .35em .5em .2em; font-weight: 600; }
    [role="option"] { display: block; padding: .45em .6em; border-radius: calc(var(--_radius) - 2px); color: inherit; text-decoration: none; cursor: pointer; }
    [role="option"]:hover { background: var(--_active); }
    [role="option"][aria-selected="true"] { background: var(--_active); box-shadow: inset 0 0 0 2px var(--_accent); }
    .crumb { display: block; font-size: .85em; font-weight: 600; color: var(--_accent); }
    .snippet { display: block; font-size: .9em; overflow-wrap: anywhere; }
    mark { background: var(--_mark); color: inherit; padding: 0 .1em; border-radius: 2px; }
    code { font: .9em/1.3 var(--ss-code-font, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace); background: var(--_code);
      padding: 0 .25em; border-radius: 4px; white-space: pre-wrap; }
    .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    button { font: inherit; color: var(--_muted); background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius); cursor: pointer; }
    .open { display: inline-flex; align-items: center; gap: .5em; min-width: 11em; padding: .45em .6em; }
    .open span { margin-inline-end: auto; }
    kbd { font: .8em var(--ss-code-font, ui-monospace, Menlo, Consolas, monospace); border: 1px solid var(--_border); border-radius: 4px; padding: .05em .35em; }
    dialog { box-sizing: border-box; width: min(42rem, calc(100vw - 2rem)); max-width: none; max-height: min(80vh, 44rem); margin: 10vh auto auto;
      padding: 0; border: 1px solid var(--_border); border-radius: calc(var(--_radius) + 4px); background: var(--_surface); color: var(--_text);
      box-shadow: var(--_shadow); font: inherit; }
    dialog[open] { display: flex; flex-direction: column; }
    dialog::backdrop { background: var(--ss-backdrop, rgb(15 20 25 / .55)); }
    .top { display: flex; gap: .5em; padding: .75em; border-bottom: 1px solid var(--_border); }
    .close { padding: 0 .7em; font-size: .85em; }
    dialog .panel { flex: 1; min-height: 4em; }
    .hints { padding: .5em .9em; border-top: 1px solid var(--_border); color: var(--_muted); font-size: .8em; }
    @media (max-width: 600px) {
      dialog { width: 100vw; height: 100dvh; max-height: none; margin: 0; border: 0; border-radius: 0; }
      .hints, kbd { display: none; }
      .open { min-width: 0; }
    }
  `;
  /** A magnifier icon, built as SVG elements (nothing is ever parsed as markup). */
  function icon() {
    const svg = (tag, attributes) => {
      const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
      for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
      return element;
    };
    const stroke = { fill: 'none', stroke: 'currentColor', 'stroke-width': '2', 'stroke-linecap': 'round' };
    const glass = svg('svg', { viewBox: '0 0 16 16', 'aria-hidden': 'true' });
    glass.append(svg('circle', { cx: '6.5', cy: '6.5', r: '4.5', ...stroke }), svg('path', { d: 'M10 10l4 4', ...stroke }));
    return glass;
  }

  /** An element with attributes (`class` included) and children (nodes or text). */
  function h(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    element.append(...children);
    return element;
  }
  const kebab = (key) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
  const isEditable = (node) => node instanceof HTMLElement && (node.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(node.tagName));
  /** The focused element, looking into shadow roots (the opener may live in another component). */
  function deepActiveElement() {
    let active = document.activeElement;
    while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
    return active;
  }

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
      if (marks.some(([start, end]) => start <= from && to <= end)) node = h('mark', { part: 'mark' }, node);
      const range = code.find(([start, end]) => start <= from && to <= end);
      if (!range) {
        codeElement = null;
        nodes.push(node);
        continue;
      }
      if (range !== codeRange) {
        codeElement = h('code', { part: 'code' });
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

  const EXCERPT_CHARS = 220;

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

  /** The answer's pages; an endpoint that answers passages (a proxy, a server of its own) is grouped here the same way. */
  function pagesOf(body) {
    if (Array.isArray(body.pages)) return body.pages;
    const pages = new Map();
    for (const result of body.results || []) {
      const { doc_id, source, title, url } = result.citation;
      if (!pages.has(doc_id)) pages.set(doc_id, { rank: pages.size + 1, score: result.score, doc_id, source, title, url: url && url.split('#')[0], results: [] });
      pages.get(doc_id).results.push(result);
    }
    return [...pages.values()];
  }

  class SemanticSearch extends HTMLElement {
    static get observedAttributes() {
      return ['variant', 'filter', 'lang', ...Object.keys(STRINGS).map(kebab)];
    }

    constructor() {
      super();
      const root = this.attachShadow({ mode: 'open' });
      this.overrides = {};
      this.pages = [];
      this.options = [];
      this.active = -1;
      this.timer = 0;
      this.controller = null;
      this.state = null;
      this.opener = null;
      this.input = h('input', { type: 'text', part: 'input', role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': 'listbox', autocomplete: 'off', spellcheck: 'false', enterkeyhint: 'search' });
      this.field = h('div', { class: 'field' }, icon(), this.input);
      this.status = h('div', { class: 'status', part: 'status' });
      this.list = h('div', { id: 'listbox', role: 'listbox', part: 'listbox' });
      this.panel = h('div', { class: 'panel', part: 'panel', hidden: '' }, this.status, this.list);
      this.live = h('div', { class: 'sr', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
      this.inline = h('div', { class: 'inline' });
      this.buttonText = h('span');
      this.kbd = h('kbd', { part: 'kbd', 'aria-hidden': 'true' }, /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘K' : 'Ctrl K');
      this.button = h('button', { type: 'button', class: 'open', part: 'button', 'aria-haspopup': 'dialog', 'aria-keyshortcuts': 'Meta+K Control+K /' }, icon(), this.buttonText, this.kbd);
      this.closeButton = h('button', { type: 'button', class: 'close', part: 'close' });
      this.top = h('div', { class: 'top' });
      this.hints = h('div', { class: 'hints', part: 'hints', 'aria-hidden': 'true' });
      this.dialog = h('dialog', { part: 'dialog' });
      root.append(h('style', {}, STYLE), this.button, this.inline, this.dialog, this.live);

      this.input.addEventListener('input', () => {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.search(), DEBOUNCE_MS);
      });
      this.input.addEventListener('keydown', (event) => this.onKey(event));
      this.input.addEventListener('focus', () => this.expand(this.options.length > 0 || this.state !== null));
      this.button.addEventListener('click', () => this.open());
      this.closeButton.addEventListener('click', () => this.close());
      this.dialog.addEventListener('keydown', (event) => this.trapFocus(event));
      // Modal backdrop: a click outside the dialog's box lands on the dialog element itself.
      this.dialog.addEventListener('click', (event) => event.target === this.dialog && this.close());
      this.dialog.addEventListener('close', () => this.restoreFocus());
      this.onShortcut = (event) => this.shortcut(event);
      this.onPointer = (event) => event.composedPath().includes(this) || this.expand(false);
      // Tabbing away closes the list; a click elsewhere is the pointerdown above (its relatedTarget is often null).
      this.addEventListener('focusout', (event) => this.variant === 'inline' && event.relatedTarget && !this.contains(event.relatedTarget) && this.expand(false));
    }

    connectedCallback() {
      // A framework may have set `strings` before the element was defined: the own property would hide the setter.
      if (Object.prototype.hasOwnProperty.call(this, 'strings')) {
        const value = this.strings;
        delete this.strings;
        this.overrides = { ...value };
      }
      document.addEventListener('keydown', this.onShortcut);
      document.addEventListener('pointerdown', this.onPointer);
      this.layout();
      this.applyStrings();
    }

    disconnectedCallback() {
      document.removeEventListener('keydown', this.onShortcut);
      document.removeEventListener('pointerdown', this.onPointer);
    }

    attributeChangedCallback(name, before, after) {
      if (before === after || !this.isConnected) return;
      if (name === 'variant') this.layout();
      // A new filter changes the answer to the question already typed.
      else if (name === 'filter' && this.input.value.trim()) this.search();
      else this.applyStrings();
    }

    get variant() {
      return this.getAttribute('variant') === 'dialog' ? 'dialog' : 'inline';
    }

    get endpoint() {
      return new URL(this.getAttribute('endpoint') || '/search', document.baseURI);
    }

    /** The texts in use: an attribute wins over the `strings` property, which wins over the defaults. */
    get strings() {
      const attributes = Object.keys(STRINGS).filter((key) => this.hasAttribute(kebab(key))).map((key) => [key, this.getAttribute(kebab(key))]);
      return { ...STRINGS, ...this.overrides, ...Object.fromEntries(attributes) };
    }

    set strings(value) {
      this.overrides = { ...value };
      this.applyStrings();
    }

    applyStrings() {
      const s = this.strings;
      this.input.placeholder = s.placeholder;
      this.input.setAttribute('aria-label', s.label);
      this.list.setAttribute('aria-label', s.label);
      this.dialog.setAttribute('aria-label', s.label);
      this.buttonText.textContent = s.buttonLabel;
      this.closeButton.textContent = s.close;
      this.hints.textContent = s.hints;
      // The host's language, passed to what the element renders (the dialog sits in the top layer).
      const lang = this.getAttribute('lang');
      for (const part of [this.inline, this.dialog, this.live]) lang ? part.setAttribute('lang', lang) : part.removeAttribute('lang');
      if (this.state) this.showStatus(this.state);
    }

    /** Puts the search field and its results in the dialog, or inline on the page. */
    layout() {
      const dialog = this.variant === 'dialog';
      if (dialog) {
        this.top.replaceChildren(this.field, this.closeButton);
        this.dialog.replaceChildren(this.top, this.panel, this.hints);
      } else {
        this.close();
        this.inline.replaceChildren(this.field, this.panel);
      }
      this.button.hidden = !dialog;
      this.inline.hidden = dialog;
    }

    /** Opens the dialog (inline: focuses the field). */
    open() {
      if (this.variant === 'inline') return this.input.focus();
      if (this.dialog.open) return;
      const active = deepActiveElement();
      this.opener = active && active !== document.body ? active : this.button;
      this.dialog.showModal();
      this.expand(true);
      this.input.focus();
      this.input.select();
      this.emit('open', {});
    }

    close() {
      if (this.dialog.open) this.dialog.close();
    }

    restoreFocus() {
      const opener = this.opener;
      this.opener = null;
      if (opener && opener.isConnected) opener.focus();
      this.emit('close', {});
    }

    /** ⌘K / Ctrl K anywhere; "/" when not typing in a field. */
    shortcut(event) {
      if (this.variant !== 'dialog' || this.dialog.open || event.defaultPrevented || event.altKey || event.shiftKey) return;
      const modified = event.metaKey || event.ctrlKey;
      const k = modified && event.key.toLowerCase() === 'k';
      const slash = !modified && event.key === '/' && !isEditable(event.composedPath()[0]);
      if (!k && !slash) return;
      event.preventDefault();
      this.open();
    }

    /** A modal dialog makes the page inert; Tab must also not leave it for the browser's own UI. */
    trapFocus(event) {
      if (event.key !== 'Tab') return;
      const stops = [this.input, this.closeButton];
      const at = stops.indexOf(this.shadowRoot.activeElement);
      event.preventDefault();
      stops[(at + (event.shiftKey ? stops.length - 1 : 1)) % stops.length].focus();
    }

    /** Dispatches a widget event to the host page; false when a listener cancelled it. */
    emit(type, detail, cancelable = false) {
      return this.dispatchEvent(new CustomEvent(`semantic-search:${type}`, { detail, bubbles: true, composed: true, cancelable }));
    }

    onKey(event) {
      const count = this.options.length;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        if (count === 0) return;
        this.expand(true);
        const step = event.key === 'ArrowDown' ? 1 : -1;
        this.select(this.active < 0 && step < 0 ? count - 1 : (this.active + step + count) % count);
      } else if (event.key === 'Enter') {
        event.preventDefault();
        if (this.active >= 0) this.options[this.active].click();
        else {
          clearTimeout(this.timer);
          this.search();
        }
      } else if (event.key === 'Escape' && this.variant === 'inline') {
        // First Esc closes the list, the second clears the question (the dialog closes on Esc itself).
        event.preventDefault();
        if (!this.panel.hidden) return this.expand(false);
        if (this.controller) this.controller.abort();
        this.input.value = '';
        this.show(null, '');
      }
    }

    expand(open) {
      this.panel.hidden = !open;
      this.input.setAttribute('aria-expanded', String(open && this.options.length > 0));
      if (!open) this.select(-1);
    }

    select(index) {
      this.active = index;
      this.options.forEach((option, i) => option.setAttribute('aria-selected', String(i === index)));
      const option = this.options[index];
      if (!option) return this.input.removeAttribute('aria-activedescendant');
      this.input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    }

    /** `state`: [strings key, values], shown in the panel and said by the live region. */
    showStatus(state) {
      this.state = state;
      const text = state ? fill(this.strings[state[0]], state[1]) : '';
      this.status.textContent = text;
      this.status.classList.toggle('error', Boolean(state && state[0] === 'failed'));
      this.live.textContent = text;
    }

    async search() {
      const q = this.input.value.trim();
      if (this.controller) this.controller.abort();
      if (!q) return this.show(null, '');
      const controller = new AbortController();
      this.controller = controller;
      this.showStatus(['searching', { query: q }]);
      const url = this.endpoint;
      url.searchParams.set('q', q);
      url.searchParams.set('k', this.getAttribute('k') || '5');
      url.searchParams.set('group', 'page');
      if (this.getAttribute('filter')) url.searchParams.set('filter', this.getAttribute('filter'));
      try {
        const response = await fetch(url, { signal: controller.signal, headers: { accept: 'application/json' } });
        const body = await response.json();
        if (controller !== this.controller) return;
        if (!response.ok) throw new Error((body.error && body.error.message) || `HTTP ${response.status}`);
        const pages = pagesOf(body);
        this.emit('results', { query: q, answerable: body.answerable, confidence: body.confidence, pages, results: pages.flatMap((p) => p.results) });
        this.show(body.answerable ? pages : [], q);
      } catch (error) {
        if (error.name === 'AbortError') return;
        this.show([], q, error.message);
      }
    }

    /** Where a result leads: its page and #anchor when the index knows URLs, else the passage on this Worker. */
    hrefOf(result) {
      const url = result.citation.url && new URL(result.citation.url, document.baseURI);
      if (url && /^https?:$/.test(url.protocol)) return url.href;
      return new URL(encodeURIComponent(result.id), new URL('passages/', this.endpoint.href.replace(/search\/?$/, ''))).href;
    }

    /** `pages` null: nothing asked (the panel closes); `failure`: the error message to show. */
    show(pages, query, failure) {
      this.pages = pages || [];
      this.options = [];
      this.active = -1;
      this.input.removeAttribute('aria-activedescendant');
      this.list.replaceChildren(...this.pages.map((page, p) => this.pageGroup(page, p)));
      const count = this.options.length;
      if (pages === null) this.showStatus(null);
      else if (failure !== undefined) this.showStatus(['failed', { message: failure, query }]);
      else this.showStatus(count ? [count === 1 ? 'oneResult' : 'resultCount', { count, query }] : ['noResults', { query }]);
      this.expand(pages !== null && (this.variant === 'dialog' || this.matches(':focus-within')));
    }

    pageGroup(page, p) {
      const title = h('div', { class: 'page-title', part: 'page-title', id: `page-${p}`, role: 'presentation' }, page.title);
      const options = page.results.map((result) => {
        const index = this.options.length;
        // Headings below the page's title (Markdown paths start with the title, HTML ones below it).
        const headings = result.citation.heading_path;
        const path = headings[0] === page.title ? headings.slice(1) : headings;
        const crumb = path.length ? [h('span', { class: 'crumb', part: 'breadcrumb' }, path.join(' › '))] : [];
        const option = h('a', { role: 'option', id: `option-${index}`, part: 'option', 'aria-selected': 'false', tabindex: '-1', href: this.hrefOf(result) }, ...crumb, h('span', { class: 'snippet', part: 'snippet' }, ...snippetNodes(result)));
        // The host page may take over (client-side routing, analytics): a cancelled event keeps the page.
        option.addEventListener('click', (event) => {
          if (!this.emit('select', { result, page, index, url: option.href }, true)) event.preventDefault();
          this.close();
          this.expand(false);
        });
        this.options.push(option);
        return option;
      });
      return h('div', { class: 'page', part: 'page', role: 'group', 'aria-labelledby': `page-${p}` }, title, ...options);
    }
  }

  customElements.define('semantic-search', SemanticSearch);
})();
