/**
 * Package scripts as a start command: `npm start`, `npm run serve`, `yarn dev`, `pnpm start` run a script of the
 * image's package.json, which the caller reads from the build context (see build-context.ts). What the script runs
 * is read with the same shell reader as a RUN line.
 */
import { SourceText } from '../source';
import type { Range } from '../types';
import { effectiveWords, splitCommands, verbatimText } from './shell';

/** Subcommands of the package managers that are not a script's name (`yarn install`, `npm ci`). */
const NOT_SCRIPTS = new Set(['install', 'i', 'ci', 'add', 'remove', 'rm', 'uninstall', 'update', 'upgrade', 'exec', 'x', 'dlx', 'create', 'init', 'link', 'publish', 'pack', 'audit', 'config', 'cache', 'global', 'why', 'list', 'ls', 'outdated', 'prune', 'rebuild', 'set', 'workspace', 'workspaces', 'info', 'help', 'node', 'dedupe']);
/** The scripts npm runs without `run`. */
const NPM_DIRECT = new Set(['start', 'test', 'stop', 'restart']);

/**
 * The script a package manager's command line runs (`npm start` → start, `npm run serve` → serve, `yarn dev` →
 * dev), with the index of the word that names it; undefined for any other command.
 */
export function packageScriptRun(words: readonly string[]): { script: string; at: number } | undefined {
  const program = (words[0] ?? '').slice((words[0] ?? '').lastIndexOf('/') + 1);
  if (!['npm', 'yarn', 'pnpm', 'bun'].includes(program)) return undefined;
  let i = 1;
  while (i < words.length && words[i].startsWith('-')) i++;
  const verb = words[i];
  if (verb === undefined) return undefined;
  if (verb === 'run' || verb === 'run-script') {
    let j = i + 1;
    while (j < words.length && words[j].startsWith('-')) j++;
    return words[j] === undefined ? undefined : { script: words[j], at: j };
  }
  if (program === 'npm' || program === 'bun') return NPM_DIRECT.has(verb) ? { script: verb, at: i } : undefined;
  return NOT_SCRIPTS.has(verb) ? undefined : { script: verb, at: i };
}

/**
 * The commands a package.json's script runs, each as its words after assignments and wrappers (`cross-env
 * NODE_ENV=development nodemon app.js` → `nodemon app.js`); undefined when the text is no JSON object or has no
 * such script.
 */
export function scriptCommands(packageJson: string, script: string): string[][] | undefined {
  const text = scriptText(packageJson, script);
  if (text === undefined) return undefined;
  const source = new SourceText('file:///package.json', text);
  return splitCommands(source, verbatimText(source, 0, text.length)).map((command) => {
    let words = effectiveWords(command).map((w) => w.value);
    // `cross-env A=1 B=2 cmd`, `npx cmd`: the command is what follows.
    if (words[0] === 'cross-env' || words[0] === 'npx') {
      words = words.slice(1);
      while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) words = words.slice(1);
    }
    return words;
  });
}

/** The command line of a package.json's `script`; undefined when the text is no JSON object or has no such script. */
export function scriptText(packageJson: string, script: string): string | undefined {
  const scripts = packageJsonObject(packageJson)?.scripts;
  const text = scripts && typeof scripts === 'object' && Object.hasOwn(scripts, script) ? (scripts as Record<string, unknown>)[script] : undefined;
  return typeof text === 'string' ? text : undefined;
}

/** Where package.json names `script` (its key under `scripts`), or the file's start when it cannot be found. */
export function scriptRange(packageJson: string, script: string): Range {
  const scripts = packageJson.indexOf('"scripts"');
  const at = scripts < 0 ? -1 : packageJson.indexOf(JSON.stringify(script), scripts);
  if (at < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  let line = 0;
  let lineStart = 0;
  for (let i = packageJson.indexOf('\n'); i >= 0 && i < at; i = packageJson.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const character = at - lineStart;
  return { start: { line, character }, end: { line, character: character + JSON.stringify(script).length } };
}

/** A package.json's top-level object, or undefined when the text is no JSON object. */
export function packageJsonObject(packageJson: string): Record<string, unknown> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(packageJson);
  } catch {
    return undefined;
  }
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
}

/**
 * Libraries of long-running processes that serve no port: chat bots that poll their platform or hold its gateway
 * open, queue consumers and schedulers. Evidence that a Node package is no server, when no web framework is there too.
 */
const NON_SERVING_LIBRARIES = new Set([
  'telegraf', 'grammy', 'node-telegram-bot-api', 'discord.js', 'eris', 'oceanic.js', 'tmi.js', 'mineflayer', 'whatsapp-web.js',
  '@whiskeysockets/baileys', 'baileys', 'matrix-bot-sdk', 'kafkajs', 'amqplib', 'bullmq', 'bull', 'bee-queue', 'agenda', 'node-cron', 'cron',
]);

/**
 * Dependencies that serve, or may: web frameworks and servers, WebSocket and gRPC servers, webhook receivers and the
 * bot frameworks that take HTTP requests (Slack's Bolt, Microsoft's Bot Framework, Probot). Matched by name.
 */
const MAY_SERVE = /express|fastify|koa|hapi|restify|nest|^next$|nuxt|server|http|socket|^ws$|websocket|graphql|apollo|hono|^h3$|elysia|polka|^micro$|remix|astro|svelte|strapi|loopback|feathers|sails|bolt|botbuilder|probot|webhook|grpc|^connect$|serve|prom-client/;

/**
 * True when a package.json shows a package that serves no port: its runtime `dependencies` include a bot's, queue
 * consumer's or scheduler's library (NON_SERVING_LIBRARIES) and nothing that serves or may (MAY_SERVE). Node serves
 * HTTP with no dependency at all, so a package without such evidence is not known to serve nothing.
 */
export function packageServesNothing(packageJson: string): boolean {
  const dependencies = packageJsonObject(packageJson)?.dependencies;
  if (!dependencies || typeof dependencies !== 'object' || Array.isArray(dependencies)) return false;
  const names = Object.keys(dependencies);
  return names.some((name) => NON_SERVING_LIBRARIES.has(name)) && !names.some((name) => MAY_SERVE.test(name));
}

/** True when a package.json's runtime `dependencies` include one that serves or may (MAY_SERVE): a web framework, a server. */
export function packageMayServe(packageJson: string): boolean {
  const dependencies = packageJsonObject(packageJson)?.dependencies;
  if (!dependencies || typeof dependencies !== 'object' || Array.isArray(dependencies)) return false;
  return Object.keys(dependencies).some((name) => MAY_SERVE.test(name));
}
