/**
 * Helm charts for the CLI: which files are chart templates, the chart context each needs
 * (Chart.yaml, values.yaml and the --values files, the named templates of `templates/*.tpl`),
 * read from the file system once per chart. The analysis itself is core/helm.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { HelmChartContext } from './core/helm/template-document';

export interface ChartTemplate {
  /** The chart's folder. */
  root: string;
  context: HelmChartContext;
}

const MAX_CHART_FILE = 5 * 1024 * 1024;

function readSmall(path: string): string | undefined {
  try {
    if (!statSync(path).isFile() || statSync(path).size > MAX_CHART_FILE) return undefined;
    return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

export class ChartReader {
  private readonly charts = new Map<string, HelmChartContext | undefined>();
  /** Override files given with --values, read once. */
  private readonly overrides: { uri: string; text: string }[];

  constructor(valuesFiles: readonly string[], fail: (message: string) => void) {
    this.overrides = [];
    for (const path of valuesFiles) {
      const text = readSmall(path);
      if (text === undefined) fail(`${path}: cannot read the --values file`);
      else this.overrides.push({ uri: pathToFileURL(resolve(path)).href, text });
    }
  }

  /** The chart of a template file (a file under `<chart>/templates/`, `<chart>/Chart.yaml` present), if it is one. */
  templateOf(path: string): ChartTemplate | undefined {
    const absolute = resolve(path);
    const parts = absolute.split(sep);
    // The innermost `templates` folder whose parent holds a Chart.yaml (subcharts have their own).
    for (let i = parts.length - 2; i > 0; i--) {
      if (parts[i] !== 'templates') continue;
      const root = parts.slice(0, i).join(sep) || sep;
      const context = this.contextOf(root);
      if (context) return { root, context };
    }
    return undefined;
  }

  private contextOf(root: string): HelmChartContext | undefined {
    if (this.charts.has(root)) return this.charts.get(root);
    const chartText = readSmall(join(root, 'Chart.yaml')) ?? readSmall(join(root, 'Chart.yml'));
    let context: HelmChartContext | undefined;
    if (chartText !== undefined) {
      const valuesPath = existsSync(join(root, 'values.yaml')) ? join(root, 'values.yaml') : join(root, 'values.yml');
      const valuesText = readSmall(valuesPath);
      const values = valuesText === undefined ? [] : [{ uri: pathToFileURL(valuesPath).href, text: valuesText }];
      const helpers: string[] = [];
      for (const folder of [join(root, 'templates')]) {
        let entries: string[] = [];
        try {
          entries = readdirSync(folder).sort();
        } catch {
          entries = [];
        }
        for (const entry of entries) {
          if (!entry.endsWith('.tpl')) continue;
          const text = readSmall(join(folder, entry));
          if (text !== undefined) helpers.push(text);
        }
      }
      context = { chartText, values: [...values, ...this.overrides], helpers };
    }
    this.charts.set(root, context);
    return context;
  }
}
