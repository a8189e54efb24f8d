/**
 * Helm charts for the CLI: the --values files, read once, over the shared chart reading of
 * helm-charts.ts (which the language server uses too). The analysis itself is core/helm.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ChartReader, diskChartFiles } from './helm-charts';

/** The charts on disk, with the --values files applied over every chart's values.yaml (one that cannot be read is reported). */
export function cliChartReader(valuesFiles: readonly string[], fail: (message: string) => void): ChartReader {
  const overrides: { uri: string; text: string }[] = [];
  for (const path of valuesFiles) {
    const uri = pathToFileURL(resolve(path)).href;
    const text = diskChartFiles.read(uri);
    if (text === undefined) fail(`${path}: cannot read the --values file`);
    else overrides.push({ uri, text });
  }
  return new ChartReader(diskChartFiles, overrides);
}
