/**
 * npm run build:index -- [options] — builds the search artifact the Worker bundles from a folder
 * tree of articles or documentation pages. Progress and the summary go to stderr; a build that
 * cannot proceed exits 1 with the reason; a mistyped command line exits 2 with the closest flag,
 * and so does an --out the indexer refuses to replace (OutputError) or an --input that is no folder, before any work is done.
 * CLI parsing by the scripts' one parser (scripts/lib/cli.ts: suggestions for misspelt flags, generated help).
 */
import { existsSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { join, resolve } from 'node:path';
import { InvalidArgumentError, Option } from 'commander';
import { cliProgram, parseOrExit } from './lib/cli.js';
import { buildIndex } from '../src/indexing/index.js';
import { DEFAULT_MODEL_DIR } from '../src/indexing/model/load.js';
import { OutputError } from '../src/indexing/write/index.js';
import { CorpusError } from '../src/indexing/load/index.js';
import { CONFIG_FILE, ConfigError, DEFAULT_SITE, readSiteConfig, savedInput, savedSettingsAdvice, SERVED_INDEX_DIR, settingsReusedForOtherInput, writeSiteConfig, type SiteConfig } from '../src/indexing/config/index.js';
import { modelServingAdvice, resolveModel } from '../src/indexing/model/choice.js';
import { terminalProgress } from '../src/indexing/progress.js';
import { vectorizeInstructions } from '../src/indexing/vectorize.js';
import { URL_STYLES } from '../src/indexing/urls.js';
import { selectorProblem } from '../src/indexing/parse/html-chrome.js';

/** Value parser for a CSS selector flag: one css-select cannot read is a mistyped command line. */
function cssSelector(value: string): string {
  const problem = selectorProblem(value);
  if (problem) throw new InvalidArgumentError(`not a CSS selector (${problem}).`);
  return value;
}

const program = cliProgram('build:index', 'Index a folder tree of articles or documentation pages (.txt, .md, .mdx, .markdown, .html, .htm) for the Worker, written atomically.')
  .option('--input <dir>', `folder to index, read recursively (default: the one in ${CONFIG_FILE}, else seeds)`)
  .option('--out <dir>', `artifact folder — the Worker serves ${SERVED_INDEX_DIR} only: a new or empty folder, or an earlier index; anything else is refused, never replaced`, SERVED_INDEX_DIR)
  .option('--config <file>', `the project's indexing settings: read first (flags override them), and written after a build of ${SERVED_INDEX_DIR} so that npm run build, start, deploy and eval build the same site`, CONFIG_FILE)
  .option('--no-config', `neither read nor write ${CONFIG_FILE}: build exactly what the flags say (the seeds by default)`)
  .option('--model <dir|hub id>', `a static model folder (build:model writes one; default ${DEFAULT_MODEL_DIR}), or any transformers.js feature-extraction model: a local folder or a hub id in the transformers.js cache (docs/models.md)`)
  .option('--model-id <id>', 'the id to record for a transformers.js model (default: its hub id or folder name); it decides the Workers AI pair')
  .addOption(new Option('--pooling <how>', "how a transformers.js model pools token states (default: the model's config or the known-models table)").choices(['mean', 'cls']))
  .option('--query-prefix <text>', 'text put in front of every question (default: from the model or the known-models table, e.g. bge\'s instruction)')
  .option('--passage-prefix <text>', 'text put in front of every passage (e.g. "passage: " for e5)')
  .option('--allow-download', 'let transformers.js fetch a hub model that is not on this machine (needs the network)')
  .addOption(new Option('--vectors <where>', 'keep passage vectors in the bundle or in Cloudflare Vectorize (writes vectorize.ndjson)').choices(['bundled', 'vectorize']))
  .addOption(new Option('--storage <where>', 'the index in the Worker bundle, as Workers static assets beside it (the bundle keeps code, model and a small root; docs/scaling.md), or auto: the bundle when the whole Worker fits the free plan (3 MiB gzip), else static assets (default: auto)').choices(['auto', 'bundle', 'assets']))
  .option('--exclude <glob...>', 'files or folders to leave out, relative to --input (node_modules and dot-folders always are)')
  .option('--follow-symlinks', 'follow symbolic links that lead out of --input (by default they are skipped and reported: what is indexed becomes public)')
  .option('--base-url <url>', "the site's URL for the input folder, e.g. https://example.com/docs/: citations then carry page URLs with #anchors")
  .addOption(new Option('--url-style <style>', "page URLs without extension (clean: guide/fields), ending in .html (html: guide/fields.html) or in a slash (directory: guide/fields/); an HTML page's <link rel=\"canonical\"> wins").choices(URL_STYLES))
  .option('--content-selector <css>', "CSS selector of each HTML page's content (default: the generator's content element — Sphinx, MkDocs, Docusaurus, VitePress, mdBook — or data-pagefind-body, else <main>, <article>, <body>); pages where it matches nothing are not indexed", cssSelector)
  .option('--ignore-selector <css>', 'CSS selector of parts of HTML content to leave out (counted in the cleaning summary, listed by --explain), beside the navigation, sidebars, footers, edit links and tables of contents always left out', cssSelector)
  .option('--explain', 'list every block left out by cleaning (boilerplate lines, raw HTML, page chrome) with file, line and reason')
;

type Flags = Partial<SiteConfig> & { out: string; config: string | false; allowDownload?: boolean; explain?: boolean };
const { options: flags } = parseOrExit<Flags>(program, 'build:index');

/**
 * The site's settings: the configuration file's, with the flags given on this command line on top
 * (a flag given replaces the file's value; `--no-config` leaves the file out entirely).
 */
let saved: SiteConfig | null = null;
try {
  saved = flags.config === false ? null : readSiteConfig(flags.config);
} catch (error) {
  console.error(`build:index: ${error instanceof ConfigError ? error.message : String(error)}`);
  process.exit(2);
}
const SITE_KEYS = ['input', 'exclude', 'baseUrl', 'urlStyle', 'contentSelector', 'ignoreSelector', 'model', 'modelId', 'pooling', 'queryPrefix', 'passagePrefix', 'vectors', 'storage', 'followSymlinks'] as const satisfies ReadonlyArray<keyof SiteConfig>;
const given = Object.fromEntries(SITE_KEYS.flatMap((key) => (program.getOptionValueSource(key) === 'cli' ? [[key, flags[key]]] : [])));
const site: SiteConfig = { ...(saved ?? DEFAULT_SITE), ...given };
if (saved && flags.config !== false) {
  const reused = settingsReusedForOtherInput(saved, given);
  const fromFile = reused.length ? `; kept from ${flags.config} although --input is another folder than its ${savedInput(flags.config, saved.input)}: ${reused.join(', ')} (give a flag to change one)` : '';
  console.error(`settings: ${flags.config}${Object.keys(given).length ? `, with ${Object.keys(given).map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(' ')} from the command line` : ''}${fromFile}`);
}
const options = {
  ...site,
  model: site.model ?? DEFAULT_MODEL_DIR,
  vectors: site.vectors ?? 'bundled',
  storage: site.storage ?? 'auto',
  urlStyle: site.urlStyle ?? 'clean',
  out: flags.out,
  allowDownload: flags.allowDownload,
  explain: flags.explain,
};
const servesThisIndex = resolve(options.out) === resolve(SERVED_INDEX_DIR);

/** A static model folder has the project's own manifest and weights; anything else is a transformers.js model. */
const isStaticModel = (dir: string) => existsSync(join(dir, 'weights.bin')) && existsSync(join(dir, 'manifest.json'));

const bars = terminalProgress();
try {
  const model = isStaticModel(options.model)
    ? undefined
    : await resolveModel({ model: options.model, id: options.modelId, pooling: options.pooling, queryPrefix: options.queryPrefix, passagePrefix: options.passagePrefix, allowDownload: options.allowDownload });
  if (model) console.error(`model: ${model.identity.id} (transformers.js, ${model.identity.pooling} pooling${model.identity.query_prefix ? `, query prefix ${JSON.stringify(model.identity.query_prefix)}` : ''}${model.identity.passage_prefix ? `, passage prefix ${JSON.stringify(model.identity.passage_prefix)}` : ''}; from ${model.settingsFrom})`);
  const { manifest } = await buildIndex({
    progress: bars.progress,
    input: options.input,
    out: options.out,
    modelDir: model ? DEFAULT_MODEL_DIR : options.model,
    model,
    vectors: options.vectors,
    storage: options.storage,
    exclude: options.exclude,
    followSymlinks: options.followSymlinks,
    explain: options.explain,
    site: options.baseUrl ? { baseUrl: options.baseUrl, style: options.urlStyle } : undefined,
    html: { ...(options.contentSelector ? { contentSelector: options.contentSelector } : {}), ...(options.ignoreSelector ? { ignoreSelector: options.ignoreSelector } : {}) },
  });
  if (model) console.error(modelServingAdvice(manifest.model));
  if (manifest.vectors === 'vectorize') console.error(`the vectors are in ${join(options.out, 'vectorize.ndjson')}; to serve them:\n\n${vectorizeInstructions(join(options.out, 'vectorize.ndjson'), manifest.model.dims)}`);
  if (!servesThisIndex) console.error(`note: the Worker serves ${SERVED_INDEX_DIR} only; this index is in ${options.out} (for npm run eval -- --index ${options.out}, or copy it there)`);
  else if (flags.config !== false && (saved ? !sameSettings(saved, site) : !sameSettings(DEFAULT_SITE, site))) {
    writeSiteConfig(flags.config, site);
    console.error(savedSettingsAdvice(flags.config, site));
  }
} catch (error) {
  bars.stop();
  if (error instanceof OutputError || (error instanceof CorpusError && (error.code === 'INPUT_NOT_FOUND' || error.code === 'INPUT_NOT_A_FOLDER'))) {
    // A wrong --out or --input is a wrong command line: one line, exit 2, nothing written or removed.
    console.error(`build:index: ${error.message}`);
    process.exit(2);
  }
  console.error(`build:index failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

function sameSettings(a: SiteConfig, b: SiteConfig): boolean {
  const defined = (c: SiteConfig) => Object.fromEntries(Object.entries({ ...c, input: resolve(c.input) }).filter(([, v]) => v !== undefined));
  return isDeepStrictEqual(defined(a), defined(b));
}
