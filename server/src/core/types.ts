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

export type Target = 'dockerfile' | 'kubernetes' | 'serverless';

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

/**
 * Whether a fix may be applied without asking (`--fix`, fix-on-save). A **safe** fix keeps the
 * program's behaviour apart from what its rule is about, needs no value that only the user knows,
 * and cannot break a build or a deploy. Anything else is **unsafe**: offered, never applied unasked.
 */
export type FixSafety = 'safe' | 'unsafe';

/** An edit a rule offers for one finding. Only rules whose meta declares `fix` may offer one. */
export interface Fix {
  /** Imperative, shown as the quick-fix title, e.g. "Convert CMD to exec form". */
  title: string;
  edits: TextEdit[];
  /**
   * The engine fills this from the rule's `meta.fix`. A rule may mark one fix `unsafe` when its
   * meta says `safe` (a case its usual reasoning does not cover), never the other way round.
   */
  safety?: FixSafety;
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
  /**
   * Set only when the finding lies in another file than the one analysed: a Helm template's
   * finding about a value is reported on the values file line that sets it.
   */
  uri?: string;
  /** Other places that explain the finding (the template line that uses a value). */
  related?: RelatedLocation[];
}

export interface RelatedLocation {
  uri: string;
  range: Range;
  message: string;
}

export interface RuleMeta {
  /** `<factor>/<name>`, kebab-case, stable once released. */
  id: string;
  factor: FactorSlug;
  target: Target;
  /** The severity when the rule is on; see `offByDefault`. */
  defaultSeverity: Severity;
  /**
   * Why the rule runs only when a configuration turns it on (`"rules": {"<id>": "hint"}`): a check
   * that is sound but generic hygiene, or right for production and noise on demos. Shown in the README.
   */
  offByDefault?: string;
  /** One line, shown in the rule table and `--list-rules`. */
  description: string;
  /** Markdown, shown on hover: why this breaks the factor and what to do instead. */
  rationale: string;
  /** Message templates with `{{placeholder}}` slots, keyed by message id. */
  messages: Record<string, string>;
  /**
   * The class of the fixes this rule may attach to its reports; absent when it offers none.
   * The one source of truth: the engine drops fixes from rules that did not declare it.
   */
  fix?: FixSafety;
  /** Derived from `fix` by the define helpers (`fix !== undefined`); kept for listings. */
  fixable: boolean;
  /**
   * Rule ids whose findings this rule's fix may legitimately bring up (e.g. a probe that a
   * probe-tuning rule then checks). The fix meta-test allows exactly these, nothing else.
   */
  fixIntroduces?: string[];
  /** hadolint codes that mean the same thing; `# hadolint ignore=DLxxxx` then also silences this rule. */
  hadolint?: string[];
  /** Checks of other linters (hadolint, BuildKit, kube-linter, kube-score, Polaris, Checkov) this rule covers, for the README's "coming from" table. */
  anchors?: { tool: string; id: string }[];
}

/**
 * Why a document (or a whole file) was not analysed. The CLI's formats and the editor show the two kinds apart
 * (parse-problems.ts): a syntax error is the user's YAML to fix, an unread input is the linter's limit.
 */
export interface ParseProblem {
  /** Why, in the parser's words or ours; parse-problems.ts puts what it means for the analysis in front. */
  message: string;
  range: Range;
  /**
   * `syntax`: the YAML parser's error; that document was not analysed.
   * `duplicate`: a key written twice in one map; the document was analysed with the last value, as CloudFormation
   *   reads it, but kubectl and the Serverless Framework refuse the file.
   * `unread`: the file or document was not read at all (binary data, or nested deeper than the parsers go).
   */
  kind: 'syntax' | 'duplicate' | 'unread';
}

export interface Report {
  messageId: string;
  data?: Record<string, string | number>;
  range: Range;
  fix?: Fix;
  related?: RelatedLocation[];
}

export interface Configuration {
  /** Per-rule override: `off` disables the rule, a severity replaces its default. */
  rules?: Record<string, Severity | 'off'>;
  /**
   * Registries (and repository prefixes) images may come from, from the configuration file's
   * `trustedRegistries`; undefined when the team keeps no allow-list (the registry rules are then silent).
   */
  trustedRegistries?: readonly string[];
}

export interface SourceInput {
  uri: string;
  /** VS Code language id when known (`dockerfile`, `yaml`); the CLI derives it from the file name. */
  languageId: string;
  text: string;
}
