/**
 * The site's indexing settings as the project's configuration: `semantic-search.config.json` at the
 * project root, committed with the site. `build:index` records the settings of the index it builds
 * for the Worker (dist/index), and every later `npm run build` — and so `start`, `deploy` and the
 * owner's CI — builds that same site again instead of the seeds. Without the file, the project builds
 * `seeds/`, as a fresh clone should.
 *
 * Paths in the file are relative to the file's folder, so the project can move.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { URL_STYLES } from '../urls.js';

export const CONFIG_FILE = 'semantic-search.config.json';

/** The folder the Worker bundles: only an index built here is served by `start` and `deploy`. */
export const SERVED_INDEX_DIR = 'dist/index';

export const siteConfigSchema = z
  .object({
    /** Folder to index, relative to the config file. */
    input: z.string().min(1),
    /** Glob patterns of files and folders to leave out, relative to `input`. */
    exclude: z.array(z.string().min(1)).optional(),
    /** The site's URL for the input folder: citations carry page URLs with #anchors. */
    baseUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** How a source path becomes a page URL. */
    urlStyle: z.enum(URL_STYLES).optional(),
    /** CSS selector of each HTML page's content (else the generator's content element or data-pagefind-body). */
    contentSelector: z.string().min(1).optional(),
    /** CSS selector of parts of HTML pages' content to leave out. */
    ignoreSelector: z.string().min(1).optional(),
    /** A static model folder or a transformers.js model (folder or cached hub id). */
    model: z.string().min(1).optional(),
    /** For a transformers.js model: the id to record, its pooling and prefixes (else from the model). */
    modelId: z.string().min(1).optional(),
    pooling: z.enum(['mean', 'cls']).optional(),
    queryPrefix: z.string().optional(),
    passagePrefix: z.string().optional(),
    /** Where the passage vectors live. */
    vectors: z.enum(['bundled', 'vectorize']).optional(),
    /** Where the index lives: in the Worker bundle, in static assets beside it, or whichever fits ("auto"). */
    storage: z.enum(['auto', 'bundle', 'assets']).optional(),
    /** Follow symbolic links that lead outside `input`. */
    followSymlinks: z.boolean().optional(),
  })
  .strict();

export type SiteConfig = z.infer<typeof siteConfigSchema>;

/** The settings `build:index` uses when there is no configuration: the seeds. */
export const DEFAULT_SITE: SiteConfig = { input: 'seeds' };

/** The configuration file is unreadable or invalid: the message names the file and what to fix. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The configuration at `file`, with paths resolved against its folder; null when there is none. */
export function readSiteConfig(file: string): SiteConfig | null {
  if (!existsSync(file)) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${file} is not valid JSON (${error instanceof Error ? error.message : String(error)}); fix it or delete it to build the seeds`);
  }
  const parsed = siteConfigSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
    throw new ConfigError(`${file}: ${problems.join('; ')} (the keys are ${Object.keys(siteConfigSchema.shape).join(', ')})`);
  }
  const base = dirname(resolve(file));
  return { ...parsed.data, input: isAbsolute(parsed.data.input) ? parsed.data.input : join(base, parsed.data.input) };
}

/**
 * Writes the configuration atomically, paths relative to the file's folder (a path outside it
 * stays absolute), keys in schema order so that a rebuild leaves a committed file unchanged.
 */
export function writeSiteConfig(file: string, config: SiteConfig): void {
  const portable = { ...config, input: savedInput(file, config.input) };
  const ordered = Object.fromEntries(Object.keys(siteConfigSchema.shape).flatMap((key) => (portable[key as keyof SiteConfig] === undefined ? [] : [[key, portable[key as keyof SiteConfig]]])));
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(ordered, null, 2)}\n`);
  renameSync(tmp, file);
}

/** `input` as the file records it: relative to the file's folder, or absolute when outside it. */
export function savedInput(file: string, input: string): string {
  const relativePath = relative(dirname(resolve(file)), resolve(input));
  return relativePath === '' ? '.' : relativePath.startsWith('..') ? resolve(input) : relativePath;
}

/**
 * What `build:index` says after saving the file. The advice to commit it holds only for a path
 * inside the project: an absolute one names a folder another machine or CI does not have.
 */
export function savedSettingsAdvice(file: string, config: SiteConfig): string {
  const saved = `settings saved to ${file}: npm run build, start, deploy and eval now build ${config.input}`;
  const input = savedInput(file, config.input);
  if (!isAbsolute(input)) return `${saved} (commit the file with your site; delete it to go back to the seeds)`;
  const relativePath = relative(dirname(resolve(file)), input);
  return `${saved} (saved as the absolute path ${input}, outside the project, which another machine or CI does not have: move the site into the project, or write the relative path "${relativePath}" as "input" in ${file} by hand; delete the file to go back to the seeds)`;
}

/** How the settings line names a setting and its value. */
const SETTING_LABELS: { [K in keyof SiteConfig]-?: string } = {
  input: 'input',
  exclude: 'exclude',
  baseUrl: 'base URL',
  urlStyle: 'url style',
  contentSelector: 'content selector',
  ignoreSelector: 'ignore selector',
  model: 'model',
  modelId: 'model id',
  pooling: 'pooling',
  queryPrefix: 'query prefix',
  passagePrefix: 'passage prefix',
  vectors: 'vectors',
  storage: 'storage',
  followSymlinks: 'follow symlinks',
};

/**
 * The file's settings this run keeps although `given` names another input folder — a base URL or
 * an --exclude written for one site, silently applied to another — as `base URL https://…`; empty
 * when the input is the file's own.
 */
export function settingsReusedForOtherInput(saved: SiteConfig, given: Partial<SiteConfig>): string[] {
  if (given.input === undefined || resolve(given.input) === resolve(saved.input)) return [];
  return (Object.keys(SETTING_LABELS) as Array<keyof SiteConfig>).flatMap((key) => {
    const value = saved[key];
    if (key === 'input' || value === undefined || key in given) return [];
    const shown = Array.isArray(value) ? value.map((v) => `'${v}'`).join(' ') : typeof value === 'boolean' ? (value ? 'yes' : 'no') : typeof value === 'string' && /\s|^$/.test(value) ? JSON.stringify(value) : String(value);
    return [`${SETTING_LABELS[key]} ${shown}`];
  });
}
