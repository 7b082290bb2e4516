import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, readSiteConfig, savedSettingsAdvice, settingsReusedForOtherInput, writeSiteConfig } from '../../src/indexing/config/index.js';

const project = () => mkdtempSync(join(tmpdir(), 'site-config-'));

describe('the project configuration (semantic-search.config.json)', () => {
  it('is absent in a plain clone: null, so the seeds are built', () => {
    expect(readSiteConfig(join(project(), 'semantic-search.config.json'))).toBeNull();
  });

  it('round-trips the settings with the input relative to the file, so the project can move', () => {
    const dir = project();
    mkdirSync(join(dir, 'site'));
    const file = join(dir, 'semantic-search.config.json');
    writeSiteConfig(file, { input: join(dir, 'site'), baseUrl: 'https://example.com/docs/', exclude: ['drafts/**'], urlStyle: 'html' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ input: 'site', exclude: ['drafts/**'], baseUrl: 'https://example.com/docs/', urlStyle: 'html' });
    expect(readSiteConfig(file)).toEqual({ input: join(dir, 'site'), exclude: ['drafts/**'], baseUrl: 'https://example.com/docs/', urlStyle: 'html' });
  });

  it('writes the same bytes for the same settings, whatever order they came in', () => {
    const dir = project();
    const file = join(dir, 'semantic-search.config.json');
    writeSiteConfig(file, { urlStyle: 'clean', input: join(dir, 'docs'), vectors: 'bundled' });
    const first = readFileSync(file, 'utf8');
    writeSiteConfig(file, { vectors: 'bundled', input: join(dir, 'docs'), urlStyle: 'clean' });
    expect(readFileSync(file, 'utf8')).toBe(first);
  });

  it('records where the index is stored, and refuses a storage it does not know', () => {
    const dir = project();
    const file = join(dir, 'semantic-search.config.json');
    writeSiteConfig(file, { input: join(dir, 'docs'), storage: 'assets' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ input: 'docs', storage: 'assets' });
    expect(readSiteConfig(file)?.storage).toBe('assets');
    writeFileSync(file, JSON.stringify({ input: 'docs', storage: 'kv' }));
    expect(() => readSiteConfig(file)).toThrow(/storage/);
  });

  it('names an unknown key and lists the known ones', () => {
    const file = join(project(), 'semantic-search.config.json');
    writeFileSync(file, JSON.stringify({ input: 'site', baseURL: 'https://example.com/' }));
    expect(() => readSiteConfig(file)).toThrow(ConfigError);
    expect(() => readSiteConfig(file)).toThrow(/baseURL.*the keys are input, exclude, baseUrl/);
  });

  it('rejects invalid JSON and wrong values with the file name', () => {
    const file = join(project(), 'semantic-search.config.json');
    writeFileSync(file, '{ "input": "site", }');
    expect(() => readSiteConfig(file)).toThrow(/semantic-search\.config\.json is not valid JSON/);
    writeFileSync(file, JSON.stringify({ input: 'site', baseUrl: 'ftp://example.com/' }));
    expect(() => readSiteConfig(file)).toThrow(/baseUrl/);
    writeFileSync(file, JSON.stringify({ exclude: ['x'] }));
    expect(() => readSiteConfig(file)).toThrow(/input/);
  });

  it('lists the settings it keeps from the file when --input names another folder', () => {
    const dir = project();
    const saved = { input: join(dir, 'site'), baseUrl: 'https://docs.example.com/', exclude: ['drafts/**'], storage: 'assets' as const, urlStyle: 'html' as const, contentSelector: 'div.body' };
    expect(settingsReusedForOtherInput(saved, { input: join(dir, 'other-site'), storage: 'bundle' })).toEqual(['exclude \'drafts/**\'', 'base URL https://docs.example.com/', 'url style html', 'content selector div.body']);
    expect(settingsReusedForOtherInput(saved, { input: join(dir, 'site/') })).toEqual([]);
    expect(settingsReusedForOtherInput(saved, { storage: 'bundle' })).toEqual([]);
  });

  it('advises committing the file only when its input is inside the project; an absolute path outside gets a relative one to write', () => {
    const dir = project();
    const file = join(dir, 'app', 'semantic-search.config.json');
    expect(savedSettingsAdvice(file, { input: join(dir, 'app', 'site') })).toMatch(/\(commit the file with your site; delete it to go back to the seeds\)$/);
    const outside = savedSettingsAdvice(file, { input: join(dir, 'website', 'build') });
    expect(outside).not.toMatch(/commit the file/);
    expect(outside).toContain(`saved as the absolute path ${join(dir, 'website', 'build')}, outside the project`);
    expect(outside).toContain('write the relative path "../website/build" as "input"');
  });
});
