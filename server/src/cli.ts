/**
 * The command-line linter: argv, the file system and exit codes. The analysis is the
 * same core the language server uses, so CI and the editor agree finding for finding.
 *
 * Exit codes: 0 no finding at or above the failure threshold; 1 some are;
 * 2 usage or configuration error, a file that could not be read or analysed (the other
 * files are still reported), or an internal failure.
 */
import { parseArgs } from 'node:util';
import { existsSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { detectTarget, parseDocument } from './core/analyze';
import { isForeignTemplateName } from './core/foreign-templates';
import { fixUntilStable } from './core/edits';
import { SEVERITIES, severityRank, type Configuration, type Finding, type Severity } from './core/types';
import { listRules, toJson, toSarif, toStylish, type FileReport } from './cli-format';
import { pairOutputs, renderExtraFormat, type OutputFormat, type OutputRequest } from './cli-formats';
import { ConfigError, ConfigLocator, KNOWN_RULE_IDS } from './cli-config';
import { collectFilesAsTheStorageAllows, CONFIG_FILE_NAME, guessTarget, readFilesAsTheStorageAllows, readStandardInput } from './cli-files';
import { cliChartReader } from './cli-helm';
import { widenThreadPool } from './thread-pool';
import { analyseByApplication } from './cli-applications';
import { BOM, analysisOptionsOf, analyzeContained, decodeFile, displayPath, internalError, objectsByApplication, outcomeOf, parseFile, type FileOutcome, type LoadedFile, type ParseOptionsOf, type ReadFile } from './cli-run';

const VERSION = '0.1.0';
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

const HELP = `Usage: twelve-factor-lens [options] [paths...]

Reviews Dockerfiles, Kubernetes manifests (Helm charts and Kustomize overlays included) and
serverless templates (AWS SAM, CloudFormation, Serverless Framework) against the twelve-factor
methodology. Paths may be files or directories (default: the current directory). Directories
are searched for Dockerfile, Containerfile, Dockerfile.*, Containerfile.*, Dockerfile-<name>, *.dockerfile,
*.containerfile, *.yaml, *.yml, *.json and *.template (a JSON or .template file is checked only
when it holds a template), skipping node_modules, .git, testdata, the copies of a template that
serverless tools generate (.serverless, .aws-sam, cdk.out), and other tools' templates
(Dockerfile.j2, Dockerfile.erb, *.tmpl, *.tpl and the like; a template of a manifest such as
deployment.tpl is noted: no relation rule says that what it may deploy is missing); symbolic links to files are
followed (each file once), links to folders are not.
FIFOs, sockets and devices are skipped, and files over 20 MB are refused. The path -
reads standard input (see --stdin-filename).

Options:
  -f, --format <name>     stylish (default), json, sarif, github (workflow-command annotations),
                          markdown (per-factor table, e.g. for $GITHUB_STEP_SUMMARY) or html
                          (a self-contained report); repeatable, see --output-file
  -o, --output-file <file>
                          write the output of the --format just before it to this file
                          instead of standard output, e.g.
                          --format sarif --output-file report.sarif --format stylish
      --fail-on <level>   lowest severity that fails the run: error, warning (default), info, hint
      --rule <id=level>   override a rule: error, warning, info, hint or off (repeatable)
  -c, --config <file>     JSON configuration for every file ({"rules", "failOn", "ignorePatterns",
                          "overrides"}); default: each file's nearest .twelve-factor-lens.json
                          in its folder or above, up to the current directory
      --fix               apply the safe fixes rules offer, in place (repeated until nothing
                          more changes); the unsafe ones are counted, not applied
      --unsafe-fixes      with --fix (implied), also apply the unsafe fixes: they change
                          behaviour or need a value only you know; review the result
      --no-fail           exit 0 even when findings reach --fail-on (usage and I/O errors still exit 2)
      --list-rules        list the rules (with --format json: as JSON) and exit
      --quiet             report errors only
      --no-color          plain output (also when NO_COLOR is set or output is not a terminal)
      --stdin-filename <name>
                          with -, the name the text is reported under; what kind of file it is
                          is decided by it (without it, or when it says none: a line starting
                          with apiVersion: or kind: means YAML, a FROM line means a Dockerfile)
      --values <file>     a Helm values file (a path from the current folder) applied over each
                          chart's values.yaml when its templates are read (repeatable; later
                          files win); one that cannot be read stops the run (exit 2)
      --debug             print the stack of an internal error
  -h, --help              show this help
  -v, --version           show the version

Exit codes: 0 no finding at or above --fail-on (or --no-fail); 1 some found; 2 usage or
configuration error, a path or file that could not be read or analysed (the other files
are still reported; 2 wins over 1 and over --no-fail), or an internal error.
Unknown rule ids in the configuration file are a warning; in --rule, an error.
--fix cannot be combined with - (standard input).`;

class UsageError extends Error {}

interface Options {
  /** The first --format (what --list-rules uses). */
  format: OutputFormat;
  /** Every --format, each with its --output-file (none: standard output). */
  outputs: OutputRequest[];
  failOn: Severity;
  /** --rule overrides: on top of the configuration file's rules for every file. */
  ruleOverrides: NonNullable<Configuration['rules']>;
  /** Finds the configuration file of each file (core/config.ts applies it). */
  configs: ConfigLocator;
  fix: boolean;
  /** --unsafe-fixes: apply the unsafe fixes too (implies fix). */
  unsafeFixes: boolean;
  noFail: boolean;
  quiet: boolean;
  color: boolean;
  paths: string[];
  /** `-` was given: read standard input. */
  stdin: boolean;
  stdinFilename?: string;
  listRules: boolean;
  debug: boolean;
  /** Remarks from reading the configuration, printed on standard error. */
  warnings: string[];
  /** --values: Helm values files over each chart's values.yaml. */
  valuesFiles: string[];
}

function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

function parseOptions(argv: string[]): Options | 'help' | 'version' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      tokens: true,
      options: {
        format: { type: 'string', short: 'f', multiple: true },
        'output-file': { type: 'string', short: 'o', multiple: true },
        'fail-on': { type: 'string' },
        rule: { type: 'string', multiple: true },
        config: { type: 'string', short: 'c' },
        fix: { type: 'boolean' },
        'unsafe-fixes': { type: 'boolean' },
        'no-fail': { type: 'boolean' },
        'list-rules': { type: 'boolean' },
        quiet: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        'stdin-filename': { type: 'string' },
        debug: { type: 'boolean' },
        values: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (v.version) return 'version';

  const ruleOverrides: NonNullable<Configuration['rules']> = {};
  let failOn: Severity = 'warning';
  const warnings: string[] = [];
  // --config applies to every file; otherwise each file takes its nearest configuration file.
  // The failure threshold comes from --config or the working directory's configuration file.
  const configs = new ConfigLocator(process.cwd(), v.config);
  const rootConfig = v.config ?? (existsSync(CONFIG_FILE_NAME) ? CONFIG_FILE_NAME : undefined);
  if (rootConfig) {
    const located = configs.forFile(resolve(rootConfig));
    if (located?.matcher.configuration.failOn) failOn = located.matcher.configuration.failOn;
  }
  for (const override of v.rule ?? []) {
    const m = /^([^=]+)=(.+)$/.exec(override);
    if (!m) throw new UsageError(`--rule expects <id>=<level>, got "${override}"`);
    const [, id, level] = m;
    checkRuleSetting(id.trim(), level.trim(), '--rule');
    ruleOverrides[id.trim()] = level.trim() as Severity | 'off';
  }
  if (v['fail-on'] !== undefined) {
    if (!isSeverity(v['fail-on'])) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}, got "${v['fail-on']}"`);
    failOn = v['fail-on'];
  }
  let outputs: OutputRequest[];
  try {
    outputs = pairOutputs(parsed.tokens ?? []);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const format = outputs[0].format;
  const stdinCount = parsed.positionals.filter((p) => p === '-').length;
  if (stdinCount > 1) throw new UsageError('- (standard input) can be given only once');
  if (stdinCount && (v.fix || v['unsafe-fixes'])) throw new UsageError('--fix cannot be combined with - (standard input): fixes are written to files in place');
  if (v['stdin-filename'] !== undefined && !stdinCount) throw new UsageError('--stdin-filename needs - (standard input) among the paths');
  if (v['stdin-filename'] === '') throw new UsageError('--stdin-filename needs a name');
  const paths = parsed.positionals.filter((p) => p !== '-');
  return {
    format,
    outputs,
    failOn,
    ruleOverrides,
    configs,
    fix: !!v.fix || !!v['unsafe-fixes'],
    unsafeFixes: !!v['unsafe-fixes'],
    noFail: !!v['no-fail'],
    quiet: !!v.quiet,
    color: !v['no-color'] && !process.env.NO_COLOR && !!process.stdout.isTTY,
    paths: paths.length || stdinCount ? paths : ['.'],
    stdin: stdinCount > 0,
    stdinFilename: v['stdin-filename'],
    listRules: !!v['list-rules'],
    debug: !!v.debug,
    warnings,
    valuesFiles: v.values ?? [],
  };
}

function checkRuleSetting(id: string, level: string, where: string): void {
  if (!KNOWN_RULE_IDS.has(id)) throw new UsageError(`${where}: unknown rule "${id}" (see --list-rules)`);
  if (level !== 'off' && !isSeverity(level)) throw new UsageError(`${where}: level for ${id} must be off, error, warning, info or hint, got "${level}"`);
}

interface Reporter {
  warn(message: string): void;
  /** The file or path could not be checked: reported, and the run exits 2. */
  fail(message: string): void;
  /** As fail, with the message at this place among the warnings (a file's parse, after the file's other warnings). */
  failAt(at: number, message: string): void;
  debug: boolean;
}

/** Standard input, named by --stdin-filename or guessed from its content. */
function readStandardInputFile(name: string | undefined, reporter: Reporter): ReadFile | undefined {
  const read = readStandardInput();
  if (!read.ok) {
    reporter.fail(read.message);
    return undefined;
  }
  const uri = pathToFileURL(resolve(name ?? 'stdin')).href;
  let languageId = '';
  if (name && isForeignTemplateName(name)) {
    reporter.fail(`standard input: ${name} is a template of another tool by its name (${extname(name)}), not the file it renders; pipe the rendered file instead`);
    return undefined;
  }
  if (!name || !detectTarget(uri, '')) {
    const guessed = guessTarget(read.bytes.toString('utf8'));
    if (!guessed) {
      reporter.fail(`standard input: cannot tell whether it is a Dockerfile or Kubernetes YAML; name it with --stdin-filename (for example Dockerfile or deploy.yaml)`);
      return undefined;
    }
    languageId = guessed === 'dockerfile' ? 'dockerfile' : 'yaml';
  }
  // Standard input is read first: the run's first file.
  return decoded(decodeFile(0, name ?? '<stdin>', uri, languageId, read.bytes), reporter);
}

/** A file's text, or undefined when it is skipped (said as a warning). */
function decoded(file: ReadFile | string, reporter: Reporter): ReadFile | undefined {
  if (typeof file !== 'string') return file;
  reporter.warn(file);
  return undefined;
}

export async function main(argv: string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  let options: Options | 'help' | 'version';
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      err(`twelve-factor-lens: ${error.message}\nRun twelve-factor-lens --help for usage.`);
      return EXIT_USAGE;
    }
    if (error instanceof ConfigError) {
      err(`twelve-factor-lens: ${error.message}`);
      return EXIT_USAGE;
    }
    throw error;
  }
  if (options === 'help') {
    out(HELP);
    return EXIT_OK;
  }
  if (options === 'version') {
    out(VERSION);
    return EXIT_OK;
  }
  if (options.listRules) {
    out(listRules(options.format === 'json'));
    return EXIT_OK;
  }

  // Helm charts are read first, so that a chart's templates and values files are parsed once, with their chart,
  // as the editor parses them. A --values file that cannot be read stops the run before any file is analysed: every
  // chart's findings would be those of values the user did not ask for.
  const chartFailures: string[] = [];
  const charts = cliChartReader(options.valuesFiles, (message) => chartFailures.push(message));
  if (chartFailures.length > 0) {
    err(chartFailures.map((message) => `twelve-factor-lens: ${message}`).join('\n'));
    return EXIT_USAGE;
  }

  const warnings: string[] = [...options.warnings];
  const warn = (message: string) => warnings.push(message);
  let unreadable = 0;
  const reporter: Reporter = {
    warn,
    fail: (message) => {
      unreadable++;
      warnings.push(message);
    },
    failAt: (at, message) => {
      unreadable++;
      warnings.splice(at, 0, message);
    },
    debug: options.debug,
  };
  // Also for the re-analyses of --fix (the reader reads each chart once).
  const parseOptionsOf: ParseOptionsOf = (uri, languageId) => charts.parseOptionsOf(uri, languageId);
  // Every file is read first, its warnings in the run's order; then parsed and analysed (analyseHere).
  const read: ReadFile[] = [];
  /** Where each file's own warnings end: a parse that throws is reported there, as if read and parsed in one go. */
  const warningsEnd: number[] = [];
  /** `file` was made with read.length as its index. */
  const keep = (file: ReadFile | undefined) => {
    if (!file) return;
    read.push(file);
    warningsEnd.push(warnings.length);
  };
  if (options.stdin) keep(readStandardInputFile(options.stdinFilename, reporter));
  /** Standard input as read, if it could be: named by the user as much as a path on the command line. */
  const stdinFile: ReadFile | undefined = read[0];
  const keepExplicit = (path: string) => {
    if (detectTarget(pathToFileURL(resolve(path)).href, '')) return true;
    if (isForeignTemplateName(path)) warn(`${path}: a template of another tool by its name (${extname(path)}), not the file it renders; skipped`);
    else warn(`${path}: not a Dockerfile, YAML, JSON or .template file by its name; skipped`);
    return false;
  };
  // Each file's configuration: its nearest configuration file's rules and matching overrides, then --rule.
  const configurationOf = new Map<string, Configuration>();
  const explicitPaths = new Set(options.paths.map((p) => resolve(p)));
  /** Configuration failures already said: the locator gives every file a broken configuration governs the same one. */
  const configProblems = new Set<ConfigError>();
  /** Whether a file is checked, and with what configuration; says nothing yet (see `configure`). */
  const decide = (path: string): ConfigDecision => {
    let located;
    try {
      located = options.configs.forFile(path);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      if (configProblems.has(error)) return { checked: false };
      configProblems.add(error);
      return { checked: false, fail: error.message };
    }
    const relativePath = located ? ConfigLocator.relativePath(located, path) : '';
    if (located?.matcher.isIgnored(relativePath)) {
      return { checked: false, ignored: true, warn: explicitPaths.has(resolve(path)) ? `${path}: ignored by "ignorePatterns" in ${located.path}; skipped` : undefined };
    }
    return { checked: true, configuration: located ? located.matcher.configurationFor(relativePath, options.ruleOverrides) : { rules: { ...options.ruleOverrides } } };
  };
  /** Says what `decide` found, in the file's turn; true when the file is checked. */
  let ignored = 0;
  const configure = (decision: ConfigDecision, uri: string): boolean => {
    if (!decision.checked && decision.ignored) ignored++;
    if (decision.checked) configurationOf.set(uri, decision.configuration);
    else if (decision.fail !== undefined) reporter.fail(decision.fail);
    else if (decision.warn !== undefined) warn(decision.warn);
    return decision.checked;
  };
  if (options.stdin && read.length > 0 && !configure(decide(options.stdinFilename ?? 'stdin'), read[0].uri)) {
    read.length = 0;
    warningsEnd.length = 0;
  }
  // The folders are walked and the files checked read one at a time while the storage answers as fast as memory does,
  // else listed and read together (collectFilesAsTheStorageAllows, readFilesAsTheStorageAllows); the files are then
  // taken in the run's order: each file's messages
  // (its configuration's, its read's, its decoding's) come in its turn, as if it were read alone.
  const paths = await collectFilesAsTheStorageAllows(options.paths, reporter, keepExplicit, options.configs.listings);
  const decisions = paths.map(decide);
  const contents = await readFilesAsTheStorageAllows(paths.filter((_, i) => decisions[i].checked));
  let nextContent = 0;
  paths.forEach((path, i) => {
    const uri = pathToFileURL(resolve(path)).href;
    if (!configure(decisions[i], uri)) return;
    const bytes = contents[nextContent++];
    if (!bytes.ok) reporter.fail(bytes.message);
    else keep(decoded(decodeFile(read.length, path, uri, '', bytes.bytes), reporter));
  });
  for (const message of options.configs.warnings.splice(0)) warn(message);

  const run: RunContext = {
    options,
    configurationFor: (uri) => configurationOf.get(uri) ?? { rules: { ...options.ruleOverrides } },
    parseOptionsOf,
    reporter,
    warningsEnd,
    err,
    templates: options.configs.listings.manifestTemplates().map((path) => pathToFileURL(path).href),
  };
  const analysed = analyseHere(read, run);
  if (!analysed) return EXIT_USAGE;
  const templates = { analysed: 0, skipped: 0 };
  let projectTemplatesSkipped = 0;
  const reports: FileReport[] = [];
  const failedPaths = new Set<string>();
  let notTargets = 0;
  for (const outcome of analysed.outcomes) {
    if (outcome.notATarget) {
      // Only what was named is worth a word: a walk meets package.json and tsconfig.json everywhere.
      const file = read[outcome.index];
      if (file === stdinFile || explicitPaths.has(resolve(file.path))) warn(`${file.path}: not a CloudFormation, SAM or Serverless template by its content; skipped`);
      notTargets++;
      continue;
    }
    if (outcome.helm) templates[outcome.helm]++;
    warnings.push(...outcome.warnings);
    if (outcome.projectTemplateSkipped) projectTemplatesSkipped++;
    reports.push(outcome.report);
  }
  for (const outcome of analysed.outcomes) {
    if (outcome.failure === undefined) continue;
    reporter.fail(`${read[outcome.index].path}: could not be analysed, not reported: ${outcome.failure}`);
    failedPaths.add(outcome.report.path);
  }
  const unsafeFixesLeft = analysed.unsafeFixesLeft;
  if (failedPaths.size) reports.splice(0, reports.length, ...reports.filter((r) => !failedPaths.has(r.path)));
  moveFindingsToTheirFiles(reports, analysed.outcomes.map((o) => read[o.index]));

  // What the summaries say when no file was checked: the files found (standard input counts as one), those ignored,
  // and those whose content is none of the targets.
  const scope = { found: paths.length + (options.stdin ? 1 : 0), ignored, notTargets };
  for (const output of options.outputs) {
    const render = (format: OutputFormat, color: boolean): string => {
      if (format === 'json') return toJson(reports);
      if (format === 'sarif') return toSarif(reports, VERSION);
      if (format === 'stylish') {
        const helmTemplates = templates.analysed + templates.skipped > 0 ? templates : undefined;
        return toStylish(reports, color, { helmTemplates, projectTemplatesSkipped, scope });
      }
      return renderExtraFormat(format, reports, VERSION, scope);
    };
    if (output.file === undefined) {
      const text = render(output.format, options.color);
      if (text) out(text);
      continue;
    }
    try {
      const text = render(output.format, false);
      writeFileSync(output.file, text.endsWith('\n') ? text : `${text}\n`);
    } catch (error) {
      err(`twelve-factor-lens: cannot write ${output.file}: ${(error as Error).message}`);
      return EXIT_USAGE;
    }
  }
  for (const message of warnings) err(`twelve-factor-lens: ${message}`);
  if (options.fix && unsafeFixesLeft > 0) {
    err(`twelve-factor-lens: ${unsafeFixesLeft} unsafe fix${unsafeFixesLeft === 1 ? ' was' : 'es were'} available and not applied (run with --unsafe-fixes to apply ${unsafeFixesLeft === 1 ? 'it' : 'them'} too)`);
  }

  if (unreadable) return EXIT_USAGE;
  const failing = reports.some((r) => r.findings.some((f: Finding) => severityRank(f.severity) <= severityRank(options.failOn)));
  return failing && !options.noFail ? EXIT_FINDINGS : EXIT_OK;
}

/** What the configuration says of one file: checked with a configuration, or not, with what to tell the user. */
type ConfigDecision = { checked: true; configuration: Configuration } | { checked: false; ignored?: true; fail?: string; warn?: string };

interface RunContext {
  options: Options;
  configurationFor(uri: string): Configuration;
  parseOptionsOf: ParseOptionsOf;
  reporter: Reporter;
  /** Where each file's own warnings end among the run's warnings (by the file's index). */
  warningsEnd: readonly number[];
  err: (text: string) => void;
  /** Other tools' templates of manifests the walk met beside the files (`deployment.tpl`), as URIs. */
  templates: readonly string[];
}

/**
 * Parses and analyses the files: each file's outcome in the run's order, and the unsafe fixes --fix left;
 * undefined when a fixed file could not be written (said on standard error). Application by application
 * (cli-applications.ts) unless --fix, which writes files in the run's order, or a parse throws.
 */
function analyseHere(read: readonly ReadFile[], run: RunContext): { outcomes: FileOutcome[]; unsafeFixesLeft: number } | undefined {
  const { options } = run;
  if (!options.fix) {
    const outcomes = analyseByApplication(read, { configurationFor: run.configurationFor, parseOptionsOf: run.parseOptionsOf, quiet: options.quiet, debug: options.debug, templates: run.templates });
    if (outcomes) return { outcomes, unsafeFixesLeft: 0 };
  }
  // The whole run parsed at once: a file whose parse throws is reported (after its other warnings) and left out.
  const files: LoadedFile[] = [];
  const parseFailures: { at: number; message: string }[] = [];
  for (const file of read) {
    try {
      files.push(parseFile(file, run.parseOptionsOf));
    } catch (error) {
      parseFailures.push({ at: run.warningsEnd[file.index], message: `${file.path}: could not be analysed: ${internalError(error, options.debug)}` });
    }
  }
  // From the last, so that each place still counts the warnings before it.
  for (const { at, message } of parseFailures.reverse()) run.reporter.failAt(at, message);

  // Relations between objects (Service -> Deployment, HPA -> target) hold within one application.
  const objectsOf = objectsByApplication(files, undefined, undefined, run.templates);
  const failures = new Map<string, unknown>();
  const outcomes: FileOutcome[] = [];
  let unsafeFixesLeft = 0;
  for (const file of files) {
    const analysisOptions = analysisOptionsOf(file, run.configurationFor(file.uri), objectsOf);
    let analysis = analyzeContained(file.parsed, analysisOptions, failures);
    const warnings: string[] = [];
    if (options.fix && analysis.findings.some((f) => f.fix)) {
      // Safe fixes only unless --unsafe-fixes; repeated until a further run would change nothing.
      const original = analysis;
      const fixed = fixUntilStable(
        file.parsed.source.text,
        (text) => (text === file.parsed.source.text ? original : analyzeContained(parseDocument({ ...file.parsed.input, text }, 0, run.parseOptionsOf(file.uri, file.languageId)), analysisOptions, failures)),
        { unsafe: options.unsafeFixes },
      );
      unsafeFixesLeft += fixed.unsafeSkipped;
      if (fixed.broken) warnings.push(`${file.path}: some fixes were not applied: they would have left the file with new parse problems`);
      if (fixed.text !== file.parsed.source.text) {
        try {
          writeAtomically(file.path, (file.hasBom ? BOM : '') + fixed.text);
        } catch (error) {
          run.err(`twelve-factor-lens: cannot write ${file.path}: ${(error as Error).message}`);
          return undefined;
        }
      }
      analysis = fixed.analysis;
    }
    outcomes.push(outcomeOf(file, analysis, options, failures, warnings));
  }
  return { outcomes, unsafeFixesLeft };
}

/** Findings located in another file (a Helm value in values.yaml) go to that file's report, once. */
function moveFindingsToTheirFiles(reports: FileReport[], files: readonly { shown: string; uri: string }[]): void {
  // Each file's report by its path, found in one pass (a search per file was quadratic: 2.6 s of 7 over 1,332 files).
  const byPath = new Map<string, FileReport>();
  for (const report of reports) if (!byPath.has(report.path)) byPath.set(report.path, report);
  const byUri = new Map<string, FileReport>();
  for (const file of files) {
    const report = byPath.get(file.shown);
    if (report) byUri.set(file.uri, report);
  }
  const seen = new Set<string>();
  /** Findings already placed in their file's report: kept there when that report's turn comes. */
  const moved = new Set<Finding>();
  for (const report of [...reports]) {
    report.findings = report.findings.filter((finding) => {
      if (!finding.uri || moved.has(finding)) return true;
      const key = `${finding.uri}#${finding.ruleId}@${finding.range.start.line}:${finding.range.start.character}`;
      if (!seen.has(key)) {
        seen.add(key);
        let target = byUri.get(finding.uri);
        if (!target) {
          target = { path: displayPath(fileURLToPath(finding.uri)), findings: [], parseProblems: [] };
          byUri.set(finding.uri, target);
          reports.push(target);
        }
        target.findings.push(finding);
        moved.add(finding);
      } else {
        // The same value used by several templates: one finding, every use as related information.
        const first = byUri.get(finding.uri)?.findings.find((f) => f.uri === finding.uri && f.ruleId === finding.ruleId && f.range.start.line === finding.range.start.line && f.range.start.character === finding.range.start.character);
        if (first) first.related = [...(first.related ?? []), ...(finding.related ?? [])];
      }
      return false;
    });
  }
  for (const report of byUri.values()) report.findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId));
}

/**
 * Replaces a file in one step: the fixed text goes to a temporary file beside it (same folder, so
 * the same file system), which then takes the original's name. An interrupted run leaves either
 * the old file or the new one, never half of each; the file keeps its permission bits.
 */
function writeAtomically(path: string, text: string): void {
  const target = realpathSync(path); // through a symlink: replace the file it names, keep the link
  const temporary = `${target}.twelve-factor-lens-${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text, { mode: statSync(target).mode & 0o7777 });
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * A reader that goes away (`| head -1`) ends the run quietly with the code it would have had;
 * output that cannot be written (a full disk, `> /dev/full`, an I/O error) is one line on
 * standard error and exit 2. Errors on standard error itself are ignored: there is nowhere
 * left to report them.
 */
function guardOutputStreams(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
    try {
      process.stderr.write(`twelve-factor-lens: cannot write the report to standard output: ${error.code ?? error.message}\n`);
    } catch {
      // nothing left to tell
    }
    process.exit(EXIT_USAGE);
  });
  process.stderr.on('error', () => undefined);
}

if (require.main === module) {
  // Before anything gives libuv's pool work: the files are read READS_IN_FLIGHT at a time (cli-files.ts).
  widenThreadPool(process.env);
  guardOutputStreams();
  main(process.argv.slice(2), (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`), (t) => process.stderr.write(`${t}\n`)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`twelve-factor-lens: ${internalError(error, process.argv.slice(2).includes('--debug'))}\n`);
      process.exitCode = EXIT_USAGE;
    },
  );
}
