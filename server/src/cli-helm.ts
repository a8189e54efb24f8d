/**
 * Helm charts for the CLI: the --values files, read once, over the shared chart reading of
 * helm-charts.ts (which the language server uses too). The analysis itself is core/helm.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ChartReader as SharedChartReader, diskChartFiles, type ChartTemplate } from './helm-charts';

export type { ChartTemplate };

export class ChartReader {
  private readonly reader: SharedChartReader;

  constructor(valuesFiles: readonly string[], fail: (message: string) => void) {
    const overrides: { uri: string; text: string }[] = [];
    for (const path of valuesFiles) {
      const uri = pathToFileURL(resolve(path)).href;
      const text = diskChartFiles.read(uri);
      if (text === undefined) fail(`${path}: cannot read the --values file`);
      else overrides.push({ uri, text });
    }
    this.reader = new SharedChartReader(diskChartFiles, overrides);
  }

  /** The chart of a template file (a file under `<chart>/templates/`, `<chart>/Chart.yaml` present), by its URI, if it is one. */
  templateOf(uri: string): ChartTemplate | undefined {
    return this.reader.templateOf(uri);
  }

  /** Whether the file (by its URI) is a chart's values file or a --values file: its ignore comments serve the templates. */
  isValuesFile(uri: string): boolean {
    return this.reader.isValuesFile(uri);
  }
}
