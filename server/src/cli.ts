/**
 * The command-line linter: argv, the file system and exit codes. The analysis is the
 * same core the language server uses, so CI and the editor agree finding for finding.
 *
 * Exit codes: 0 no finding at or above the failure threshold; 1 some are;
 * 2 usage error, unreadable path, or an internal failure.
 */
import { parseArgs } from 'node:util';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeParsed, detectTarget, parseDocument, type ParsedDocument } from './core/analyze';
import { applyEdits } from './core/edits';
import { ALL_RULES } from './core/rules';
import { SUPPRESSION_DIAGNOSTICS } from './core/suppression';
import { SEVERITIES, severityRank, type Configuration, type Finding, type Severity } from './core/types';
import { listRules, toJson, toSarif, toStylish, type FileReport } from './cli-format';

const VERSION = '0.1.0';
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

const HELP = `Usage: twelve-factor-lens [options] [paths...]

Reviews Dockerfiles and Kubernetes manifests against the twelve-factor methodology.
Paths may be files or directories (default: the current directory). Directories are
searched for Dockerfile, Dockerfile.*, *.dockerfile, Containerfile, *.yaml and *.yml,
skipping node_modules and .git.

Options:
  -f, --format <name>     stylish (default), json or sarif
      --fail-on <level>   lowest severity that fails the run: error, warning (default), info, hint
      --rule <id=level>   override a rule: error, warning, info, hint or off (repeatable)
  -c, --config <file>     JSON configuration ({"rules": {...}, "failOn": "..."});
                          default: .twelve-factor-lens.json in the current directory, if present
      --fix               apply the safe fixes rules offer, in place
      --no-fail           exit 0 even when findings reach --fail-on (usage and I/O errors still exit 2)
      --list-rules        list the rules (with --format json: as JSON) and exit
      --quiet             report errors only
      --no-color          plain output (also when NO_COLOR is set or output is not a terminal)
  -h, --help              show this help
  -v, --version           show the version

Exit codes: 0 no finding at or above --fail-on (or --no-fail), 1 some found, 2 usage or I/O error.`;

class UsageError extends Error {}

interface Options {
  format: 'stylish' | 'json' | 'sarif';
  failOn: Severity;
  configuration: Configuration;
  fix: boolean;
  noFail: boolean;
  quiet: boolean;
  color: boolean;
  paths: string[];
  listRules: boolean;
}

const DOCKERFILE_FILE = /^(Dockerfile|Containerfile)(\..+)?$|\.(dockerfile|containerfile)$/i;
const YAML_FILE = /\.ya?ml$/i;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

function parseOptions(argv: string[]): Options | 'help' | 'version' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        'fail-on': { type: 'string' },
        rule: { type: 'string', multiple: true },
        config: { type: 'string', short: 'c' },
        fix: { type: 'boolean' },
        'no-fail': { type: 'boolean' },
        'list-rules': { type: 'boolean' },
        quiet: { type: 'boolean' },
        'no-color': { type: 'boolean' },
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

  const configuration: Configuration = { rules: {} };
  let failOn: Severity = 'warning';
  const configPath = v.config ?? (existsSync('.twelve-factor-lens.json') ? '.twelve-factor-lens.json' : undefined);
  if (configPath) {
    const file = readConfigFile(configPath);
    Object.assign(configuration.rules!, file.rules);
    if (file.failOn) failOn = file.failOn;
  }
  for (const override of v.rule ?? []) {
    const m = /^([^=]+)=(.+)$/.exec(override);
    if (!m) throw new UsageError(`--rule expects <id>=<level>, got "${override}"`);
    const [, id, level] = m;
    checkRuleSetting(id.trim(), level.trim(), '--rule');
    configuration.rules![id.trim()] = level.trim() as Severity | 'off';
  }
  if (v['fail-on'] !== undefined) {
    if (!isSeverity(v['fail-on'])) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}, got "${v['fail-on']}"`);
    failOn = v['fail-on'];
  }
  const format = v.format ?? 'stylish';
  if (format !== 'stylish' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be stylish, json or sarif, got "${format}"`);
  return {
    format,
    failOn,
    configuration,
    fix: !!v.fix,
    noFail: !!v['no-fail'],
    quiet: !!v.quiet,
    color: !v['no-color'] && !process.env.NO_COLOR && !!process.stdout.isTTY,
    paths: parsed.positionals.length ? parsed.positionals : ['.'],
    listRules: !!v['list-rules'],
  };
}

const KNOWN_IDS = new Set([...ALL_RULES.map((r) => r.meta.id), ...Object.values(SUPPRESSION_DIAGNOSTICS).map((d) => d.id)]);

function checkRuleSetting(id: string, level: string, where: string): void {
  if (!KNOWN_IDS.has(id)) throw new UsageError(`${where}: unknown rule "${id}" (see --list-rules)`);
  if (level !== 'off' && !isSeverity(level)) throw new UsageError(`${where}: level for ${id} must be off, error, warning, info or hint, got "${level}"`);
}

function readConfigFile(path: string): { rules: Record<string, Severity | 'off'>; failOn?: Severity } {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read configuration ${path}: ${(error as Error).message}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new UsageError(`configuration ${path} must be a JSON object`);
  const { rules = {}, failOn } = data as { rules?: Record<string, string>; failOn?: string };
  if (typeof rules !== 'object' || Array.isArray(rules)) throw new UsageError(`configuration ${path}: "rules" must be an object`);
  for (const [id, level] of Object.entries(rules)) checkRuleSetting(id, String(level), path);
  if (failOn !== undefined && !isSeverity(failOn)) throw new UsageError(`configuration ${path}: "failOn" must be one of ${SEVERITIES.join(', ')}`);
  return { rules: rules as Record<string, Severity | 'off'>, failOn: failOn as Severity | undefined };
}

/** Expands the paths into the files to analyse; explicitly named files are kept whatever their name. */
function collectFiles(paths: string[], warn: (message: string) => void): string[] {
  const files: string[] = [];
  const visit = (path: string, explicit: boolean) => {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new UsageError(`no such file or directory: ${path}`);
    }
    if (stats.isDirectory()) {
      let entries: string[];
      try {
        entries = readdirSync(path).sort();
      } catch (error) {
        throw new UsageError(`cannot read directory ${path}: ${(error as Error).message}`);
      }
      for (const entry of entries) {
        if (SKIPPED_DIRECTORIES.has(entry)) continue;
        const child = join(path, entry);
        let childStats;
        try {
          childStats = statSync(child);
        } catch {
          continue; // a dangling link inside a tree is not the user's request
        }
        if (childStats.isDirectory()) visit(child, false);
        else if (DOCKERFILE_FILE.test(entry) || YAML_FILE.test(entry)) files.push(child);
      }
    } else if (explicit) {
      if (!detectTarget(pathToFileURL(resolve(path)).href, '')) warn(`${path}: not a Dockerfile or YAML file by its name; skipped`);
      else files.push(path);
    }
  };
  for (const path of paths) visit(path, true);
  return [...new Set(files)];
}

const BOM = '\uFEFF';

interface LoadedFile {
  path: string;
  hasBom: boolean;
  parsed: ParsedDocument;
}

function loadFile(path: string, warn: (message: string) => void): LoadedFile | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
  }
  if (bytes.subarray(0, 8000).includes(0)) {
    warn(`${path}: binary content; skipped`);
    return undefined;
  }
  let text = bytes.toString('utf8');
  const hasBom = text.startsWith(BOM);
  if (hasBom) text = text.slice(1);
  const uri = pathToFileURL(resolve(path)).href;
  return { path, hasBom, parsed: parseDocument({ uri, languageId: '', text }) };
}

export function main(argv: string[], out: (text: string) => void, err: (text: string) => void): number {
  let options: Options | 'help' | 'version';
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      err(`twelve-factor-lens: ${error.message}\nRun twelve-factor-lens --help for usage.`);
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

  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(message);
  let files: LoadedFile[];
  try {
    files = collectFiles(options.paths, warn)
      .map((path) => loadFile(path, warn))
      .filter((f): f is LoadedFile => !!f);
  } catch (error) {
    if (error instanceof UsageError) {
      err(`twelve-factor-lens: ${error.message}`);
      return EXIT_USAGE;
    }
    throw error;
  }

  // Relations between objects (Service -> Deployment, HPA -> target) span every file given.
  const workspaceObjects = files.flatMap((f) => f.parsed.kubernetes?.objects ?? []);
  const reports: FileReport[] = [];
  for (const file of files) {
    let analysis = analyzeParsed(file.parsed, { configuration: options.configuration, workspaceObjects });
    if (options.fix && analysis.findings.some((f) => f.fix)) {
      const fixed = applyEdits(file.parsed.source.text, analysis.findings.flatMap((f) => f.fix?.edits ?? []));
      try {
        writeFileSync(file.path, (file.hasBom ? BOM : '') + fixed.text);
      } catch (error) {
        err(`twelve-factor-lens: cannot write ${file.path}: ${(error as Error).message}`);
        return EXIT_USAGE;
      }
      const reparsed = parseDocument({ ...file.parsed.input, text: fixed.text });
      analysis = analyzeParsed(reparsed, { configuration: options.configuration, workspaceObjects });
    }
    for (const failure of analysis.ruleFailures) warn(`${file.path}: rule ${failure.ruleId} failed and was skipped: ${failure.error.split('\n')[0]}`);
    const findings = options.quiet ? analysis.findings.filter((f) => f.severity === 'error') : analysis.findings;
    reports.push({ path: displayPath(file.path), findings, parseProblems: file.parsed.parseProblems });
  }

  if (options.format === 'json') out(toJson(reports));
  else if (options.format === 'sarif') out(toSarif(reports, VERSION));
  else {
    const text = toStylish(reports, options.color);
    if (text) out(text);
  }
  for (const message of warnings) err(`twelve-factor-lens: ${message}`);

  const failing = reports.some((r) => r.findings.some((f: Finding) => severityRank(f.severity) <= severityRank(options.failOn)));
  return failing && !options.noFail ? EXIT_FINDINGS : EXIT_OK;
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), resolve(path));
  return (rel.startsWith('..') ? resolve(path) : rel).split(sep).join('/');
}

if (require.main === module) {
  let code: number;
  try {
    code = main(process.argv.slice(2), (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`), (t) => process.stderr.write(`${t}\n`));
  } catch (error) {
    process.stderr.write(`twelve-factor-lens: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    code = EXIT_USAGE;
  }
  process.exitCode = code;
}
