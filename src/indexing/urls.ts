/**
 * Page URLs of a documentation site (`build:index -- --base-url`): a source path becomes the URL
 * the site serves it at, the way VitePress, Docusaurus and most static generators do:
 *   guide/routing.md → <base>guide/routing   (or guide/routing.html with --url-style html,
 *                                             guide/routing/ with --url-style directory: Sphinx's
 *                                             dirhtml, Hugo, Jekyll's permalinks, Django's docs)
 *   guide/index.md   → <base>guide/          index.md → <base>
 * Citations add the section's `#anchor` (core/search/results.ts). An HTML page's own
 * `<link rel="canonical">` wins over all of these (index.ts).
 */

export type UrlStyle = 'clean' | 'html' | 'directory';

/** Every URL style, for the command line's choices and the configuration's schema. */
export const URL_STYLES = ['clean', 'html', 'directory'] as const satisfies readonly UrlStyle[];

export class UrlError extends Error {
  override name = 'UrlError';
}

/** The base as given, checked, with exactly one trailing slash. */
export function normaliseBaseUrl(base: string): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new UrlError(`--base-url must be an absolute URL such as https://example.com/docs/, got "${base}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UrlError(`--base-url must be http(s), got "${url.protocol}"`);
  return `${url.origin}${url.pathname.replace(/\/*$/, '/')}`;
}

export function pageUrl(source: string, base: string, style: UrlStyle = 'clean'): string {
  const withoutExtension = source.replace(/\.(?:md|mdx|markdown|html?|txt)$/i, '');
  const path = /(?:^|\/)index$/.test(withoutExtension) ? withoutExtension.replace(/index$/, '') : style === 'html' ? `${withoutExtension}.html` : style === 'directory' ? `${withoutExtension}/` : withoutExtension;
  return normaliseBaseUrl(base) + path.split('/').map(encodeURIComponent).join('/');
}
