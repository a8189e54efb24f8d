/**
 * Helm charts for the CLI and the language server alike: which files are chart templates, and
 * the chart context each needs (Chart.yaml, values.yaml and any --values files, the named
 * templates of the `.tpl` files under `templates/`, subfolders too, and of the unpacked dependencies'
 * `charts/<name>/templates/`). Files are named by `file:` URI and read through a
 * {@link ChartFiles}: the CLI reads the disk, the server's analysis worker reads the texts it was
 * synchronised (open documents win over the disk) and the disk for the rest. The analysis itself
 * is core/helm, which does no I/O.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { HelmChartContext } from './core/helm/template-document';
import type { ValuesInput } from './core/helm/render';
import { readDocument } from './core/yaml-read';
import { detectTarget, type ParseOptions } from './core/analyze';

/** Where the chart files come from. */
export interface ChartFiles {
  /** A file's text by its `file:` URI; `undefined` when it is not there (or too large, or not a file). */
  read(uri: string): string | undefined;
  /** The names of the files in a folder (by its `file:` URI, no trailing slash). */
  list(folderUri: string): string[];
}

export interface ChartTemplate {
  /** The chart's folder, as a `file:` URI without a trailing slash. */
  root: string;
  context: HelmChartContext;
}

const MAX_CHART_FILE = 5 * 1024 * 1024;
/** How deep subfolders of `templates/` are read for named templates, and how many helper files a chart reads at most. */
const MAX_TEMPLATE_DEPTH = 3;
const MAX_HELPER_FILES = 256;

/** The disk, for the CLI (and for what the server has not synchronised, such as `_helpers.tpl`). */
export const diskChartFiles: ChartFiles = {
  read(uri) {
    try {
      const path = fileURLToPath(uri);
      const stats = statSync(path);
      if (!stats.isFile() || stats.size > MAX_CHART_FILE) return undefined;
      return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
    } catch {
      return undefined;
    }
  },
  list(folderUri) {
    try {
      return readdirSync(fileURLToPath(folderUri));
    } catch {
      return [];
    }
  },
};

/** Texts the caller holds (open documents, synchronised files) over the disk. */
export function overlayChartFiles(textOf: (uri: string) => string | undefined, urisUnder: (folderUri: string) => string[], disk: ChartFiles = diskChartFiles): ChartFiles {
  return {
    read: (uri) => textOf(uri) ?? disk.read(uri),
    list: (folderUri) => [...new Set([...disk.list(folderUri), ...urisUnder(folderUri).map((uri) => uri.slice(folderUri.length + 1))])],
  };
}

function folderOfUri(uri: string): string {
  const slash = uri.lastIndexOf('/');
  return slash < 0 ? uri : uri.slice(0, slash);
}

function nameOfUri(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}

/**
 * Reads charts through a {@link ChartFiles}, each chart once per reader: make a new reader when
 * the files may have changed.
 */
export class ChartReader {
  private readonly charts = new Map<string, HelmChartContext | undefined>();

  /** `overrides`: values files applied over every chart's values.yaml (the CLI's --values), in order. */
  constructor(
    private readonly files: ChartFiles = diskChartFiles,
    private readonly overrides: readonly { uri: string; text: string }[] = [],
  ) {}

  /** The chart of a template (a file under `<chart>/templates/`, `<chart>/Chart.yaml` present), if it is one. */
  templateOf(uri: string): ChartTemplate | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const parts = uri.split('/');
    // The innermost `templates` folder whose parent holds a Chart.yaml (subcharts have their own).
    for (let i = parts.length - 2; i > 0; i--) {
      if (parts[i] !== 'templates') continue;
      const root = parts.slice(0, i).join('/');
      const context = this.contextOf(root);
      if (context) return { root, context };
    }
    return undefined;
  }

  /**
   * How a file is parsed, decided by its URI (and the editor's language id) before it is read: a YAML manifest that
   * is a chart template with its chart, a values file as one (its ignore comments serve the templates), anything
   * else plainly. The CLI and the editor's analysis workers both ask here, so a file is read the same way by both.
   */
  parseOptionsOf(uri: string, languageId: string): ParseOptions {
    if (!/\.ya?ml$/i.test(uri) || detectTarget(uri, languageId) !== 'kubernetes') return {};
    const chart = this.templateOf(uri);
    if (chart) return { helm: chart.context };
    return this.isValuesFile(uri) ? { helmValues: true } : {};
  }

  /** Whether `uri` is a values file of a chart (its values.yaml) or one of the override files. */
  isValuesFile(uri: string): boolean {
    if (this.overrides.some((o) => o.uri === uri)) return true;
    const name = nameOfUri(uri);
    return (name === 'values.yaml' || name === 'values.yml') && this.contextOf(folderOfUri(uri)) !== undefined;
  }

  /**
   * For a subchart unpacked under a chart's `charts/` folder, what its parent hands it, as Helm does: the section of
   * each of the parent's values files named by the subchart's name (or its alias in the parent's dependencies), and
   * the parent's `global` section as the subchart's own. Undefined for a chart that is no subchart (the CLI's
   * --values apply to it).
   */
  private parentValues(root: string, chartText: string): ValuesInput[] | undefined {
    const charts = folderOfUri(root);
    if (nameOfUri(charts) !== 'charts') return undefined;
    const parentRoot = folderOfUri(charts);
    const parent = this.contextOf(parentRoot);
    if (!parent?.chartText) return undefined;
    const own = chartNames(chartText, undefined).name ?? nameOfUri(root);
    const key = chartNames(parent.chartText, this.files.read(`${parentRoot}/requirements.yaml`)).aliases.get(own) ?? own;
    // The parent's own files only (a grandparent's sections for the parent are not followed).
    const files = parent.values.filter((v) => v.from === undefined && v.to === undefined);
    return [...files.map((v) => ({ ...v, from: ['global'], to: ['global'] })), ...files.map((v) => ({ ...v, from: [key], to: [] }))];
  }

  private contextOf(root: string): HelmChartContext | undefined {
    if (this.charts.has(root)) return this.charts.get(root);
    const chartText = this.files.read(`${root}/Chart.yaml`) ?? this.files.read(`${root}/Chart.yml`);
    let context: HelmChartContext | undefined;
    if (chartText !== undefined) {
      let valuesUri = `${root}/values.yaml`;
      let valuesText = this.files.read(valuesUri);
      if (valuesText === undefined) {
        valuesUri = `${root}/values.yml`;
        valuesText = this.files.read(valuesUri);
      }
      const values = valuesText === undefined ? [] : [{ uri: valuesUri, text: valuesText }];
      // Helm loads the named templates of the chart and of its unpacked dependencies (`charts/<name>/`, such as
      // Bitnami's `common` library) into one namespace, the chart's own parsed last so that they win.
      // Helm reads every file under `templates/`, subfolders too: FreshRSS keeps `persistence/_helpers.tpl` there.
      const helpers: string[] = [];
      const addHelpers = (folder: string, depth = 0) => {
        const entries = this.files.list(folder).sort();
        // A subfolder's helpers first, so that the folder's own are parsed last and win.
        if (depth < MAX_TEMPLATE_DEPTH) for (const entry of entries) if (!entry.includes('.')) addHelpers(`${folder}/${entry}`, depth + 1);
        for (const entry of entries) {
          // A deeper file an editor holds is read with its own folder.
          // Helm renders no manifest from a file whose name starts with `_` (`_ingress-annotations.yaml`): a helpers file too.
          if (!(entry.endsWith('.tpl') || entry.startsWith('_')) || entry.includes('/') || helpers.length >= MAX_HELPER_FILES) continue;
          const text = this.files.read(`${folder}/${entry}`);
          if (text !== undefined) helpers.push(text);
        }
      };
      for (const dependency of this.files.list(`${root}/charts`).sort()) addHelpers(`${root}/charts/${dependency}/templates`);
      addHelpers(`${root}/templates`);
      context = { chartText, values: [...values, ...(this.parentValues(root, chartText) ?? this.overrides)], helpers };
    }
    this.charts.set(root, context);
    return context;
  }
}

/** The `name` of a Chart.yaml, and its dependencies' names and aliases (Chart.yaml v2, or requirements.yaml of v1). */
function chartNames(chartText: string, requirementsText: string | undefined): { name: string | undefined; aliases: Map<string, string> } {
  const read = (text: string | undefined): Record<string, unknown> => {
    if (text === undefined) return {};
    const value = readDocument(text, { uniqueKeys: false, strict: false }).toJS({ maxAliasCount: 100 }) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  };
  const chart = read(chartText);
  const dependencies = [chart.dependencies, read(requirementsText).dependencies].flatMap((d) => (Array.isArray(d) ? d : []));
  const aliases = new Map<string, string>();
  for (const d of dependencies) {
    if (!d || typeof d !== 'object') continue;
    const { name, alias } = d as { name?: unknown; alias?: unknown };
    if (typeof name === 'string' && typeof alias === 'string' && !aliases.has(name)) aliases.set(name, alias);
  }
  return { name: typeof chart.name === 'string' ? chart.name : undefined, aliases };
}

/** A key equal for equal chart contexts: a parse made with one context serves while the key holds. */
export function chartContextKey(context: HelmChartContext): string {
  let key = contextKeys.get(context);
  if (key === undefined) {
    const parts = [context.chartText ?? '', ...context.values.flatMap((v) => [v.uri, v.text, (v.from ?? []).join('/'), (v.to ?? []).join('/')]), ...context.helpers];
    key = parts.map((p) => `${p.length}:${p}`).join('\u0000');
    contextKeys.set(context, key);
  }
  return key;
}

/** A reader hands out one context object per chart: its key is built once. */
const contextKeys = new WeakMap<HelmChartContext, string>();
