/**
 * The CLI's output formats beyond stylish, JSON and SARIF (cli-format.ts), and the pairing of
 * `--format` with `--output-file` so one run can write several reports.
 */
import type { FileReport } from '../cli-format';
import { toGithub } from './github';
import { toMarkdown } from './markdown';
import { toHtml } from './html';
import type { RunScope } from './summary';

export const OUTPUT_FORMATS = ['stylish', 'json', 'sarif', 'github', 'markdown', 'html'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface OutputRequest {
  format: OutputFormat;
  /** Where the report goes; undefined: standard output. */
  file?: string;
}

interface OptionToken {
  kind: string;
  name?: string;
  value?: string;
}

/**
 * Each `--output-file` belongs to the `--format` just before it; a `--format` without one writes
 * to standard output. An `--output-file` before any `--format` is for the default stylish report.
 */
export function pairOutputs(tokens: readonly OptionToken[]): OutputRequest[] {
  const outputs: OutputRequest[] = [];
  let open: OutputRequest | undefined;
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (token.name === 'format') {
      const format = token.value ?? '';
      if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) throw new Error(`--format must be ${OUTPUT_FORMATS.slice(0, -1).join(', ')} or ${OUTPUT_FORMATS.at(-1)}, got "${format}"`);
      open = { format: format as OutputFormat };
      outputs.push(open);
    } else if (token.name === 'output-file') {
      if (!token.value) throw new Error('--output-file needs a file name');
      if (!open) {
        if (outputs.length > 0) throw new Error(`--output-file "${token.value}": the --format before it already has an output file`);
        open = { format: 'stylish' };
        outputs.push(open);
      } else if (open.file !== undefined) {
        throw new Error(`--output-file "${token.value}": the --format before it already has an output file`);
      }
      open.file = token.value;
      open = undefined;
    }
  }
  if (outputs.length === 0) outputs.push({ format: 'stylish' });
  const files = outputs.map((o) => o.file).filter((f) => f !== undefined);
  const twice = files.find((f, i) => files.indexOf(f) !== i);
  if (twice !== undefined) throw new Error(`--output-file "${twice}" is given twice`);
  return outputs;
}

export function renderExtraFormat(format: 'github' | 'markdown' | 'html', reports: readonly FileReport[], version: string, scope?: RunScope): string {
  if (format === 'github') return toGithub(reports);
  if (format === 'markdown') return toMarkdown(reports, scope);
  return toHtml(reports, version, scope);
}
