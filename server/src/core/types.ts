/**
 * The vocabulary shared by every part of the analysis core: positions, findings,
 * fixes, rule metadata and configuration. Plain data only, so the server, the CLI
 * and the tests can all consume it without knowing how it was produced.
 */
import type { Position, Range } from 'vscode-languageserver-types';

export type { Position, Range };

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** Lower number = more severe; used for thresholds such as `--fail-on`. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export type Target = 'dockerfile' | 'kubernetes';

export type FactorSlug =
  | 'codebase'
  | 'dependencies'
  | 'config'
  | 'backing-services'
  | 'build-release-run'
  | 'processes'
  | 'port-binding'
  | 'concurrency'
  | 'disposability'
  | 'dev-prod-parity'
  | 'logs'
  | 'admin-processes';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A safe edit a rule offers for one finding. Only rules whose meta says `fixable` may offer one. */
export interface Fix {
  /** Imperative, shown as the quick-fix title, e.g. "Convert CMD to exec form". */
  title: string;
  edits: TextEdit[];
}

export interface Finding {
  ruleId: string;
  /** Which of the rule's message templates produced `message` (tests assert on it). */
  messageId?: string;
  /** The factor the finding breaks. `null` only for findings about suppression comments themselves. */
  factor: FactorSlug | null;
  severity: Severity;
  message: string;
  range: Range;
  fix?: Fix;
}

export interface RuleMeta {
  /** `<factor>/<name>`, kebab-case, stable once released. */
  id: string;
  factor: FactorSlug;
  target: Target;
  defaultSeverity: Severity;
  /** One line, shown in the rule table and `--list-rules`. */
  description: string;
  /** Markdown, shown on hover: why this breaks the factor and what to do instead. */
  rationale: string;
  /** Message templates with `{{placeholder}}` slots, keyed by message id. */
  messages: Record<string, string>;
  /** Whether the rule may attach a fix to its reports. The runtime drops fixes from rules that did not declare it. */
  fixable: boolean;
  /** hadolint codes that mean the same thing; `# hadolint ignore=DLxxxx` then also silences this rule. */
  hadolint?: string[];
}

export interface Report {
  messageId: string;
  data?: Record<string, string | number>;
  range: Range;
  fix?: Fix;
}

export interface Configuration {
  /** Per-rule override: `off` disables the rule, a severity replaces its default. */
  rules?: Record<string, Severity | 'off'>;
}

export interface SourceInput {
  uri: string;
  /** VS Code language id when known (`dockerfile`, `yaml`); the CLI derives it from the file name. */
  languageId: string;
  text: string;
}
