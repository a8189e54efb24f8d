/**
 * The one masker: every piece of user text that a message, a fix title or a hover echoes
 * passes through `maskText`, which hides the secret parts and keeps the rest readable
 * (`redis://:****@cache`, `curl -u deploy:**** https://…`, `ghp_****`).
 *
 * It knows credentials inside URLs (any user, an empty one too, and passwords holding `/`
 * or `@`: the password runs to the last `@` of the address), `key=value` and `key: value`
 * settings whose key names a secret (`password=`, `;Pwd=`, `_authToken=`, `X-Api-Key: `),
 * command-line flags that take a secret (`--password X`, `--requirepass X`, `-u user:pw`,
 * mysql's `-pX`, `Bearer X`) and the well-known token shapes (AWS keys, GitHub, GitLab,
 * Slack, Stripe, npm… tokens, Slack and Discord webhook URLs, JSON Web Tokens, PEM private keys).
 *
 * Written as hand scanners over the text: every step moves forward, so the cost is linear
 * in the text whatever it holds; no regular expression runs on the user's text here.
 */

import { perString } from './string-memo';

export const MASK = '****';

type Span = [start: number, end: number];

/** Masks every secret-looking part of `text`; text without one is returned unchanged. */
export function maskText(text: string): string {
  if (text.length === 0) return text;
  const spans: Span[] = [];
  urlCredentials(text, spans);
  keyValueSettings(text, spans);
  commandWords(text, spans);
  tokenShapes(text, spans);
  privateKeys(text, spans);
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let out = '';
  let at = 0;
  let open = false; // whether the last span written ends at `at` (an overlapping or touching span extends it)
  for (const [start, end] of spans) {
    if (open ? start > at : start >= at) {
      out += text.slice(at, start) + MASK;
      at = end;
      open = true;
    } else if (end > at) {
      at = end;
    }
  }
  return out + text.slice(at);
}

/** Masks the string values of a message's data; numbers are never secrets. */
export function maskData(data: Record<string, string | number> | undefined): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (!data) return out;
  for (const key of Object.keys(data)) {
    const value = data[key];
    out[key] = typeof value === 'string' ? maskText(value) : value;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Character classes

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x2028 || c === 0x2029;
}

/** Where a URL or a bare value written in text ends: whitespace, quotes, backticks, angle brackets. */
function endsToken(c: number): boolean {
  return isSpace(c) || c === 34 /* " */ || c === 39 /* ' */ || c === 96 /* ` */ || c === 60 /* < */ || c === 62 /* > */;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isKeyChar(c: number): boolean {
  return isAlnum(c) || c === 95 /* _ */ || c === 46 /* . */ || c === 45 /* - */;
}

/** A value that names where the secret is rather than being it: a `$VAR`, `${VAR}`, `$(VAR)`, a template, or already masked. */
function isReferenceOrMasked(value: string): boolean {
  if (value.length === 0) return true;
  if (value[0] === '$' || value.startsWith('{{') || value.startsWith('%(') || value.startsWith('<')) return true;
  for (let i = 0; i < value.length; i++) if (value[i] !== '*' && value[i] !== '.' && value[i] !== '…') return false;
  return true; // only stars and dots: already masked or elided
}

// ---------------------------------------------------------------------------------------------
// URLs: scheme://user:password@host

/** True for `:8080` followed by `/`, `?`, `#` or the end of the address: a port, not a password. */
function isPortAt(text: string, from: number): boolean {
  let i = from;
  while (i < text.length && i - from <= 5 && isDigit(text.charCodeAt(i))) i++;
  if (i === from || i - from > 5) return false;
  if (i === text.length) return true;
  const c = text.charCodeAt(i);
  return c === 47 /* / */ || c === 63 /* ? */ || c === 35 /* # */ || endsToken(c);
}

function urlCredentials(text: string, spans: Span[]): void {
  const n = text.length;
  let i = text.indexOf('://');
  while (i !== -1) {
    const start = i + 3;
    let j = start;
    // The user part (possibly empty): no `:`, `/`, `?`, `#` or `@` in it.
    while (j < n) {
      const c = text.charCodeAt(j);
      if (endsToken(c) || c === 58 /* : */ || c === 47 /* / */ || c === 63 /* ? */ || c === 35 /* # */ || c === 64 /* @ */) break;
      j++;
    }
    if (j >= n || text[j] !== ':') {
      i = text.indexOf('://', j);
      continue;
    }
    if (isPortAt(text, j + 1)) {
      // `host:8080/…`: look for another address after this one (`?next=https://u:p@h`).
      i = text.indexOf('://', j + 1);
      continue;
    }
    let end = j + 1;
    while (end < n && !endsToken(text.charCodeAt(end))) end++;
    // The password runs to the last `@` of the address: passwords may hold `/` and `@`.
    const at = text.lastIndexOf('@', end - 1);
    if (at > j) {
      if (!isReferenceOrMasked(text.slice(j + 1, at))) spans.push([j + 1, at]);
    } else {
      // No `@` left: a password is visible only when the address was cut short (`postgres://u:pa...`).
      const cut = truncatedAt(text, j + 1, end);
      if (cut !== -1 && !isReferenceOrMasked(text.slice(j + 1, cut))) spans.push([j + 1, cut]);
    }
    // Any other address inside [j, end) is covered by this span or has no `@` of its own.
    i = text.indexOf('://', end);
  }
}

/** Where an elision (`...` or `…`) ends the token [from, end), or -1. */
function truncatedAt(text: string, from: number, end: number): number {
  if (end - from >= 1 && text[end - 1] === '…') return end - 1;
  if (end - from >= 3 && text.startsWith('...', end - 3)) return end - 3;
  return -1;
}

// ---------------------------------------------------------------------------------------------
// key=value and key: value

const SECRET_WORDS = new Set([
  'password', 'passwd', 'pwd', 'pass', 'passphrase', 'pw', 'secret', 'token', 'apikey', 'accesskey', 'secretkey', 'privatekey',
  'accountkey', 'sharedaccesskey', 'authkey', 'credential', 'credentials', 'requirepass', 'masterauth', 'masterpassword', 'auth',
  'sig', 'signature', 'dsn',
]);
/** `<word>_key`, `<word>Key`, `<word>-key`. */
const KEY_QUALIFIERS = new Set(['api', 'access', 'secret', 'private', 'auth', 'account', 'signing', 'encryption', 'master', 'session', 'client', 'license']);

/**
 * Splits `DB_PASSWORD`, `spring.datasource.password`, `_authToken`, `--api-key` into lower-case words; a run of capitals
 * ends before the capital that starts a word (`NRLicenseKey`: `nr`, `license`, `key`), and a digit ends a word before a
 * capital (`S3AccessKey`). The one splitter of names.
 */
export function wordsOf(key: string): string[] {
  const words: string[] = [];
  let current = '';
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (!isAlnum(c)) {
      if (current) words.push(current);
      current = '';
      continue;
    }
    const upper = c >= 65 && c <= 90;
    const previous = i > 0 ? key.charCodeAt(i - 1) : 0;
    const next = i + 1 < key.length ? key.charCodeAt(i + 1) : 0;
    const afterLower = (previous >= 97 && previous <= 122) || (previous >= 48 && previous <= 57);
    const endsCapitals = previous >= 65 && previous <= 90 && next >= 97 && next <= 122;
    if (upper && (afterLower || endsCapitals) && current) {
      words.push(current);
      current = '';
    }
    current += key[i].toLowerCase();
  }
  if (current) words.push(current);
  return words;
}

/** True when a setting or flag name announces a secret: `password`, `DB_PASSWORD`, `PGPASSWORD`, `api_key`, `_authToken`, `requirepass`. */
export function isSecretKey(key: string): boolean {
  // The same keys come back on every line of a manifest (`name`, `image`): each one of 64 characters or
  // fewer is judged once (string-memo.ts).
  return key.length > 64 ? judgeSecretKey(key) : rememberedSecretKey(key);
}

const rememberedSecretKey = perString(judgeSecretKey);

function judgeSecretKey(key: string): boolean {
  const words = wordsOf(key);
  if (words.length === 0) return false;
  const last = words[words.length - 1];
  if (SECRET_WORDS.has(last)) return true;
  if (last === 'key' && words.length > 1 && KEY_QUALIFIERS.has(words[words.length - 2])) return true;
  // One run of letters ending in a secret word: `PGPASSWORD`, `authtoken`, `clientsecret`.
  return last.length > 6 && (last.endsWith('password') || last.endsWith('passwd') || last.endsWith('token') || last.endsWith('secret'));
}

/** The end of a bare value starting at `from`: `&`, `;`, `,` of a list, whitespace or a quote. */
function bareValueEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (endsToken(c) || c === 38 /* & */ || c === 59 /* ; */) break;
    i++;
  }
  return i;
}

/** Pushes the span of the value at `from` (quoted or bare), unless it is a reference. */
function pushValue(text: string, from: number, spans: Span[]): number {
  const quote = text[from];
  let start = from;
  let end: number;
  if (quote === '"' || quote === "'") {
    start = from + 1;
    const close = text.indexOf(quote, start);
    end = close === -1 ? text.length : close;
  } else {
    end = bareValueEnd(text, from);
  }
  const value = text.slice(start, end);
  if (!isReferenceOrMasked(value)) spans.push([start, end]);
  return end;
}

function keyValueSettings(text: string, spans: Span[]): void {
  // Only an `=` or a `: ` can end a key: the scan goes from one to the next (indexOf, native) rather than
  // testing every character of the document.
  let nextEquals = text.indexOf('=');
  let nextColon = text.indexOf(':');
  let k = 0;
  for (;;) {
    if (nextEquals !== -1 && nextEquals < k) nextEquals = text.indexOf('=', k);
    if (nextColon !== -1 && nextColon < k) nextColon = text.indexOf(':', k);
    k = nextEquals === -1 ? nextColon : nextColon === -1 ? nextEquals : Math.min(nextEquals, nextColon);
    if (k === -1) return;
    k = settingAt(text, k, spans) + 1;
  }
}

/** Reads the setting whose `=` or `:` is at `k`, if its key names a secret; returns where the scan goes on from (less one). */
function settingAt(text: string, k: number, spans: Span[]): number {
  const n = text.length;
  const equals = text.charCodeAt(k) === 61; /* = */
  const colon = !equals && k + 1 < n && (text[k + 1] === ' ' || text[k + 1] === '\t'); /* `key: value` */
  if (!equals && !colon) return k;
  let keyEnd = k;
  if (colon && keyEnd > 0 && (text[keyEnd - 1] === '"' || text[keyEnd - 1] === "'")) keyEnd--; // "password": "x"
  let keyStart = keyEnd;
  while (keyStart > 0 && isKeyChar(text.charCodeAt(keyStart - 1))) keyStart--;
  if (keyStart === keyEnd || !isSecretKey(text.slice(keyStart, keyEnd))) return k;
  let from = k + 1;
  if (equals && text[from] === '=') return k; // `a == b`
  while (colon && from < n && (text[from] === ' ' || text[from] === '\t')) from++;
  if (from >= n) return k;
  const end = pushValue(text, from, spans);
  return end > k ? end - 1 : k;
}

// ---------------------------------------------------------------------------------------------
// Command words: flags that take a secret, `-u user:pw`, `-pPW`, `Bearer X`

interface Word {
  start: number;
  end: number;
  /** The word without surrounding quotes, brackets and commas (as in `["sh", "-c", "…"]`). */
  core: string;
  coreStart: number;
}

/** Where a word lies: all of it, and its core without surrounding quotes, brackets and commas. */
interface WordBounds {
  start: number;
  end: number;
  coreStart: number;
  coreEnd: number;
}

/** `"`, `'`, a backtick, `[`, `(` or `,` before a word's core. */
function opensWord(c: number): boolean {
  return c === 34 || c === 39 || c === 96 || c === 91 || c === 40 || c === 44;
}

/** `"`, `'`, a backtick, `]`, `)`, `,` or `;` after a word's core. */
function closesWord(c: number): boolean {
  return c === 34 || c === 39 || c === 96 || c === 93 || c === 41 || c === 44 || c === 59;
}

/** True when the `length` characters at `at` spell `lower` (lower-case ASCII), in any case. */
function spellsIgnoringCase(text: string, at: number, length: number, lower: string): boolean {
  if (length !== lower.length) return false;
  for (let i = 0; i < length; i++) if ((text.charCodeAt(at + i) | 32) !== lower.charCodeAt(i)) return false;
  return true;
}

/** Finds the word starting at or after `from` and writes its bounds into `into`; false at the end of the text. */
function boundsFrom(text: string, from: number, into: WordBounds): boolean {
  const n = text.length;
  let i = from;
  while (i < n && isSpace(text.charCodeAt(i))) i++;
  if (i >= n) return false;
  const start = i;
  while (i < n && !isSpace(text.charCodeAt(i))) i++;
  let a = start;
  let b = i;
  while (a < b && opensWord(text.charCodeAt(a))) a++;
  while (b > a && closesWord(text.charCodeAt(b - 1))) b--;
  into.start = start;
  into.end = i;
  into.coreStart = a;
  into.coreEnd = b;
  return true;
}

function wordAt(text: string, bounds: WordBounds): Word {
  return { start: bounds.start, end: bounds.end, core: text.slice(bounds.coreStart, bounds.coreEnd), coreStart: bounds.coreStart };
}

/** Masks what follows the first `:` of a `user:password` word starting at `offset` within `word`. */
function pushUserPassword(word: Word, offset: number, spans: Span[]): void {
  const colon = word.core.indexOf(':', offset);
  if (colon === -1) return;
  const password = word.core.slice(colon + 1);
  if (isReferenceOrMasked(password)) return;
  if (allDigits(password) && allDigits(word.core.slice(offset, colon))) return; // `-u 1000:1000`: a uid and a gid
  spans.push([word.coreStart + colon + 1, word.coreStart + word.core.length]);
}

/** The value a flag takes: the next word, or the whole quoted string when it opens a quote (`--password "a b"`). */
function pushWordValue(text: string, word: Word, spans: Span[]): void {
  const quote = text[word.start];
  if (quote === '"' || quote === "'") {
    const close = text.indexOf(quote, word.start + 1);
    spans.push([word.start + 1, close === -1 ? text.length : close]);
    return;
  }
  spans.push([word.coreStart, word.coreStart + word.core.length]);
}

function hasAlnum(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (isAlnum(value.charCodeAt(i))) return true;
  return false;
}

function allDigits(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) if (!isDigit(value.charCodeAt(i))) return false;
  return true;
}

function commandWords(text: string, spans: Span[]): void {
  // Case-insensitive searches of fixed words: linear, and no lower-cased copy of the whole document.
  const mysql = /mysql|mariadb/i.test(text);
  const sshpass = /sshpass/i.test(text);
  const redisCli = /redis-cli/i.test(text);
  // Words are read one ahead as the scan goes (a document can hold hundreds of thousands), as bounds in two
  // records used in turn; a word becomes a string only when it may be a flag or `Bearer`/`Basic`.
  let here: WordBounds = { start: 0, end: 0, coreStart: 0, coreEnd: 0 };
  let ahead: WordBounds = { start: 0, end: 0, coreStart: 0, coreEnd: 0 };
  let more = boundsFrom(text, 0, ahead);
  while (more) {
    const swap = here;
    here = ahead;
    ahead = swap;
    more = boundsFrom(text, here.end, ahead);
    const length = here.coreEnd - here.coreStart;
    // Only a flag, `Bearer` or `Basic` is read further: any other word is passed over without becoming a string.
    if (length < 2) continue;
    if (text.charCodeAt(here.coreStart) !== 45 /* - */ && !spellsIgnoringCase(text, here.coreStart, length, 'bearer') && !spellsIgnoringCase(text, here.coreStart, length, 'basic')) continue;
    const current = wordAt(text, here);
    const word = current.core;
    const following = more ? wordAt(text, ahead) : undefined;
    // A value, not a shell operator (`&`, `|`, `&&`) nor another flag.
    const nextIsValue = following !== undefined && following.core[0] !== '-' && hasAlnum(following.core) && !isReferenceOrMasked(following.core);
    const lower = word.toLowerCase();
    if (lower === 'bearer' || lower === 'basic') {
      // `Authorization: Bearer X`
      if (nextIsValue && following.core.length >= 8) spans.push([following.coreStart, following.coreStart + following.core.length]);
      continue;
    }
    if (word.length < 2 || word[0] !== '-') continue;
    if (word === '-u' || word === '--user' || word === '--proxy-user' || word === '-U') {
      if (following) pushUserPassword(following, 0, spans);
      continue;
    }
    if (word.startsWith('--user=') || word.startsWith('--proxy-user=')) {
      pushUserPassword(current, word.indexOf('=') + 1, spans);
      continue;
    }
    if (word.startsWith('-u') && word.length > 2 && word[2] !== '-' && word.includes(':')) {
      pushUserPassword(current, 2, spans); // curl's attached `-uuser:pw`
      continue;
    }
    if (mysql && word.startsWith('-p') && word.length > 2 && !word.startsWith('--')) {
      const value = word.slice(2);
      if (!isReferenceOrMasked(value)) spans.push([current.coreStart + 2, current.coreStart + word.length]);
      continue;
    }
    if (((sshpass && word === '-p') || (redisCli && word === '-a')) && nextIsValue) {
      spans.push([following.coreStart, following.coreStart + following.core.length]);
      continue;
    }
    if (word.includes('=')) continue; // `--password=X` is a setting, handled with the others
    if (isSecretKey(word) && nextIsValue) pushWordValue(text, following, spans);
  }
}

// ---------------------------------------------------------------------------------------------
// Token shapes: a known prefix followed by enough token characters

const ALNUM = 0;
const ALNUM_UNDERSCORE = 1;
const ALNUM_DASH_UNDERSCORE = 2;
const ALNUM_DASH = 3;
const UPPER_DIGIT = 4;
const JWT = 5;
const URL_PATH = 6;

/** A prefix kept visible (it says what kind of secret it was) and the body that is hidden. */
const SHAPES: { prefix: string; body: number; min: number; caseSensitive?: boolean }[] = [
  { prefix: 'AKIA', body: UPPER_DIGIT, min: 12 },
  { prefix: 'ASIA', body: UPPER_DIGIT, min: 12 },
  { prefix: 'ghp_', body: ALNUM, min: 16 },
  { prefix: 'gho_', body: ALNUM, min: 16 },
  { prefix: 'ghu_', body: ALNUM, min: 16 },
  { prefix: 'ghs_', body: ALNUM, min: 16 },
  { prefix: 'ghr_', body: ALNUM, min: 16 },
  { prefix: 'github_pat_', body: ALNUM_UNDERSCORE, min: 16 },
  { prefix: 'glpat-', body: ALNUM_DASH_UNDERSCORE, min: 12 },
  { prefix: 'xoxa-', body: ALNUM_DASH, min: 8 },
  { prefix: 'xoxb-', body: ALNUM_DASH, min: 8 },
  { prefix: 'xoxp-', body: ALNUM_DASH, min: 8 },
  { prefix: 'xoxo-', body: ALNUM_DASH, min: 8 },
  { prefix: 'xoxs-', body: ALNUM_DASH, min: 8 },
  { prefix: 'xoxr-', body: ALNUM_DASH, min: 8 },
  { prefix: 'xapp-', body: ALNUM_DASH, min: 8 },
  { prefix: 'sk_live_', body: ALNUM, min: 8 },
  { prefix: 'sk_test_', body: ALNUM, min: 8 },
  { prefix: 'rk_live_', body: ALNUM, min: 8 },
  { prefix: 'rk_test_', body: ALNUM, min: 8 },
  { prefix: 'AIza', body: ALNUM_DASH_UNDERSCORE, min: 20 },
  { prefix: 'sk-', body: ALNUM_DASH_UNDERSCORE, min: 20 },
  { prefix: 'npm_', body: ALNUM, min: 16 },
  { prefix: 'SG.', body: JWT, min: 20 },
  { prefix: 'hf_', body: ALNUM, min: 20 },
  { prefix: 'pypi-', body: ALNUM_DASH_UNDERSCORE, min: 20 },
  { prefix: 'dckr_pat_', body: ALNUM_DASH_UNDERSCORE, min: 12 },
  { prefix: 'eyJ', body: JWT, min: 17 },
  { prefix: 'base64:', body: JWT, min: 40 }, // Laravel's APP_KEY
  // Webhook URLs: the path after the host's webhook folder is the credential.
  { prefix: 'hooks.slack.com/services/', body: URL_PATH, min: 20 },
  { prefix: 'hooks.slack.com/workflows/', body: URL_PATH, min: 20 },
  { prefix: 'hooks.slack.com/triggers/', body: URL_PATH, min: 20 },
  { prefix: 'discord.com/api/webhooks/', body: URL_PATH, min: 20 },
  { prefix: 'discordapp.com/api/webhooks/', body: URL_PATH, min: 20 },
];

function inBody(c: number, body: number): boolean {
  switch (body) {
    case ALNUM:
      return isAlnum(c);
    case ALNUM_UNDERSCORE:
      return isAlnum(c) || c === 95;
    case ALNUM_DASH_UNDERSCORE:
      return isAlnum(c) || c === 95 || c === 45;
    case ALNUM_DASH:
      return isAlnum(c) || c === 45;
    case UPPER_DIGIT:
      return isDigit(c) || (c >= 65 && c <= 90);
    case URL_PATH:
      return isAlnum(c) || c === 95 || c === 45 || c === 47;
    default:
      return isAlnum(c) || c === 95 || c === 45 || c === 46 || c === 61 || c === 43 || c === 47; // base64url, dots, padding
  }
}

function tokenShapes(text: string, spans: Span[]): void {
  for (const shape of SHAPES) {
    // Too short to hold this token: no search (most echoed values are short names).
    if (text.length < shape.prefix.length + shape.min) continue;
    let i = text.indexOf(shape.prefix);
    while (i !== -1) {
      // The prefix starts a token: nothing alphanumeric glued in front of it (`task-…` is not `sk-…`).
      if (i > 0 && isAlnum(text.charCodeAt(i - 1))) {
        i = text.indexOf(shape.prefix, i + 1);
        continue;
      }
      const bodyStart = i + shape.prefix.length;
      let end = bodyStart;
      while (end < text.length && inBody(text.charCodeAt(end), shape.body)) end++;
      if (end - bodyStart >= shape.min) spans.push([bodyStart, end]);
      // A later start inside this run would end at the same place with a shorter body (or cannot
      // occur when the prefix holds a character the body does not): skip the run, which keeps the scan linear.
      i = text.indexOf(shape.prefix, Math.max(end, i + 1));
    }
  }
}

/** `-----BEGIN … PRIVATE KEY-----`: the key material up to the END line (or the end of the text) is hidden. */
function privateKeys(text: string, spans: Span[]): void {
  const begin = '-----BEGIN ';
  let i = text.indexOf(begin);
  while (i !== -1) {
    const headerEnd = text.indexOf('-----', i + begin.length);
    if (headerEnd === -1) return;
    const label = text.slice(i + begin.length, headerEnd);
    const bodyStart = headerEnd + 5;
    if (label.length < 40 && label.includes('PRIVATE KEY')) {
      const endMarker = text.indexOf('-----END', bodyStart);
      const bodyEnd = endMarker === -1 ? text.length : endMarker;
      if (bodyEnd > bodyStart) spans.push([bodyStart, bodyEnd]);
      if (endMarker === -1) return;
      i = text.indexOf(begin, endMarker);
    } else {
      i = text.indexOf(begin, bodyStart);
    }
  }
}

/** The password written in a URL's user part (`scheme://user:password@host`, any user), or undefined. */
export function urlPassword(value: string): string | undefined {
  const spans: Span[] = [];
  urlCredentials(value, spans);
  return spans.length > 0 ? value.slice(spans[0][0], spans[0][1]) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Secrets of the document: a rule may echo one word out of its context (`apt-get install … --requirepass PW`
// reported as the package `PW`), where no pattern can recognise it. The engine collects the secrets the
// scanners find in the whole document once, and masks those exact strings in every value as well.

/** At most this many distinct secrets are remembered per document (a real file holds a handful). */
const KNOWN_LIMIT = 256;

/** True for a value distinctive enough to mask wherever it appears: 6+ characters with a digit, or 10+. */
function distinctive(value: string): boolean {
  if (value.length >= 10) return true;
  if (value.length < 6) return false;
  for (let i = 0; i < value.length; i++) if (isDigit(value.charCodeAt(i))) return true;
  return false;
}

/** The secret values the scanners find in `text`, longest first; linear in the text. */
export function secretsIn(text: string): string[] {
  const spans: Span[] = [];
  urlCredentials(text, spans);
  keyValueSettings(text, spans);
  commandWords(text, spans);
  tokenShapes(text, spans);
  privateKeys(text, spans);
  const found = new Set<string>();
  for (const [start, end] of spans) {
    if (found.size >= KNOWN_LIMIT) break;
    const value = text.slice(start, end);
    if (distinctive(value) && !isReferenceOrMasked(value)) found.add(value);
  }
  return [...found].sort((a, b) => b.length - a.length);
}

/** `maskText`, then every known secret of the document masked wherever it still appears. */
export function maskTextKnowing(text: string, known: readonly string[]): string {
  let out = maskText(text);
  for (const secret of known) if (out.includes(secret)) out = out.split(secret).join(MASK);
  return out;
}
