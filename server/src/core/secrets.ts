/**
 * Recognising secrets (names, token shapes, literal values) and masking whole values a rule
 * knows to be secret. Masking of secrets inside any echoed text is done by the one masker,
 * mask.ts, which formatMessage applies to every message value.
 */
import { maskText, urlPassword, wordsOf } from './mask';
import { hasTemplateBraces } from './text-scan';

/** Keeps the first characters (enough to recognise the kind of token) and hides the rest. */
export function maskSecret(value: string): string {
  if (value.length <= 4) return '****';
  const visible = Math.min(4, Math.floor(value.length / 4));
  return `${value.slice(0, visible)}${'*'.repeat(Math.min(8, value.length - visible))}`;
}

/**
 * Replaces the password of `scheme://user:password@host` with `****` (any user, an empty one too;
 * passwords holding `/` or `@`), and every other secret the one masker knows (see mask.ts).
 */
export function maskUrlCredentials(value: string): string {
  return maskText(value);
}

/**
 * Variable names that announce a secret: `DB_PASSWORD`, `STRIPE_SECRET_KEY`, `GITHUB_TOKEN`, `API_KEY`, a JWT signing key
 * (`JWT_KEY`, `JWT_USERS_KEY`), a master key (Parse's and Meilisearch's `MASTER_KEY`), and vendors' ingest keys
 * (`NEW_RELIC_LICENSE_KEY`, MaxMind's `LICENSE_KEY`, Honeycomb's and Segment's `WRITE_KEY`), the Erlang distribution cookie
 * that lets any node holding it run code on the others (`RELEASE_COOKIE`, `ERLANG_COOKIE`, `RABBITMQ_ERLANG_COOKIE`)... A password's word run
 * into the one before it counts too (`DBPASSWORD`, `ADMINPASSWD`, and `DBPASS`, `RPCPASS`, `SMTPPASS` of a known service or
 * role), but not another word ending in `pass`
 * (`BYPASS`, `COMPASS`).
 */
const SECRET_NAME = /(^|[_.-])(PASS(WORD|WD)?|[A-Z0-9]+PASS(WORD|WD)|(DB|RPC|SMTP|MAIL|FTP|ADMIN|ROOT|USER|REDIS|MYSQL|PG|LDAP|PROXY|VNC)PASS|PWD|SECRET|SECRETKEY|(SESSION|COOKIE|JWT|APP)SECRET|TOKEN|[A-Z0-9]+TOKEN|API[_-]?KEY|ACCESS[_-]?KEY|PRIVATE[_-]?KEY|CLIENT[_-]?SECRET|CREDENTIALS?|CREDS?|(SA|SERVICE[_-]?ACCOUNT)[_-]?(KEY|JSON)|AUTH[_-]?KEY|SIGNING[_-]?KEY|ENCRYPTION[_-]?KEY|SESSION[_-]?KEY|LICENSE[_-]?KEY|WRITE[_-]?KEY|MASTER[_-]?KEY|JWT([_-][A-Z0-9]+)?[_-]KEY|(ERLANG|ERL|RELEASE)[_-]?COOKIE|DSN)($|[_.-])/i;
/**
 * Names that mention a secret but hold something harmless: a path to it, a name of it, the store that keeps such
 * secrets (`API_KEY_TABLE`, `SECRET_BUCKET`, `TOKEN_QUEUE`: a table, bucket, queue, topic or stream), where a token lives on
 * a blockchain (`TOKEN_ADDRESS`, `TOKEN_CONTRACT`, `TOKEN_SYMBOL`: public by nature), its length, a toggle, a policy
 * for it (`MB_PASSWORD_COMPLEXITY`), or how long one lasts (`TOKEN_TTL`, `REFRESH_TOKEN_EXPIRE`, `SESSION_SECRET_MAX_AGE`,
 * `ACCESS_TOKEN_EXPIRE_MINUTES`); and Sentry's DSN, which Sentry documents as safe to make public (it only lets a
 * client send events; the secret part of old DSNs is no longer used).
 */
const SECRET_NAME_EXCEPTIONS =
  /(_(FILE|PATH|DIR|NAME|REF|ID|TABLE|BUCKET|QUEUE|TOPIC|STREAM|LENGTH|HEADER|URL|ENDPOINT|ADDRESS|ADDR|CONTRACT|SYMBOL|DECIMALS|TYPE|ALGORITHM|ENABLED|REQUIRED|MIN|MAX|COMPLEXITY|POLICY|STRENGTH|PATTERN|REGEX|FORMAT|MODE|TTL|EXPIRY|EXPIRE|EXPIRES|EXPIRATION|LIFETIME|LIFESPAN|DURATION|VALIDITY|AGE|PERIOD|INTERVAL|TIMEOUT|TIME|SECONDS|SECS|MS|MINUTES|MINS|HOURS|DAYS)$)|^(.*_)?(PUBLIC|PUB)_|(^|[_.-])SENTRY[_.-]?DSN$/i;

/**
 * A payment, mail or AI vendor's key by the vendor's name (`SENDGRID_KEY`, `STRIPE_LIVE_KEY`, `OPENAI_KEY`): these
 * vendors issue secret keys only (a publishable Stripe key says so, `STRIPE_PUBLISHABLE_KEY`, and is public).
 */
const VENDOR_KEY = /(^|[_.-])(STRIPE|SENDGRID|TWILIO|MAILGUN|MAILCHIMP|MANDRILL|POSTMARK|RESEND|BREVO|SENDINBLUE|OPENAI|ANTHROPIC|COHERE|GROQ|MISTRAL|REPLICATE|PINECONE|PLAID|PAYSTACK|RAZORPAY|BRAINTREE)([_-](LIVE|TEST|SANDBOX|DEV|PROD|STAGING|SECRET|PRIVATE|SERVER|ADMIN))?[_-]KEY($|[_.-])/i;

/** A personal access token by its abbreviation: `GITHUB_PAT`, `GH_PAT`, `MattermostPAT`, `githubPat` (not `PATH`, `COMPAT`). */
const ACCESS_TOKEN_ABBREVIATION = /(^|[_.-])PAT($|[_.-])|[a-z0-9](PAT|Pat)$/;

export function looksLikeSecretName(name: string): boolean {
  const bare = withoutStage(name);
  return ((SECRET_NAME.test(bare) || VENDOR_KEY.test(bare) || ACCESS_TOKEN_ABBREVIATION.test(bare)) && !SECRET_NAME_EXCEPTIONS.test(bare)) || namesChatWebhook(bare);
}

/** A stage's name that ends a variable's name (`AWS_ACCESS_KEY_ID_prod`: the same setting, for one stage). */
const STAGE_SUFFIX = /[_.-](prod|production|dev|development|staging|stage|test|qa|uat|local)$/i;

function withoutStage(name: string): string {
  const m = STAGE_SUFFIX.exec(name);
  return m && m.index > 0 ? name.slice(0, m.index) : name;
}

const CHAT_SERVICES = new Set(['slack', 'discord', 'teams', 'mattermost', 'rocketchat', 'gchat']);
const CHAT_SERVICE_IN_NAME = /slack|discord|teams|mattermost|rocketchat|gchat/i;
const WEBHOOK_WORDS = new Set(['incoming', 'webhook', 'hook', 'url']);

/**
 * A chat service's incoming-webhook URL by its name (`SLACK_WEBHOOK_URL`, `DISCORD_WEBHOOK`, `slackHookUrl`,
 * `HONEY_SLACK_URL`): the URL is the credential, whoever has it posts as the integration. Only the service's name
 * followed by webhook words; `SLACK_API_URL` or `SLACK_CHANNEL_URL` locate something, and a `WEBHOOK_URL` of no
 * chat service may be any endpoint.
 */
function namesChatWebhook(name: string): boolean {
  // Most names mention no chat service: one search, before the words are split.
  if (!CHAT_SERVICE_IN_NAME.test(name)) return false;
  const words = wordsOf(name);
  const service = words.findIndex((w) => CHAT_SERVICES.has(w));
  if (service < 0 || service === words.length - 1) return false;
  const rest = words.slice(service + 1);
  return rest.every((w) => WEBHOOK_WORDS.has(w)) && rest[rest.length - 1] !== 'incoming';
}

/**
 * A name that calls its value public (`RSA_PUBLIC_KEY`, `NEXT_PUBLIC_API_KEY`, `JWT_PUB_KEY`, `publicKey`): no secret,
 * however the value is stored (a public key kept as an encrypted parameter checks signatures; it signs nothing).
 */
export function namesPublicValue(name: string): boolean {
  return PUBLIC_NAME.test(name);
}

const PUBLIC_NAME = /(^|[_.-])(PUBLIC|PUB|public|pub)([_.-]|$)|public[A-Z]|Public[A-Z]/;

/** Values that are clearly not a secret even under a secret-like name: empty, placeholders, references. */
export function isPlaceholderValue(value: string): boolean {
  const v = value.trim();
  if (v.length < 4) return true;
  if (/^\$\{?[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?\}?$/.test(v)) return true; // a reference to another variable
  if (hasTemplateBraces(v, true)) return true; // a template expression
  if (/^(todo|tbd|none|null|nil|empty|placeholder|redacted|masked|xxx+|\*+|<.*>|\.\.\.)$/i.test(v)) return true;
  // The credentials a local emulator takes and ignores (LocalStack's `test`/`test`, or `local`).
  if (/^(test|testing|local|localstack)$/i.test(v)) return true;
  // `changeme`, `change-this`, `changeThis`, `changePassword`, `changeit` (Java's keystore default), `replace_me`.
  if (/^(change|replace)[-_ ]?(me|this|it|later|now|user(name)?|pass(word)?|pwd|secret|key|token)$/i.test(v)) return true;
  // The same, repeated to a length or with a hint in capitals (firefly-iii's `CHANGEMECHANGEME`, `CHANGE12CHAR`), or
  // opening a sentence that says so (`change-me-to-a-random-string-in-production`, `replace_me_before_deploying`), or
  // dressed up to pass a password policy (`Change-m3!`, matt-dz/wecook's Secret).
  if (/changeme/i.test(v) || /^CHANGE[A-Z0-9_]*$/.test(v) || /(^|[^a-z])(change|replace)[-_ ](me|m3|this)([^a-z]|$)/i.test(v)) return true;
  // The same pair as capitalised words inside a value (n8n's `SuperSecretKeyChangeThis`).
  if (/(Change|Replace)[-_ ]?(Me|This|It)(?![a-z])/.test(v)) return true;
  // A sample marked as one anywhere in it (`example`, `DUMMYEXAMPLEKEY`, `dummy-password`, `samplesecret`,
  // `fake-travis-ci-auth-token`): what a local emulator, a chart's default or a tutorial takes.
  if (/dummy|example|sample|fake/i.test(v)) return true;
  // A token that a deploy script substitutes (`__SLACK_OUTGOING_TOKEN_HERE__`, `@DB_PASSWORD@`, `%API_KEY%`).
  if (/^(__[A-Za-z0-9_]+__|@[A-Za-z0-9_]+@|%[A-Za-z0-9_]+%)$/.test(v)) return true;
  // A value that says it is one (formbricks' `placeholder_for_next_auth_of_64_chars_get_overwritten_at_runtime`).
  if (/(^|[^a-z])placeholder([^a-z]|$)/i.test(v)) return true;
  if (isRedactionMarker(v)) return true;
  // Fill-in-the-blank values that documentation and examples ship with, also after a vendor's key prefix
  // (`sk_test_your_stripe_secret_key`, amazee.ai's chart).
  if (/^(insert|your|replace|enter|put|set|add)[-_ ]|[-_ ](here|goes[-_ ]here)$|[-_]your[-_]|^<[^>]*>$|^\[[^\]]*\]$/i.test(v)) return true;
  if (/^(\/run\/secrets|\/var\/run\/secrets|\/etc\/secrets)\//.test(v)) return true; // a path to a mounted secret
  if (/^(true|false|yes|no|on|off|\d{1,3})$/i.test(v)) return true;
  return false;
}

/**
 * A word between runs of asterisks, as tools write where a value was taken out: `***SOPS***` (a SOPS-managed Secret's
 * plain copy), `**REDACTED**`. Read with loops: a regex for it backtracks on long runs of asterisks.
 */
function isRedactionMarker(v: string): boolean {
  let a = 0;
  while (a < v.length && v.charCodeAt(a) === 42) a++;
  let b = v.length;
  while (b > a && v.charCodeAt(b - 1) === 42) b--;
  return a >= 2 && v.length - b >= 2 && b - a <= 40 && /^[A-Za-z][A-Za-z _-]*$/.test(v.slice(a, b));
}

export interface SecretShape {
  /** Human description of what was recognised, e.g. "an AWS access key id". */
  kind: string;
}

/**
 * A token with at least eight different characters: a real webhook's credential, not the documentation's
 * `XXXXXXXXXXXXXXXXXXXXXXXX` or `xxxxxxxx`.
 */
function variedToken(match: string): boolean {
  const token = match.slice(match.lastIndexOf('/') + 1);
  return new Set(token).size >= 8;
}

const SECRET_SHAPES: { kind: string; pattern: RegExp; real?: (match: string) => boolean }[] = [
  { kind: 'an AWS access key id', pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { kind: 'a GitHub token', pattern: /\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{40,}\b/ },
  { kind: 'a GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/ },
  { kind: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/ },
  { kind: 'a Stripe secret key', pattern: /\b(sk|rk)_(live|test)_[A-Za-z0-9]{16,}\b/ },
  { kind: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { kind: 'an OpenAI-style API key', pattern: /\bsk-[A-Za-z0-9_-]{32,}\b/ },
  { kind: 'an npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { kind: 'a SendGrid API key', pattern: /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}\b/ },
  { kind: 'a private key', pattern: /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/ },
  // Laravel's APP_KEY as `php artisan key:generate` writes it: 32 random bytes, base64, behind `base64:`.
  { kind: 'a Laravel application key', pattern: /^base64:[A-Za-z0-9+/]{40,}={0,2}$/ },
  // Incoming-webhook URLs carry their credential in the path: whoever has one can post as the integration.
  { kind: 'a Slack webhook URL', pattern: /\bhooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]{20,}/, real: variedToken },
  { kind: 'a Discord webhook URL', pattern: /\bdiscord(?:app)?\.com\/api\/webhooks\/\d+\/[A-Za-z0-9_-]{20,}/, real: variedToken },
  { kind: 'a JSON Web Token', pattern: /\beyJ(?:[A-Za-z0-9_]|-(?!eyJ)){10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/ },
];

/** Recognises well-known token shapes and credentials embedded in URLs. */
export function secretShapeOf(value: string): SecretShape | undefined {
  for (const shape of SECRET_SHAPES) {
    const match = shape.pattern.exec(value);
    if (match && (!shape.real || shape.real(match[0]))) return { kind: shape.kind };
  }
  const password = urlPassword(value);
  if (password !== undefined && !isPlaceholderValue(password) && !isSecretReference(password) && !isUrlForm(value)) return { kind: 'a password inside a URL' };
  return undefined;
}

/**
 * A URL written as a form to fill in rather than an address: a port that is a word
 * (`postgres://username:password@hostname:port/dbname`), a host that is the word for one (the dummy
 * `postgres://postgres:password@host/notreal` a Rails image sets so that `assets:precompile` boots), or a user and a
 * password named for what they are (`user:password@`).
 */
function isUrlForm(value: string): boolean {
  const scheme = value.indexOf('://');
  const at = value.lastIndexOf('@');
  if (scheme < 0 || at < scheme) return false;
  let end = value.length;
  for (const stop of ['/', '?', '#']) {
    const i = value.indexOf(stop, at);
    if (i >= 0 && i < end) end = i;
  }
  const host = value.slice(at + 1, end);
  const colon = host.lastIndexOf(':');
  if (colon >= 0 && /^[A-Za-z_]+$/.test(host.slice(colon + 1))) return true;
  if (/^(host|hostname|your[-_]?host(name)?)$/i.test(colon >= 0 ? host.slice(0, colon) : host)) return true;
  const credentials = value.slice(scheme + 3, at);
  const separator = credentials.indexOf(':');
  return separator > 0 && /^(user(name)?|usr|login)$/i.test(credentials.slice(0, separator)) && /^(password|passwd|pass|pwd)$/i.test(credentials.slice(separator + 1));
}

/**
 * A reference to a value kept elsewhere, never a literal secret: `$VAR`, `${VAR}`,
 * Kubernetes' `$(VAR)`, and secret-manager URIs or ARNs.
 */
export function isSecretReference(value: string): boolean {
  const v = value.trim();
  return (
    /\$(\{[A-Za-z_]|\([A-Za-z_]|[A-Za-z_])/.test(v) ||
    /^(vault:|ref\+[a-z0-9]+:\/\/|arn:aws[a-z-]*:(secretsmanager|ssm|kms):|projects\/[^/]+\/secrets\/|@Microsoft\.KeyVault\(|azurekeyvault:|gcp:secretmanager:|sm:\/\/|op:\/\/|secretsmanager:|awssm:)/i.test(v)
  );
}

/** Names the shared secret-name list would match but that hold sizes, identifiers or selectors (`JWT_SECRET_EXPIRES_IN`: a time). */
const EXTRA_NAME_EXCEPTIONS = /_(IN|SIZE|BYTES|BITS|COUNT|ROUNDS|ITERATIONS|COST|VERSION|PROVIDER|BACKEND|STORE|MODE|FORMAT|ARN|REGION|KIND|SOURCE|LOCATION|MOUNT|VAR|ENV|POLICY|PREFIX|SUFFIX|USER|USERNAME|HOST|PORT|PARAM|PARAMETER)$/i;

/**
 * True when a variable (or parameter) named `name` holds a secret's value itself: a secret-like name that is not a
 * setting about one (`TOKEN_TTL`), nor where to find one (`SECRET_ARN`, `DB_PASSWORD_PARAM`, `SSM_API_TOKEN`: a
 * parameter's name).
 */
export function namesSecretValue(name: string): boolean {
  return looksLikeSecretName(name) && !EXTRA_NAME_EXCEPTIONS.test(withoutStage(name)) && !STORE_WORD.test(name);
}

const DSN_NAME = /(^|[_.-])DSN($|[_.-])/i;

/** A word that names where a secret is kept: `SSM_LOGZ_IO_TOKEN_KEY` is the name of a parameter, not the token. */
const STORE_WORD = /(^|[_.-])(SSM|KMS|SECRETS?[_-]?MANAGER|PARAMETER[_-]?STORE)([_.-]|$)/i;

export interface LiteralSecret {
  /** What made us think so, e.g. "a GitHub token" or "a literal value under a secret-like name". */
  kind: string;
  /** Safe to show. */
  masked: string;
}

/**
 * A setting that says where something is, not a credential: a name ending in a place word (`GATUS_CONFIG_PATH`,
 * `DATA_DIR`, `KEY_FILE`) with a plain path for its value (`/config`), even inside a Secret.
 */
export function isPathSetting(name: string, value: string): boolean {
  return /(^|[_.-])(PATH|DIR|DIRECTORY|FOLDER|FILE|ROOT|HOME)$/i.test(name) && /^(\.{0,2}\/)?[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*\/?$|^\/$/.test(value) && value.includes('/');
}

function looksLikePath(value: string): boolean {
  return /^(\/|\.{1,2}\/|~\/|[A-Za-z]:\\)[^\s]*$/.test(value);
}

/**
 * A fill-in marker rather than a value: the variable's own name (`HF_TOKEN: "HF_TOKEN"`), or an
 * ALL_CAPS identifier that names a secret (`API_KEY: YOUR_API_KEY`, `DB_PASSWORD: DB_PASSWORD_HERE`), also
 * after a vendor's key prefix (`nvapi-NVKEY`, `sk-YOUR_KEY`).
 */
function namesItself(name: string, value: string): boolean {
  const norm = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (name !== '' && norm(name) === norm(value)) return true;
  if (/^(your|my)[-_]?(db[-_]?|root[-_]?|admin[-_]?|api[-_]?)?(password|passwd|pass|secret|token|key)$/i.test(value)) return true; // `yourpassword`
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(value) && looksLikeSecretName(value)) return true;
  const tail = /^[a-z]{2,8}[-_]([A-Z][A-Z0-9_]*)$/.exec(value);
  return !!tail && /KEY|TOKEN|SECRET|PASS/.test(tail[1]);
}

/**
 * An http(s) URL with no credentials in it (no `user:password@`): a locator, not a secret. A credential it carries in
 * its path (a Slack or Discord webhook) is a secret shape (secretShapeOf), asked first.
 */
export function isPlainUrl(value: string): boolean {
  return /^https?:\/\/[^@\s]*$/i.test(value.trim());
}

/** A secret written literally under `name` (ENV, ARG, an env `value:`, a ConfigMap key), or `undefined`. */
export function literalSecret(name: string, value: string): LiteralSecret | undefined {
  const v = value.trim();
  if (v === '') return undefined;
  const shape = secretShapeOf(v);
  if (shape) return { kind: shape.kind, masked: maskValue(v) };
  const connection = /(^|;)\s*(password|pwd)\s*=\s*([^;]*)/i.exec(v);
  if (connection && /(^|;)\s*(server|data source|host|user id|uid|database|initial catalog)\s*=/i.test(v)) {
    const password = connection[3].trim().replace(/^["']|["']$/g, '');
    if (password && !isPlaceholderValue(password) && !isSecretReference(password)) {
      return { kind: 'a password in a connection string', masked: v.replace(/((password|pwd)\s*=\s*)[^;]*/gi, '$1****') };
    }
  }
  // libpq's keyword/value form (`host=db user=app password=s3cret dbname=app`): words apart, a value quoted when it
  // holds spaces.
  const libpq = /(^|\s)password\s*=\s*('(?:[^'\\]|\\.)*'|\S*)/i.exec(v);
  if (libpq && /(^|\s)(host|hostaddr|dbname|user|port)\s*=/i.test(v)) {
    const password = libpq[2].replace(/^'|'$/g, '');
    if (password && !isPlaceholderValue(password) && !isSecretReference(password)) {
      return { kind: 'a password in a connection string', masked: maskText(v) };
    }
  }
  if (!namesSecretValue(name)) return undefined;
  if (isPlaceholderValue(v) || looksLikePath(v) || isSecretReference(v) || namesItself(name, v)) return undefined;
  if (isPlainUrl(v)) return undefined;
  // A DSN's secret is its password (caught above as a password inside a URL); without one it is where to send or
  // connect: Sentry's `https://<public key>@o1.ingest.sentry.io/2`, which Sentry documents as safe to publish.
  if (DSN_NAME.test(name) && v.includes('://') && urlPassword(v) === undefined) return undefined;
  return { kind: 'a literal value under a secret-like name', masked: maskValue(v) };
}

/** Masks URL passwords (and any other secret part, see mask.ts), or the whole value when it is not a URL. */
export function maskValue(value: string): string {
  if (/^[a-z][a-z0-9+.:-]*:\/\//i.test(value)) {
    // Masked before it is shortened, so a cut never splits a password away from its `@`.
    const masked = maskText(value);
    return masked.length > 60 ? `${masked.slice(0, 57)}...` : masked;
  }
  return maskSecret(value);
}

