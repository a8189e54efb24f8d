/**
 * The engine: detects what a document is, parses it once, runs every enabled rule of
 * its target with a context, contains rules that throw, applies suppressions and
 * returns plain findings. No I/O, no transport: the server, the CLI and the tests
 * all call `parseDocument` + `analyzeParsed` (or `analyze` for both at once).
 */
import { shortSpokenList } from './lists';
import type { Configuration, Finding, ParseProblem, Range, Report, Severity, SourceInput, Target, TextEdit } from './types';
import { uriPath } from './uri';
import { isForeignTemplateName } from './foreign-templates';
import { SourceText, comparePositions } from './source';
import { DockerfileModel } from './dockerfile/model';
import { KubernetesModel, type KubeObject } from './kubernetes/model';
import { asMap, pairOf, scalarString, valueOf } from './kubernetes/yaml-nodes';
import { ALL_RULES, ruleById } from './rules';
import { workspaceOf, formatMessage, type DockerfileRule, type KubernetesRule, type KubernetesWorkspace, type Rule, type ServerlessRule } from './rule';
import { maskTextKnowing, secretsIn } from './mask';
import { HelmTemplate, type HelmChartContext } from './helm/template-document';
import { ServerlessModel, looksLikeServerless } from './serverless/model';
import type { BuildContext } from './build-context';
import { IGNORE_ANNOTATION, SUPPRESSION_DIAGNOSTICS, buildkitCode, findBuildCheckSkips, findCommentSuppressions, suppresses, type Suppression } from './suppression';

export interface ParsedDocument {
  input: SourceInput;
  /** `undefined` when the document is neither a Dockerfile nor YAML (or is binary). */
  target: Target | undefined;
  source: SourceText;
  dockerfile?: DockerfileModel;
  kubernetes?: KubernetesModel;
  /** A SAM/CloudFormation template or a serverless.yml, recognised by its content. */
  serverless?: ServerlessModel;
  /** Problems that stopped (part of) the document being read: YAML syntax errors, binary content. */
  parseProblems: ParseProblem[];
  suppressions: Suppression[];
  /** A Helm chart template: `kubernetes` reads its rendering; findings are mapped back (helm/). */
  helm?: HelmParse;
  /** A chart's values file: its ignore comments serve the templates' findings (see ParseOptions.helmValues). */
  helmValues?: boolean;
  /** The document's own secrets (secretsIn), found on the first finding of the first analysis and kept with the parse. */
  secrets?: string[];
}

export interface HelmParse {
  template: HelmTemplate;
  /** Suppression comments of the values files, for findings moved there. */
  valuesSuppressions: Map<string, Suppression[]>;
  /** Why (part of) the template was not read; reported as one hint on the file. */
  skipped?: string;
  /** A named template the file includes that no file of the chart defines (HELM_UNDEFINED_TEMPLATE). */
  undefinedTemplate?: { name: string; range: Range };
}

export interface ParseOptions {
  /** The chart around a Helm template (values, Chart.yaml, named templates): the template is rendered and analysed. */
  helm?: HelmChartContext;
  /**
   * The document is a chart's values file (values.yaml or a --values file): its ignore comments
   * suppress findings the templates report there, which this file's own analysis cannot see, so
   * they are never reported as unused here.
   */
  helmValues?: boolean;
}

export interface RuleFailure {
  ruleId: string;
  error: string;
}

export interface Analysis {
  parsed: ParsedDocument;
  findings: Finding[];
  /** Rules that threw; reported to the log by the caller, never to the user as findings. */
  ruleFailures: RuleFailure[];
}

export interface AnalysisOptions {
  configuration?: Configuration;
  /** Kubernetes objects from other files, for cross-file relations. This file's objects are added automatically. */
  workspaceObjects?: readonly KubeObject[];
  /** Image names every Kustomize build of this file pins (ApplicationIndex.pinnedImages); rules judge images by it. */
  pinnedImages?: ReadonlySet<string>;
  /** The rules to run; all registered rules by default (tests pass one). */
  rules?: readonly Rule[];
  /** What the caller read of a Dockerfile's build context (`.dockerignore`, entrypoint script); unknown when absent. */
  buildContext?: BuildContext;
}

/**
 * A Dockerfile's name, in any case: `Dockerfile`, `Dockerfile.<anything>`, `Dockerfile-<name>` or `Dockerfile_<name>`
 * when nothing after the stem has a dot (`dockerfile_test.go` is Go), `<name>.dockerfile`, and the same for
 * `Containerfile`. The one test of it: the CLI's walk, the build context and target detection ask isDockerfileName.
 */
const DOCKERFILE_NAME = /(^|\/)(Dockerfile|Containerfile)(\.[^/]*|[-_][^./]+)?$|\.(dockerfile|containerfile)$/i;

/** True when a file name (or the last segment of a path) is a Dockerfile's (see DOCKERFILE_NAME). */
export function isDockerfileName(path: string): boolean {
  return DOCKERFILE_NAME.test(path);
}
const YAML_NAME = /\.ya?ml$/i;
const JSON_NAME = /\.(json|template)$/i;

/** Decides the target from the language id, falling back on the file name. */
export function detectTarget(uri: string, languageId: string): Target | undefined {
  const path = uriPath(uri);
  // Before the language id: VS Code opens `Dockerfile.j2` as a Dockerfile (its `Dockerfile.*` pattern).
  if (isForeignTemplateName(path)) return undefined;
  if (languageId === 'dockerfile' || languageId === 'containerfile') return 'dockerfile';
  if (languageId === 'yaml') return 'kubernetes';
  // Helm's language id also covers `_helpers.tpl` and `NOTES.txt`, which are no manifests (the CLI skips them too).
  if (languageId === 'helm') return YAML_NAME.test(path) ? 'kubernetes' : undefined;
  if (isDockerfileName(path)) return 'dockerfile';
  if (YAML_NAME.test(path)) return 'kubernetes';
  // JSON is read only when its content is a CloudFormation/SAM template (parseDocument decides).
  if (languageId === 'json' || JSON_NAME.test(path)) return 'serverless';
  return undefined;
}

/**
 * True when a file's content turned out to be none of the targets: a JSON or `.template` file that holds no
 * CloudFormation, SAM or Serverless template (package.json, tsconfig.json). Nothing of it was checked, so no
 * summary counts it among the files checked. A binary or unreadable file is not one: its problem is reported.
 */
export function isNotATarget(parsed: Pick<ParsedDocument, 'target' | 'parseProblems'>): boolean {
  return parsed.target === undefined && parsed.parseProblems.length === 0;
}

/**
 * The target a file's name promises, where a cheap look at its text does not already rule it out: a JSON or
 * `.template` file is read in case it is a template, and one without a template's markers never is one
 * (parseDocument reads it to nothing, see parseServerless). For those who hold files before any parse.
 */
export function likelyTarget(uri: string, languageId: string, text: string): Target | undefined {
  const target = detectTarget(uri, languageId);
  return target === 'serverless' && !looksLikeServerless(text) ? undefined : target;
}

/** True for content that is not text (a NUL byte is the reliable tell). */
export function looksBinary(text: string): boolean {
  return text.includes('\u0000');
}

export function parseDocument(input: SourceInput, version = 0, options: ParseOptions = {}): ParsedDocument {
  const source = new SourceText(input.uri, input.text, input.languageId, version);
  const target = detectTarget(input.uri, input.languageId);
  const parsed: ParsedDocument = { input, target, source, parseProblems: [], suppressions: [] };
  if (options.helmValues) parsed.helmValues = true;
  if (!target) return parsed;
  if (looksBinary(input.text)) {
    parsed.target = undefined;
    parsed.parseProblems.push({ message: 'The file contains binary data (a NUL byte).', range: source.rangeOf(0, 0), kind: 'unread' });
    return parsed;
  }
  try {
    return parseByTarget(parsed, target, options);
  } catch (error) {
    // The parsers recurse on structure: the yaml package overflows the stack on some 60 KB inputs (fuzz seed
    // 8086). Such a file is reported as unreadable, with no findings, instead of failing the whole run.
    if (!(error instanceof RangeError) || !/call stack/i.test(error.message)) throw error;
    const unreadable: ParsedDocument = { input, target: undefined, source, parseProblems: [], suppressions: [] };
    unreadable.parseProblems.push({ message: 'The file is nested too deeply for the parser to read.', range: source.rangeOf(0, 0), kind: 'unread' });
    return unreadable;
  }
}

function parseByTarget(parsed: ParsedDocument, target: Target, options: ParseOptions): ParsedDocument {
  const source = parsed.source;
  if (target === 'kubernetes' && options.helm) return parseHelmTemplate(parsed, options.helm);
  // SAM/CloudFormation templates and serverless.yml, by content; other JSON yields nothing, other YAML goes on as Kubernetes.
  if ((target === 'kubernetes' || target === 'serverless') && parseServerless(parsed)) return parsed;
  if (target === 'serverless') {
    parsed.target = undefined;
    return parsed;
  }
  if (target === 'dockerfile') {
    const model = new DockerfileModel(source);
    parsed.dockerfile = model;
    // Instructions by their first line, built on the first directive: one pass, not one scan per comment.
    let byLine: Map<number, Range> | undefined;
    parsed.suppressions = findCommentSuppressions(source, (line) => {
      if (!byLine) {
        byLine = new Map();
        for (const i of model.instructions) {
          const range = i.getRange();
          if (!byLine.has(range.start.line)) byLine.set(range.start.line, range);
        }
      }
      return byLine.get(line) ?? (line < source.lineCount ? source.lineRange(line) : undefined);
    }).concat(findBuildCheckSkips(source));
  } else {
    const model = new KubernetesModel(source, { valuesFile: options.helmValues });
    parsed.kubernetes = model;
    // concat, not push(...): a spread of an unbounded array overflows the stack.
    parsed.parseProblems = parsed.parseProblems.concat(model.parseProblems);
    parsed.suppressions = findCommentSuppressions(source, (line) => (line < source.lineCount ? source.lineRange(line) : undefined));
    for (const object of model.objects) for (const suppression of annotationSuppression(model, object)) parsed.suppressions.push(suppression);
  }
  return parsed;
}

export function analyze(input: SourceInput, options: AnalysisOptions = {}): Analysis {
  return analyzeParsed(parseDocument(input), options);
}

export function analyzeParsed(parsed: ParsedDocument, options: AnalysisOptions = {}): Analysis {
  // The rules of a Dockerfile ask for the same instructions' words many times: read once per analysis.
  return parsed.dockerfile ? parsed.dockerfile.analysing(() => runRules(parsed, options)) : runRules(parsed, options);
}

function runRules(parsed: ParsedDocument, options: AnalysisOptions): Analysis {
  const configuration = options.configuration ?? {};
  const { rules, pragmaCodes } = rulesFor(options.rules ?? ALL_RULES, parsed.target);
  const findings: Finding[] = [];
  const ruleFailures: RuleFailure[] = [];
  // Suppression state is per analysis: reset the "used" marks from any earlier run on the same parse.
  for (const suppression of parsed.suppressions) for (const id of suppression.ids) id.used = false;
  const ranRuleIds = new Set<string>();
  let workspace: KubernetesWorkspace | undefined;
  if (parsed.kubernetes) {
    workspace = workspaceOf(parsed.source.uri, parsed.kubernetes.objects, options.workspaceObjects ?? []);
    // The pins are this file's (its own builds'): the application's workspace is shared, so they go on a copy.
    if (options.pinnedImages) workspace = { ...workspace, pinnedImages: options.pinnedImages };
  }

  let known: string[] | undefined;
  for (const rule of rules) {
    const severity = effectiveSeverity(rule, configuration);
    if (severity === 'off') continue;
    ranRuleIds.add(rule.meta.id);
    const collected: Finding[] = [];
    let unlisted = 0;
    const report = (r: Report) => {
      // A rule that repeats itself thousands of times in one file says so once rather than flooding every view.
      if (collected.length >= MAX_FINDINGS_PER_RULE) {
        unlisted++;
        return;
      }
      const template = rule.meta.messages[r.messageId];
      if (template === undefined) throw new Error(`unknown messageId "${r.messageId}"`);
      // Every value is masked (formatMessage), knowing the document's own secrets (found once, on the first report).
      known ??= parsed.secrets ??= secretsIn(parsed.source.text);
      const finding: Finding = { ruleId: rule.meta.id, messageId: r.messageId, factor: rule.meta.factor, severity, message: formatMessage(template, r.data, known), range: r.range };
      if (r.related) finding.related = r.related;
      // A rule that did not declare itself fixable cannot slip an edit into the user's file.
      // Its title is shown as a quick fix: it goes through the masker like the message (formatMessage) does.
      if (r.fix && rule.meta.fix) finding.fix = { ...r.fix, title: maskTextKnowing(r.fix.title, known), safety: r.fix.safety === 'unsafe' ? 'unsafe' : rule.meta.fix };
      collected.push(finding);
    };
    try {
      if (rule.meta.target === 'dockerfile' && parsed.dockerfile) {
        (rule as DockerfileRule).check({ source: parsed.source, configuration, report, model: parsed.dockerfile, buildContext: options.buildContext });
      } else if (rule.meta.target === 'serverless' && parsed.serverless) {
        (rule as ServerlessRule).check({ source: parsed.source, configuration, report, model: parsed.serverless });
      } else if (rule.meta.target === 'kubernetes' && parsed.kubernetes && workspace) {
        (rule as KubernetesRule).check({ source: parsed.kubernetes.source, configuration, report, model: parsed.kubernetes, workspace });
      }
      for (const finding of collected) findings.push(finding);
      if (unlisted > 0) {
        const last = collected[collected.length - 1];
        findings.push({ ruleId: rule.meta.id, factor: rule.meta.factor, severity, message: `${unlisted} more findings of this rule in this file are not listed (the first ${MAX_FINDINGS_PER_RULE} are).`, range: { start: last.range.end, end: last.range.end } });
      }
    } catch (error) {
      // Containment: one broken rule must not cost the user the other rules' findings.
      ruleFailures.push({ ruleId: rule.meta.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  }

  const candidates = suppressionsByLine(parsed.suppressions);
  if (parsed.helm) mapHelmFindings(parsed, parsed.helm, findings, configuration);
  const projectSeverity = configuration.rules?.[PROJECT_TEMPLATE_SKIPPED.id] ?? PROJECT_TEMPLATE_SKIPPED.severity;
  if (parsed.serverless?.skipped && projectSeverity !== 'off') findings.push({ ruleId: PROJECT_TEMPLATE_SKIPPED.id, factor: null, severity: projectSeverity, message: parsed.serverless.skipped, range: parsed.source.rangeOf(0, 0) });
  const includedSeverity = configuration.rules?.[INCLUDED_FILES.id] ?? INCLUDED_FILES.severity;
  if (includedSeverity !== 'off') {
    for (const { message, range } of includedFileNotices(parsed.serverless?.includedFiles ?? [])) findings.push({ ruleId: INCLUDED_FILES.id, factor: null, severity: includedSeverity, message, range });
  }
  const kept = findings.filter((finding) => finding.uri !== undefined || !candidates(finding.range.start.line).some((s) => suppresses(s, finding.ruleId, pragmaCodes.get(finding.ruleId) ?? [], finding.range)));
  for (const finding of suppressionFindings(parsed, ranRuleIds, configuration)) kept.push(finding);
  kept.sort((a, b) => comparePositions(a.range.start, b.range.start) || a.ruleId.localeCompare(b.ruleId));
  return { parsed, findings: dedupe(kept), ruleFailures };
}

/** Findings one rule lists for one file; the rest are counted in one closing finding. */
export const MAX_FINDINGS_PER_RULE = 1000;

export function effectiveSeverity(rule: Rule, configuration: Configuration): Severity | 'off' {
  return configuration.rules?.[rule.meta.id] ?? (rule.meta.offByDefault ? 'off' : rule.meta.defaultSeverity);
}

/**
 * The suppressions whose scope may cover a finding starting on a line, in their original order
 * (the first that matches is the one marked used). File-wide ones apply to every line; scoped ones
 * are listed on each line of their scope, each distinct scope once, so the total work stays
 * proportional to the lines covered instead of findings × suppressions.
 */
function suppressionsByLine(suppressions: readonly Suppression[]): (line: number) => readonly Suppression[] {
  if (suppressions.length === 0) return () => suppressions;
  const fileWide: number[] = [];
  const scopes = new Map<string, { start: number; end: number; members: number[] }>();
  suppressions.forEach((suppression, i) => {
    const scope = suppression.scope;
    if (!scope) return void fileWide.push(i);
    const key = `${scope.start.line}:${scope.start.character}-${scope.end.line}:${scope.end.character}`;
    const group = scopes.get(key);
    if (group) group.members.push(i);
    else scopes.set(key, { start: scope.start.line, end: scope.end.line, members: [i] });
  });
  const byLine = new Map<number, number[]>();
  for (const { start, end, members } of scopes.values()) {
    for (let line = start; line <= end; line++) {
      const list = byLine.get(line);
      if (list) for (const m of members) list.push(m);
      else byLine.set(line, members.slice());
    }
  }
  const cache = new Map<number, Suppression[]>();
  return (line) => {
    let found = cache.get(line);
    if (!found) {
      const scoped = byLine.get(line) ?? [];
      const order = fileWide.length === 0 && scoped.length <= 1 ? scoped : fileWide.concat(scoped).sort((a, b) => a - b);
      found = order.map((i) => suppressions[i]);
      cache.set(line, found);
    }
    return found;
  };
}

/** Two reports of one rule at one range say the same thing once. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId}@${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A list's rules for one target, with the codes of other tools' pragmas that cover each (see suppresses). */
interface RuleSelection {
  rules: readonly Rule[];
  pragmaCodes: Map<string, readonly string[]>;
}

function select(rules: readonly Rule[], target: Target | undefined): RuleSelection {
  const forTarget = rules.filter((rule) => rule.meta.target === target);
  const codesOf = (rule: Rule): string[] => [...(rule.meta.hadolint ?? []), ...(rule.meta.anchors ?? []).filter((a) => a.tool === 'BuildKit').map((a) => buildkitCode(a.id))];
  return { rules: forTarget, pragmaCodes: new Map(forTarget.map((r) => [r.meta.id, codesOf(r)])) };
}

/** The registry's selection per target, worked out once rather than once per file (the registry does not change). */
const registrySelections = new Map<Target | undefined, RuleSelection>();

function rulesFor(rules: readonly Rule[], target: Target | undefined): RuleSelection {
  if (rules !== ALL_RULES) return select(rules, target);
  let selection = registrySelections.get(target);
  if (!selection) {
    selection = select(ALL_RULES, target);
    registrySelections.set(target, selection);
  }
  return selection;
}

function suppressionFindings(parsed: ParsedDocument, ranRuleIds: Set<string>, configuration: Configuration): Finding[] {
  const out: Finding[] = [];
  const push = (meta: (typeof SUPPRESSION_DIAGNOSTICS)[keyof typeof SUPPRESSION_DIAGNOSTICS], range: Range, data: Record<string, string> = {}) => {
    const severity = configuration.rules?.[meta.id] ?? meta.severity;
    if (severity === 'off') return;
    out.push({ ruleId: meta.id, factor: null, severity, message: formatMessage(meta.message, data), range });
  };
  for (const suppression of parsed.suppressions) {
    if (suppression.kind === 'hadolint' || suppression.kind === 'buildkit') continue; // Other tools' pragmas: not ours to judge.
    if (suppression.kind !== 'annotation' && suppression.reason === undefined) push(SUPPRESSION_DIAGNOSTICS.missingReason, suppression.range);
    for (const id of suppression.ids) {
      if (!ruleById(id.id)) push(SUPPRESSION_DIAGNOSTICS.unknownRule, id.range, { id: id.id });
      else if (!id.used && ranRuleIds.has(id.id) && !parsed.helmValues) push(SUPPRESSION_DIAGNOSTICS.unused, id.range, { id: id.id });
    }
  }
  const model = parsed.kubernetes;
  if (model) {
    for (const object of model.objects) {
      const template = object.podSpec?.templateMetadata;
      if (!template || template === object.metadata) continue;
      const annotations = asMap(valueOf(template, 'annotations', object.doc), object.doc);
      const pair = pairOf(annotations, IGNORE_ANNOTATION, object.doc);
      // A Helm placeholder entry may stand for any key (pairOf answers with it): only the annotation as written counts.
      const range = pair && scalarString(pair.key as never, object.doc) === IGNORE_ANNOTATION ? model.rangeOf(pair.key as never) : undefined;
      if (range) push(SUPPRESSION_DIAGNOSTICS.misplacedAnnotation, range);
    }
  }
  return out;
}

/**
 * Reads the document as a serverless template when its content says it is one (the cheap text test,
 * then the parsed tree); true when it was taken as one. Syntax errors count when the text is clearly a template.
 */
function parseServerless(parsed: ParsedDocument): boolean {
  const source = parsed.source;
  if (!looksLikeServerless(source.text)) return false;
  const model = new ServerlessModel(source);
  if (!model.kind && model.parseProblems.length === 0 && !model.isProjectTemplate) return false;
  parsed.target = 'serverless';
  parsed.serverless = model;
  parsed.parseProblems = parsed.parseProblems.concat(model.parseProblems);
  parsed.suppressions = findCommentSuppressions(source, (line) => (line < source.lineCount ? source.lineRange(line) : undefined));
  return true;
}

/** The object's own ignore annotation as a suppression scoped to the object. */
function annotationSuppression(model: KubernetesModel, object: KubeObject): Suppression[] {
  const annotations = asMap(valueOf(object.metadata, 'annotations', object.doc), object.doc);
  const pair = pairOf(annotations, IGNORE_ANNOTATION, object.doc);
  if (!pair) return [];
  const value = scalarString(pair.value, object.doc) ?? '';
  const valueRange = model.rangeOf(pair.value as never) ?? model.rangeOf(pair.key as never)!;
  // Ids are reported on the annotation's value as a whole: quoting makes exact columns unreliable.
  const ids = value
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((id) => ({ id, range: valueRange, used: false }));
  return [{ kind: 'annotation', ids, reason: undefined, range: valueRange, scope: object.range }];
}

/** The first named template the file includes that no file of its chart defines (RenderResult.undefinedTemplates), where the file names it (else its first line). */
function undefinedTemplateOf(source: SourceText, names: readonly string[]): HelmParse['undefinedTemplate'] {
  if (names.length === 0) return undefined;
  const name = names[0];
  const at = source.text.indexOf(JSON.stringify(name));
  return { name, range: at >= 0 ? source.rangeOf(at, at + name.length + 2) : source.rangeOf(0, 0) };
}

/** A chart template: rendered with its chart (helm/), then read as Kubernetes YAML; suppressions stay on the template. */
function parseHelmTemplate(parsed: ParsedDocument, context: HelmChartContext): ParsedDocument {
  const source = parsed.source;
  const template = new HelmTemplate(source, context);
  const model = new KubernetesModel(template.rendered);
  model.writtenAt = (range) => {
    const mapped = template.map(range);
    return { uri: mapped.uri ?? source.uri, range: mapped.range };
  };
  // Related locations of findings (in this file or another) name an object where the template writes it.
  for (const object of model.objects) {
    object.writtenKindRange = template.toTemplate(object.kindRange);
    // A container's name is where findings about what it lacks sit: on the template, not on a values line.
    for (const container of object.podSpec?.allContainers ?? []) template.anchorAt(container.anchorRange);
  }
  parsed.kubernetes = model;
  const unread = model.documents.filter((doc) => doc.errors.length > 0).length;
  // Which it is cannot be told apart: a stray quote in the template reads like a value nobody can render. Functions
  // the renderer does not evaluate are named, the likeliest cause.
  const unevaluated = template.render.unevaluated ?? [];
  const cause = unevaluated.length > 0
    ? `it calls ${unevaluated.slice(0, 3).map((f) => `\`${f}\``).join(', ')}${unevaluated.length > 3 ? ' and more' : ''}, which the linter does not evaluate, or holds a construct it cannot follow or a syntax error`
    : 'a construct the linter cannot follow, or a syntax error in the template';
  const skipped = template.render.error
    ? `This Helm template was not analysed: ${template.render.error}.`
    : unread > 0
      ? `${unread} document${unread === 1 ? '' : 's'} of this Helm template ${unread === 1 ? 'does' : 'do'} not read as YAML once rendered (${cause}) and ${unread === 1 ? 'was' : 'were'} not analysed.`
      : undefined;
  const valuesSuppressions = new Map<string, Suppression[]>();
  for (const values of context.values) {
    const valuesSource = new SourceText(values.uri, values.text);
    valuesSuppressions.set(values.uri, findCommentSuppressions(valuesSource, (line) => (line < valuesSource.lineCount ? valuesSource.lineRange(line) : undefined)));
  }
  parsed.helm = { template, valuesSuppressions, skipped, undefinedTemplate: undefinedTemplateOf(source, template.render.undefinedTemplates ?? []) };
  // A comment covers the next line that renders something: control lines (`{{- if … }}`, `{{- end }}`) are stepped over.
  const nextRendering = nextNonControlLines(source);
  parsed.suppressions = findCommentSuppressions(source, (line) => {
    const target = nextRendering(line);
    return target < source.lineCount ? source.lineRange(target) : undefined;
  });
  for (const object of model.objects) {
    for (const suppression of annotationSuppression(model, object)) {
      const toTemplate = (r: Range) => template.toTemplate(r);
      parsed.suppressions.push({ ...suppression, range: toTemplate(suppression.range), scope: suppression.scope && toTemplate(suppression.scope), ids: suppression.ids.map((id) => ({ ...id, range: toTemplate(id.range) })) });
    }
  }
  return parsed;
}

const CONTROL_KEYWORDS = new Set(['if', 'else', 'end', 'with', 'range']);

/** Whether a (trimmed) line holds only one control action (`if`, `else`, `end`, `with`, `range`, a template comment): it renders nothing. */
function isControlLine(trimmed: string): boolean {
  if (!trimmed.startsWith('{{') || !trimmed.endsWith('}}') || trimmed.length < 4) return false;
  let inner = trimmed.slice(2, -2);
  if (inner.includes('{{') || inner.includes('}}')) return false;
  if (inner.startsWith('-')) inner = inner.slice(1);
  if (inner.endsWith('-')) inner = inner.slice(0, -1);
  inner = inner.trim();
  if (inner.startsWith('/*')) return inner.endsWith('*/');
  const word = /^[a-z]+/.exec(inner)?.[0] ?? '';
  return CONTROL_KEYWORDS.has(word) && (inner.length === word.length || !/[A-Za-z0-9_]/.test(inner[word.length]));
}

/**
 * `line` → the first line from `line` on that is not a control line (nor blank, nor a comment),
 * in one backward pass computed once per template.
 */
function nextNonControlLines(source: SourceText): (line: number) => number {
  let next: Int32Array | undefined;
  return (line) => {
    if (!next) {
      next = new Int32Array(source.lineCount + 1);
      next[source.lineCount] = source.lineCount;
      for (let l = source.lineCount - 1; l >= 0; l--) {
        const trimmed = source.lineText(l).trim();
        next[l] = trimmed === '' || trimmed.startsWith('#') || isControlLine(trimmed) ? next[l + 1] : l;
      }
    }
    return line >= source.lineCount ? source.lineCount : next[Math.max(0, line)];
  };
}

/** HELM_SKIPPED: the one hint on a template that was (partly) not read. */
export const HELM_SKIPPED = { id: 'helm/template-not-analysed', severity: 'hint', description: 'A Helm template (or part of it) is too dynamic to read and was not analysed.' } as const;

/** PROJECT_TEMPLATE_SKIPPED: the one hint on a `sam init`/cookiecutter project template, which is read only once rendered. */
export const PROJECT_TEMPLATE_SKIPPED = { id: 'serverless/project-template-not-analysed', severity: 'hint', description: 'A SAM or Serverless project template with Jinja blocks, cookiecutter placeholders or Go template actions is read only once rendered, and was not analysed.' } as const;

/** More included files of functions (or of functions' settings) than this get one hint together. */
const MANY_INCLUDES = 4;

/** What every INCLUDED_FILES message says of the file: the Framework reads it, the analysis does not. */
const INCLUDED_UNREAD = 'included when the Serverless Framework deploys and not analysed here';

/**
 * INCLUDED_FILES' messages: one per `${file(...)}` where it is written, except that functions taken from more than
 * MANY_INCLUDES files (dev-rods/Traffic-Manager's 25 `interface.yml`), or function settings from as many, get one
 * message together, on the first.
 */
function includedFileNotices(included: NonNullable<ParsedDocument['serverless']>['includedFiles']): { message: string; range: Range }[] {
  const out: { message: string; range: Range }[] = [];
  const lists = included.filter((f) => f.what === 'functions');
  const settings = included.filter((f) => f.what === 'function');
  const grouped = (group: readonly unknown[]) => group.length > MANY_INCLUDES;
  const functionsChecks = 'their runtimes, timeouts, events and environment are not checked.';
  if (grouped(lists)) {
    const files = shortSpokenList(lists.map((f) => `\`${f.file}\``));
    out.push({ range: lists[0].range, message: `The functions in ${lists.length} files, ${files}, are ${INCLUDED_UNREAD}: ${functionsChecks}` });
  }
  if (grouped(settings)) {
    const names = shortSpokenList(settings.map((f) => `\`${f.name}\` (\`${f.file}\`)`));
    out.push({ range: settings[0].range, message: `The settings of ${settings.length} functions, ${names}, are in files ${INCLUDED_UNREAD}: ${functionsChecks}` });
  }
  for (const { file, what, range, name } of included) {
    if ((what === 'functions' && grouped(lists)) || (what === 'function' && grouped(settings))) continue;
    const message =
      what === 'functions'
        ? `The functions in \`${file}\` are ${INCLUDED_UNREAD}: ${functionsChecks}`
        : what === 'function'
          ? `The settings of function \`${name}\` are in \`${file}\`, ${INCLUDED_UNREAD}: its runtime, timeout, events and environment are not checked.`
          : what === 'events'
            ? `The events of function \`${name}\` are in \`${file}\`, ${INCLUDED_UNREAD}: the limits its API and queue events set on its timeout are not checked.`
            : `The environment in \`${file}\` is ${INCLUDED_UNREAD}: its secrets and settings are not checked.`;
    out.push({ message, range });
  }
  return out;
}

/** INCLUDED_FILES: a hint on each `${file(...)}` a serverless.yml takes functions or an environment from, which the analysis does not read. */
export const INCLUDED_FILES = { id: 'serverless/included-file-not-analysed', severity: 'hint', description: 'A serverless.yml takes functions, a function\'s settings or events, or an environment from another file (`${file(…)}`), which is not analysed with it.' } as const;

/**
 * Notices about the tool's own coverage (what it could not read), not about the code: no factor, a hint by
 * default, configurable like a rule. Listed by `--list-rules`, accepted in configuration, and left out of
 * precision reviews (`npm run review`), which judge findings about the code.
 */
/** HELM_UNDEFINED_TEMPLATE: a hint where a template includes a named template that no file of its chart defines. */
export const HELM_UNDEFINED_TEMPLATE = { id: 'helm/named-template-undefined', severity: 'hint', description: 'A Helm template includes a named template that no file of its chart defines: `helm template` stops there, and the linter reads it as unknown.' } as const;

export const COVERAGE_NOTICES = [HELM_SKIPPED, HELM_UNDEFINED_TEMPLATE, PROJECT_TEMPLATE_SKIPPED, INCLUDED_FILES] as const;

/**
 * Findings of a rendered template, back on the template: a finding about a value goes to the
 * values file line that sets it (the template line as related information), or away when a
 * suppression comment there covers it. A fix is kept only where its edits can be made in the template as written.
 */
function mapHelmFindings(parsed: ParsedDocument, helm: HelmParse, findings: Finding[], configuration: Configuration): void {
  const hadolint: string[] = [];
  for (let i = findings.length - 1; i >= 0; i--) {
    const finding = findings[i];
    const mapped = helm.template.map(finding.range);
    // A fix is kept only when each of its edits lands in the template's own text unchanged (HelmTemplate.toTemplateEdit).
    const edits = finding.fix && !mapped.uri ? finding.fix.edits.map((e) => helm.template.toTemplateEdit(e)) : [];
    if (finding.fix && edits.length > 0 && edits.every((e) => e !== undefined)) finding.fix = { ...finding.fix, edits: edits as TextEdit[] };
    else delete finding.fix;
    finding.range = mapped.range;
    if (mapped.uri) {
      finding.uri = mapped.uri;
      finding.related = [...(mapped.related ?? []), ...(finding.related ?? [])];
      const suppressions = helm.valuesSuppressions.get(mapped.uri) ?? [];
      // A comment where the value lives, or one in the template above the line that uses it (its related range).
      const use = mapped.related?.[0]?.range;
      if (suppressions.some((s) => suppresses(s, finding.ruleId, hadolint, mapped.range))) findings.splice(i, 1);
      else if (use && parsed.suppressions.some((s) => suppresses(s, finding.ruleId, hadolint, use))) findings.splice(i, 1);
    }
  }
  const severity = configuration.rules?.[HELM_SKIPPED.id] ?? HELM_SKIPPED.severity;
  if (helm.skipped && severity !== 'off') findings.push({ ruleId: HELM_SKIPPED.id, factor: null, severity, message: helm.skipped, range: parsed.source.rangeOf(0, 0) });
  const undefinedSeverity = configuration.rules?.[HELM_UNDEFINED_TEMPLATE.id] ?? HELM_UNDEFINED_TEMPLATE.severity;
  const missing = helm.skipped ? undefined : helm.undefinedTemplate;
  if (missing && undefinedSeverity !== 'off') {
    const message = `No file of this chart defines the named template \`${missing.name}\` (its \`templates/\` or the charts unpacked under \`charts/\`): \`helm template\` stops here with an error, and the linter read what it would write as unknown.`;
    findings.push({ ruleId: HELM_UNDEFINED_TEMPLATE.id, factor: null, severity: undefinedSeverity, message, range: missing.range });
  }
}
