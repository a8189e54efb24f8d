/** Reads the snippet contributions of package.json, for the snippet tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

export interface SnippetDefinition {
  prefix: string | string[];
  body: string | string[];
  description?: string;
  scope?: string;
}

export interface SnippetFile {
  language: string;
  /** As written in package.json, e.g. `./snippets/dockerfile.json`. */
  path: string;
  absolutePath: string;
  snippets: Record<string, SnippetDefinition>;
}

export function snippetContributions(): { language: string; path: string }[] {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  return manifest.contributes?.snippets ?? [];
}

export function loadSnippetFiles(): SnippetFile[] {
  return snippetContributions().map(({ language, path }) => {
    const absolutePath = join(ROOT, path);
    return { language, path, absolutePath, snippets: JSON.parse(readFileSync(absolutePath, 'utf8')) };
  });
}

export function prefixesOf(snippet: SnippetDefinition): string[] {
  return Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix];
}

/** Every snippet of the files contributed for `language`, with its name. */
export function snippetsFor(language: string): { name: string; snippet: SnippetDefinition; file: string }[] {
  return loadSnippetFiles()
    .filter((f) => f.language === language)
    .flatMap((f) => Object.entries(f.snippets).map(([name, snippet]) => ({ name, snippet, file: f.path })));
}
