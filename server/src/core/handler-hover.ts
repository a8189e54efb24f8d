/**
 * Hovers on the configuration lines of Lambda handler code (JavaScript, TypeScript, Python): the line
 * that reads an environment variable (`process.env.X`, `os.environ["X"]`, `os.getenv("X")`) says which
 * factor it serves and which template rules check where the value comes from. The code itself is not
 * analysed: the file must look like a Lambda handler (one cheap test on its text), and only the hovered
 * line is scanned for an environment read. Nothing else in the file gets a hover.
 */
import type { Position, Range } from './types';
import { factorBySlug } from './factors';

export const HANDLER_LANGUAGES: ReadonlySet<string> = new Set(['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'python']);

/** The template rules that judge a function's environment, named on the hover. */
export const FUNCTION_ENV_RULES = [
  'config/literal-secret-in-function-env',
  'config/secret-resolved-into-function-env',
  'config/stage-literal-in-function-env',
  'backing-services/hard-coded-endpoint-in-function-env',
  'backing-services/hard-coded-resource-arn-in-function-env',
  'dev-prod-parity/debug-switch-in-function-env',
  'logs/log-file-in-function-env',
] as const;

const LINE_LIMIT = 2000;

/** A Lambda handler by its text: an exported `handler` or a `(event, context)` entry point, or the aws-lambda types. */
function looksLikeHandler(text: string, languageId: string): boolean {
  if (languageId === 'python') return /^[ \t]*(?:async[ \t]+)?def[ \t]+\w+[ \t]*\([ \t]*event\b[^)\n]*\bcontext\b/m.test(text);
  return /\bexports\.handler\b|\bexport[ \t]+(?:const|let|async[ \t]+function|function)[ \t]+handler\b|from[ \t]*['"]aws-lambda['"]|\bhandler[ \t]*=[ \t]*(?:async[ \t]*)?\([ \t]*event\b/.test(text);
}

/** Environment reads on one line: where each is, and the variable's name when the code writes it literally. */
function envReads(line: string, languageId: string): { start: number; end: number; name: string | undefined }[] {
  const out: { start: number; end: number; name: string | undefined }[] = [];
  const pattern =
    languageId === 'python'
      ? /\bos\.(?:environ(?:\.get[ \t]*\([ \t]*|[ \t]*\[[ \t]*)|getenv[ \t]*\([ \t]*)(?:(['"])([A-Za-z_][A-Za-z0-9_]*)\1)?/g
      : /\bprocess\.env(?:\.([A-Za-z_$][A-Za-z0-9_$]*)|[ \t]*\[[ \t]*(?:(['"`])([A-Za-z_][A-Za-z0-9_]*)\2)?)/g;
  for (const m of line.matchAll(pattern)) {
    const name = languageId === 'python' ? m[2] : (m[1] ?? m[3]);
    out.push({ start: m.index!, end: m.index! + m[0].length, name });
  }
  return out;
}

export interface HandlerHover {
  markdown: string;
  range: Range;
}

/**
 * The hover at a position of a handler file, when the position is on an environment read. `text` is the
 * document; only its handler test and the one line are read.
 */
export function handlerConfigHover(text: string, languageId: string, position: Position, options: { ruleDocUrl?: (ruleId: string) => string | undefined } = {}): HandlerHover | undefined {
  if (!HANDLER_LANGUAGES.has(languageId)) return undefined;
  const line = lineAt(text, position.line);
  if (line === undefined || line.length > LINE_LIMIT || !/process\.env|os\.(?:environ|getenv)/.test(line)) return undefined;
  const read = envReads(line, languageId).find((r) => position.character >= r.start && position.character <= r.end);
  if (!read || !looksLikeHandler(text, languageId)) return undefined;
  const config = factorBySlug('config');
  const variable = read.name ? `\`${read.name}\`` : 'a variable';
  const rules = FUNCTION_ENV_RULES.map((id) => {
    const url = options.ruleDocUrl?.(id);
    return url ? `[\`${id}\`](${url})` : `\`${id}\``;
  }).join(', ');
  const markdown = [
    `**${config.numeral}. ${config.title}** ([12factor.net/${config.slug}](${config.url}))`,
    '',
    `This handler reads ${variable} from its environment: the code stays the same in every deploy, and the value comes from the function's configuration.`,
    `On Lambda that is the function's \`Environment.Variables\` in its SAM/CloudFormation template, or \`environment\` in serverless.yml: set it from a parameter, a \`!Ref\`/\`!GetAtt\` of the resource it names, or a Secrets Manager reference for a secret, never a literal.`,
    '',
    `The template rules check it there: ${rules}.`,
  ].join('\n');
  return { markdown, range: { start: { line: position.line, character: read.start }, end: { line: position.line, character: read.end } } };
}

/** One line of the text without its line break, found by scanning to it (no split of the whole document). */
function lineAt(text: string, line: number): string | undefined {
  let start = 0;
  for (let i = 0; i < line; i++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return undefined;
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
}
