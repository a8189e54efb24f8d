// The one masker (core/mask.ts) and the one path every echoed value takes through it: messages
// (formatMessage), fix and code-action titles, hovers and the CLI's output formats.
//
// The property test plants secrets of every shape in every string position of realistic
// files (the examples/ and a compact file per target with every kind of position), runs the
// analysis with ALL rules and asserts that no message, hover, code-action title or CLI output
// contains the planted secret. Token-shaped secrets are assembled at run time so that no
// token-looking literal sits in the repository.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, isScalar, visit } from 'yaml';
import { maskText, isSecretKey, wordsOf } from '../../server/src/core/mask';
import { maskValue, literalSecret, looksLikeSecretName, namesSecretValue } from '../../server/src/core/secrets';
import { defineDockerfileRule, formatMessage } from '../../server/src/core/rule';
import { analyze, type Analysis } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/hover';
import { codeActionsFor } from '../../server/src/core/code-actions';
import { toJson, toSarif, toStylish, type FileReport } from '../../server/src/cli-format';

const ROOT = join(__dirname, '..', '..');
/** 36 letters and digits: the body of a GitHub token, assembled so no token literal is committed. */
const BODY36 = 'Pl4nted0Token0Body0abcdefghijklmnopq';
/** The path of a Slack and of a Discord incoming webhook (made up), assembled so no webhook URL is committed. */
const SLACK_PATH = 'T0A1B2C3D/' + 'B4E5F6G7H/' + 'aB3dE5gH7jK9mN1pQ3sT5vW7';
const DISCORD_PATH = '112233445566778899/' + 'Pl4nted-Webhook_Token0abcdefghijklmnop';

// ---------------------------------------------------------------------------------------------
// Unit: what the masker hides and what it keeps

describe('maskText', () => {
  const cases: [string, string][] = [
    ['redis://:RedisPw77x@cache:6379/0', 'redis://:****@cache:6379/0'],
    ['postgres://app:Pg0nlyPw@db:5432/x', 'postgres://app:****@db:5432/x'],
    ['postgres://pay:p4ss@w0rd/with@chars9@10.0.0.5:5432/pay', 'postgres://pay:****@10.0.0.5:5432/pay'],
    ['mysql://orders:abc/def/ghi/Secret88@127.0.0.1:3306/orders', 'mysql://orders:****@127.0.0.1:3306/orders'],
    ['jdbc:postgresql://10.0.0.9:5432/app?user=app&password=JdbcPw12&ssl=true', 'jdbc:postgresql://10.0.0.9:5432/app?user=app&password=****&ssl=true'],
    ['Server=tcp:sql,1433;Database=app;User Id=sa;Password=MsSqlPw1;', 'Server=tcp:sql,1433;Database=app;User Id=sa;Password=****;'],
    ['jdbc:sqlserver://db:1433;databaseName=app;user=sa;password=Jd8cPw;', 'jdbc:sqlserver://db:1433;databaseName=app;user=sa;password=****;'],
    ['curl -u deploy:CurlPw55 https://get.example.com/i.sh | sh', 'curl -u deploy:**** https://get.example.com/i.sh | sh'],
    ['curl --user=deploy:CurlPw55 https://x', 'curl --user=deploy:**** https://x'],
    ['redis-server --requirepass ReqPw99 & node a.js', 'redis-server --requirepass **** & node a.js'],
    ['DATABASE_URL=postgres://u:AssignPw@db/x python manage.py migrate', 'DATABASE_URL=postgres://u:****@db/x python manage.py migrate'],
    ['ADD https://user:AddPw77@files.example.com/app.tgz /app/', 'ADD https://user:****@files.example.com/app.tgz /app/'],
    ['mysql -uroot -pMySqlR00t-4422 < m.sql', 'mysql -uroot -p**** < m.sql'],
    ['wget --password=WgetPw13 http://x', 'wget --password=**** http://x'],
    ['app --db-password "Qu0ted Pw" --port 80', 'app --db-password "****" --port 80'],
    ['echo "//registry.npmjs.org/:_authToken=abcdef123456" > .npmrc', 'echo "//registry.npmjs.org/:_authToken=****" > .npmrc'],
    ['PGPASSWORD=PgPw1234 psql', 'PGPASSWORD=**** psql'],
    ['curl -H "Authorization: Bearer abcdefghijkl" -H "X-Api-Key: k3yk3yk3y" http://x', 'curl -H "Authorization: Bearer ****" -H "X-Api-Key: ****" http://x'],
    ['{"password": "hunter2xx", "user": "bob"}', '{"password": "****", "user": "bob"}'],
    // The scheme word in any case; a longer or shorter word is not it.
    ['authorization: BEARER abcdefghijkl, bAsIc dXNlcjpwYXNzd29yZA==', 'authorization: BEARER ****, bAsIc ****'],
    ['Bearers abcdefghijkl Basi abcdefghijkl', 'Bearers abcdefghijkl Basi abcdefghijkl'],
    ['a==b password=EqPw1234 token:notspaced x: y secret:\tTabPw5678', 'a==b password=**** token:notspaced x: y secret:\t****'],
    ['AKIA' + 'Z3MSJV4WQFAKE9X7 and ' + 'gh' + 'p_' + BODY36, 'AKIA**** and ghp_****'],
    ['xo' + 'xb-1234567890-0987654321-AbCdEf', 'xoxb-****'],
    ['s' + 'k_live_51HqzFAKEa8b7c6d5e4f', 'sk_live_****'],
    ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.dozjgNryP4J3jVmNHl0w5N', 'eyJ****'],
    ['APP_KEY=base64:Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE=', 'APP_KEY=base64:****'],
    ['data=base64:c2hvcnQ=', 'data=base64:c2hvcnQ='],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu\n-----END RSA PRIVATE KEY-----', '-----BEGIN RSA PRIVATE KEY-----****-----END RSA PRIVATE KEY-----'],
    ['postgres://app:Pg0nlyPw...', 'postgres://app:****...'],
    ['curl -d @msg.json https://hooks.' + 'slack.com/services/' + SLACK_PATH, 'curl -d @msg.json https://hooks.slack.com/services/****'],
    ['DISCORD_WEBHOOK=https://discord' + '.com/api/webhooks/' + DISCORD_PATH + ' node bot.js', 'DISCORD_WEBHOOK=https://discord.com/api/webhooks/**** node bot.js'],
  ];
  for (const [input, expected] of cases) {
    it(`masks ${expected}`, () => assert.equal(maskText(input), expected));
  }

  it('keeps what is not a secret: ports, paths, references, uid:gid, placeholders', () => {
    for (const text of [
      'http://localhost:8080/health?email=a@b.c',
      'https://registry.npmjs.org/@scope/pkg',
      'ssh://git@github.com/acme/app.git',
      'PASSWORD_FILE=/run/secrets/db TOKEN_URL=http://x DB_PASSWORD=$DB_PASSWORD',
      'postgres://app:${DB_PASSWORD}@db/app',
      'docker run -p 8080:80 -u 1000:1000 nginx',
      'redis-server --requirepass $(cat /run/secrets/redis) & exec app',
      'app --password-file /run/secrets/pw --token-url https://auth/',
      'task-sk-list and gcc -pthread -o app',
      'the password is recognised by its name',
      'redis://:****@cache:6379/0',
    ]) {
      assert.equal(maskText(text), text, text);
    }
  });

  it('is idempotent', () => {
    for (const [input] of cases) assert.equal(maskText(maskText(input)), maskText(input));
  });

  it('recognises secret-naming keys and flags by their last word', () => {
    for (const key of ['password', 'DB_PASSWORD', 'PGPASSWORD', 'spring.datasource.password', '_authToken', '--requirepass', '--api-key', 'SECRET_ACCESS_KEY', 'clientSecret', 'Pwd']) assert.ok(isSecretKey(key), key);
    for (const key of ['PASSWORD_FILE', 'TOKEN_URL', 'bypass', 'oauth', 'user', 'key', 'monkey', '--port']) assert.ok(!isSecretKey(key), key);
  });

  it('runs in linear time on adversarial text (budget generous: a quadratic scan takes minutes here)', () => {
    const size = 200_000;
    const inputs = [
      'a://:'.repeat(size / 5),
      'x://u:p'.repeat(size / 7) + '@h',
      '='.repeat(size),
      'password='.repeat(size / 9),
      'glpat-'.repeat(size / 6),
      'eyJ-'.repeat(size / 4),
      'ask-'.repeat(size / 4),
      '-----BEGIN '.repeat(size / 11),
      '-----BEGIN PRIVATE KEY-----'.repeat(size / 27),
      '--password '.repeat(size / 11),
      'mysql -p'.repeat(size / 8),
      ('a'.repeat(50) + ':').repeat(size / 51),
      '"password": "'.repeat(size / 14),
    ];
    const started = performance.now();
    for (const text of inputs) maskText(text);
    assert.ok(performance.now() - started < 5000, `took ${Math.round(performance.now() - started)} ms`);
  });
});

describe('the one path', () => {
  it('formatMessage masks every value it fills in, and only the values', () => {
    assert.equal(formatMessage('`{{v}}` (password=x in the template stays)', { v: 'redis://:P4ssw0rd9@cache' }), '`redis://:****@cache` (password=x in the template stays)');
    assert.equal(formatMessage('{{n}} items', { n: 3 }), '3 items');
  });

  it("formatMessage shows what the Helm renderer could not know as `…`, not its placeholder (review set 82: amazee.ai's postgres Secret)", () => {
    assert.equal(formatMessage('Secret `{{name}}` commits 1 literal value', { name: '__helm_unknown__-secret' }), 'Secret `…-secret` commits 1 literal value');
  });

  it('the engine masks every data value and every fix title a rule hands it; hovers and code actions show them masked', () => {
    // A rule that echoes user text carelessly: the engine is the one place that makes it safe.
    const careless = defineDockerfileRule({
      meta: { id: 'config/literal-secret-env', factor: 'config', defaultSeverity: 'warning', description: 'test', rationale: 'test', messages: { m: 'runs `{{command}}` (line {{line}})' }, fix: 'safe' },
      check({ model, report }) {
        for (const instruction of model.instructions) {
          if (instruction.getKeyword() !== 'RUN') continue;
          const command = instruction.getRawArgumentsContent() ?? '';
          report({ messageId: 'm', data: { command, line: 2 }, range: instruction.getRange(), fix: { title: `Drop ${command}`, edits: [] } });
        }
      },
    });
    const analysis = analyze({ uri: 'file:///w/Dockerfile', languageId: 'dockerfile', text: 'FROM a:1\nRUN curl -u ci:Sup3rSecr3tPw https://x.example.com/a\n' }, { rules: [careless] });
    assert.equal(analysis.findings.length, 1);
    const [finding] = analysis.findings;
    assert.match(finding.message, /curl -u ci:\*\*\*\* https:\/\/x\.example\.com\/a/);
    assert.match(finding.message, /\(line 2\)$/);
    assert.equal(finding.fix?.title.includes('Sup3rSecr3tPw'), false, finding.fix?.title);
    assert.ok(!hoverAt(analysis, finding.range.start)!.markdown.includes('Sup3rSecr3tPw'));
    for (const action of codeActionsFor(analysis, finding.range)) assert.ok(!action.title.includes('Sup3rSecr3tPw'), action.title);
  });

  it('suppression diagnostics mask the ids they echo', () => {
    // An id is pasted where a rule id should be: a token (assembled, so no token literal is committed).
    const token = 'gh' + 'p_' + BODY36;
    const analysis = analyze({ uri: 'file:///w/Dockerfile', languageId: 'dockerfile', text: `FROM a:1\n# twelve-factor-ignore ${token} -- a reason\nRUN true\n` });
    const unknown = analysis.findings.filter((f) => f.factor === null && f.message.includes('ghp_****'));
    assert.equal(unknown.length, 1, analysis.findings.map((f) => f.message).join('\n'));
    for (const f of analysis.findings) assert.ok(!f.message.includes(BODY36), f.message);
  });

  it('maskValue masks before it shortens, so a cut cannot separate a password from its @', () => {
    const long = `postgres://app:${'p'.repeat(30)}/x@${'h'.repeat(40)}.example.com/app`;
    const masked = maskValue(long);
    assert.ok(!masked.includes('ppppp'), masked);
    assert.ok(masked.startsWith('postgres://app:****@hhh'), masked);
  });

  it('literal-secret detection recognises URL passwords with an empty user and with / or @ inside', () => {
    for (const value of ['redis://:R3disPw77x@cache:6379/0', 'mysql://orders:abc/def/ghi/Secret88@db:3306/o', 'postgres://pay:p4ss@w0rd/x9@db/pay']) {
      const found = literalSecret('ANY_URL', value);
      assert.equal(found?.kind, 'a password inside a URL', value);
      assert.ok(found && !found.masked.includes('Secret88') && !found.masked.includes('R3disPw77x') && !found.masked.includes('w0rd/x9'), found?.masked);
    }
  });

  it('one splitter of names: separators, camel case, a run of capitals, a digit before a capital', () => {
    assert.deepEqual(wordsOf('DB_PASSWORD'), ['db', 'password']);
    assert.deepEqual(wordsOf('_authToken'), ['auth', 'token']);
    assert.deepEqual(wordsOf('NRLicenseKey'), ['nr', 'license', 'key']);
    assert.deepEqual(wordsOf('S3AccessKey'), ['s3', 'access', 'key']);
    assert.deepEqual(wordsOf('PGPASSWORD'), ['pgpassword']);
  });

  it("vendors' ingest keys are secrets by their names, and a parameter's name that locates one is not", () => {
    for (const name of ['NEW_RELIC_LICENSE_KEY', 'MAXMIND_LICENSE_KEY', 'HONEYCOMB_WRITE_KEY', 'SEGMENT_WRITE_KEY']) {
      assert.equal(literalSecret(name, 'k2x9Qm7vLp4r8sZt')?.kind, 'a literal value under a secret-like name', name);
    }
    for (const name of ['DB_PASSWORD_PARAM', 'SLACK_TOKEN_PARAMETER', 'LICENSE_KEY_PATH', 'WRITE_KEY_ARN', 'SSM_LOGZ_IO_TOKEN_KEY', 'VAULT_TOKEN_PATH', 'SECRETS_MANAGER_DB_PASSWORD']) assert.equal(literalSecret(name, 'k2x9Qm7vLp4r8sZt'), undefined, name);
    assert.equal(literalSecret('VAULT_TOKEN', 'k2x9Qm7vLp4r8sZt')?.kind, 'a literal value under a secret-like name', 'a Vault token is one');
  });

  it("a chat service's incoming-webhook URL is a secret by its name; other URLs and webhooks of no chat service are not", () => {
    for (const name of ['SLACK_WEBHOOK_URL', 'DISCORD_WEBHOOK', 'slackHookUrl', 'HONEY_SLACK_URL', 'TEAMS_INCOMING_WEBHOOK_URL']) assert.ok(looksLikeSecretName(name), name);
    for (const name of ['WEBHOOK_URL', 'SLACK_API_URL', 'SLACK_CHANNEL', 'SLACK', 'DISCORD_GUILD_ID', 'SLACK_INCOMING']) assert.ok(!looksLikeSecretName(name), name);
    // JWT signing keys and master keys (boristane/users, Parse Server's in danepowell/honeydew-server).
    for (const name of ['JWT_KEY', 'JWT_USERS_KEY', 'jwt-admins-key', 'PARSE_MASTER_KEY', 'MEILI_MASTER_KEY']) assert.ok(looksLikeSecretName(name), name);
    for (const name of ['JWT_PUBLIC_KEY', 'JWT_KEY_ALGORITHM', 'JWT_KEY_ID', 'CACHE_KEY', 'PARTITION_KEY']) assert.ok(!looksLikeSecretName(name), name);
    // A vendor that issues secret keys only, by its name (ubc-biztech/serverless-biztechapp's `SENDGRID_KEY`).
    for (const name of ['SENDGRID_KEY', 'STRIPE_DEV_KEY', 'STRIPE_PROD_KEY', 'TWILIO_KEY', 'openai-key', 'MAILGUN_KEY_prod']) assert.ok(looksLikeSecretName(name), name);
    for (const name of ['STRIPE_PUBLISHABLE_KEY', 'STRIPE_PUBLIC_KEY', 'STRIPE_KEY_ID', 'STRIPE_PRICE_KEY', 'RAZORPAY_KEY_ID', 'STRIPE_WEBHOOK_ENDPOINT']) assert.ok(!looksLikeSecretName(name), name);
    // Sentry documents its DSN as safe to make public; another service's DSN may carry a password.
    assert.ok(!looksLikeSecretName('SENTRY_DSN') && !looksLikeSecretName('sentry-dsn'), 'SENTRY_DSN');
    assert.ok(looksLikeSecretName('DATABASE_DSN'), 'DATABASE_DSN');
  });

  it('a URL written as a form to fill in holds no password; a weak real one does (review set 48: Hasura)', () => {
    assert.equal(literalSecret('HASURA_GRAPHQL_DATABASE_URL', 'postgres://username:password@hostname:port/dbname'), undefined);
    assert.equal(literalSecret('DATABASE_URL', 'mysql://user:password@db:3306/app'), undefined);
    assert.equal(literalSecret('DATABASE_URL', 'postgres://postgres:password@db:5432/app')?.kind, 'a password inside a URL');
    assert.equal(literalSecret('DATABASE_URL', 'postgres://app:Pg0nlyPw@db.internal:port/app'), undefined, 'a port that is a word');
  });

  it('secret words joined to the word before them, and a stage after the name (review set 48)', () => {
    for (const name of ['ME_CONFIG_SITE_SESSIONSECRET', 'COOKIESECRET', 'jwtSecret', 'DJANGO_SECRETKEY', 'AWS_SECRET_ACCESS_KEY_prod']) assert.ok(namesSecretValue(name), name);
    for (const name of ['AWS_ACCESS_KEY_ID_prod', 'DB_PASSWORD_FILE_dev', 'SECRETARY', 'TOKENIZER_MODEL']) assert.ok(!namesSecretValue(name), name);
  });

  it("a password's word run into the one before it is a secret's name, another word ending in `pass` is not (review set 72: ietf-tools/www's DBPASS); so is a personal access token's PAT, not PATH (set 93)", () => {
    for (const name of ['DBPASS', 'DBPASSWORD', 'ADMINPASSWD', 'dbPassword', 'RPCPASS', 'SMTP_USERPASS', 'GITHUB_PAT', 'MATTERMOST_PAT', 'MattermostPAT', 'githubPat']) assert.ok(looksLikeSecretName(name), name);
    for (const name of ['BYPASS', 'CACHE_BYPASS', 'COMPASS_URL', 'DBPASSWORD_FILE', 'PATH', 'PYTHONPATH', 'COMPAT', 'SPAT_MODE', 'PAT_EXPIRY']) assert.ok(!looksLikeSecretName(name), name);
  });

  it("credentials' short form and a service account's key are secrets' names (review set 86: ICTLearningSciences/ABE-sls-api's GOOGLE_SERVICE_CREDS)", () => {
    for (const name of ['GOOGLE_SERVICE_CREDS', 'DB_CREDS', 'creds', 'GCP_SA_KEY', 'SERVICE_ACCOUNT_JSON', 'GOOGLE_SERVICE_ACCOUNT_KEY']) assert.ok(looksLikeSecretName(name), name);
    for (const name of ['DB_CREDS_FILE', 'GCP_SA_KEY_PATH', 'SERVICE_ACCOUNT_NAME', 'SA_EMAIL', 'CREDSTASH_TABLE', 'DISCREDIT', 'USA_KEYS']) assert.ok(!looksLikeSecretName(name), name);
  });

  it("a token's word run into the one before it is a secret's name (review set 87: 3CORESec/Trapdoor's WEBHOOKTOKEN)", () => {
    for (const name of ['WEBHOOKTOKEN', 'BOTTOKEN', 'SlackToken', 'authToken', 'GITHUBTOKEN_prod']) assert.ok(looksLikeSecretName(name), name);
    for (const name of ['MAXTOKENS', 'maxTokens', 'TOKENIZER', 'BOTTOKEN_FILE', 'AuthTokenTTL', 'TOKEN_TTL']) assert.ok(!looksLikeSecretName(name), name);
  });

  it("the Erlang distribution cookie is a secret's name (review set 94: makerdao/staxx's RELEASE_COOKIE)", () => {
    for (const name of ['RELEASE_COOKIE', 'ERLANG_COOKIE', 'RABBITMQ_ERLANG_COOKIE', 'COUCHDB_ERLANG_COOKIE', 'ERL_COOKIE']) assert.ok(looksLikeSecretName(name), name);
    for (const name of ['SESSION_COOKIE', 'COOKIE_DOMAIN', 'COOKIE_SECURE', 'SESSION_COOKIE_NAME', 'RELEASE_COOKIE_FILE', 'ERLANG_COOKIE_PATH']) assert.ok(!looksLikeSecretName(name), name);
  });

  it('a value that opens by telling the reader to change it is a placeholder (review set 72: evite)', () => {
    for (const value of ['change-me-to-a-random-string-in-production', 'replace_me_before_deploying', 'CHANGE_THIS_SECRET', 'SuperSecretKeyChangeThis', 'MyPasswordReplaceMe', 'Change-m3!']) assert.equal(literalSecret('SESSION_SECRET', value), undefined, value);
    for (const value of ['exchange_metadata_2f9Qx7', 'k2x9Qm7vLp4r8sZt', 'ExchangeThisWay9Q']) assert.equal(literalSecret('SESSION_SECRET', value)?.kind, 'a literal value under a secret-like name', value);
  });

  it('an incoming webhook URL is a credential by its shape, under any name; the documentation\'s sample is not', () => {
    const slack = 'https://hooks.' + 'slack.com/services/' + SLACK_PATH;
    assert.deepEqual(literalSecret('NOTIFY', slack), { kind: 'a Slack webhook URL', masked: 'https://hooks.slack.com/services/****' });
    assert.equal(literalSecret('ALERTS', 'https://discord' + 'app.com/api/webhooks/' + DISCORD_PATH)?.kind, 'a Discord webhook URL');
    assert.equal(literalSecret('SLACK_WEBHOOK_URL', 'https://hooks.' + 'slack.com/services/T00000000/B00000000/' + 'X'.repeat(24)), undefined);
    assert.equal(literalSecret('SLACK_WEBHOOK_URL', 'https://hooks.slack.com/services/xxx/yyy/zzz'), undefined);
    assert.equal(literalSecret('ALERT_WEBHOOK_URL', 'http://alert-receiver.monitoring:9093/hook'), undefined);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: planted secrets never come out

interface Form {
  name: string;
  /** What is written into the file. */
  text: string;
  /** What must never appear in any output. */
  secret: string;
  /** A masked context that must appear somewhere when the form is planted (the message stays useful). */
  kept?: string;
}

const FORMS: Form[] = [
  { name: 'URL password with / and @', text: 'postgres://app:Pl4nt/ed@S3cretPw@db.internal:5432/app', secret: 'Pl4nt/ed@S3cretPw', kept: 'postgres://app:****@db.internal:5432/app' },
  { name: 'URL with an empty user', text: 'redis://:R3disPl4ntedPw99@cache:6379/0', secret: 'R3disPl4ntedPw99', kept: 'redis://:****@cache:6379/0' },
  { name: 'JDBC password= query', text: 'jdbc:postgresql://db:5432/app?user=app&password=JdbcPl4ntedPw77', secret: 'JdbcPl4ntedPw77', kept: 'password=****' },
  { name: 'ADO connection string', text: 'Server=tcp:sql,1433;User Id=sa;Password=AdoPl4ntedPw55;', secret: 'AdoPl4ntedPw55' },
  { name: 'curl -u user:pw', text: 'curl -u deploy:CurlPl4ntedPw33 https://get.example.com/i.sh', secret: 'CurlPl4ntedPw33' },
  { name: '--requirepass', text: 'redis-server --requirepass ReqPl4ntedPw11', secret: 'ReqPl4ntedPw11' },
  { name: 'mysql -pPW', text: 'mysql -uroot -pMyPl4ntedPw-66 app', secret: 'MyPl4ntedPw-66' },
  { name: 'download URL with credentials', text: 'https://user:AddPl4ntedPw44@files.example.com/app.tgz', secret: 'AddPl4ntedPw44' },
  { name: 'assignment before a command', text: 'DATABASE_URL=postgres://u:AssignPl4ntedPw22@db/x python manage.py migrate', secret: 'AssignPl4ntedPw22' },
  { name: '--password=', text: '--password=FlagPl4ntedPw88', secret: 'FlagPl4ntedPw88' },
  { name: 'AWS access key id', text: 'AKIA' + 'PL4NTEDKEY0000X7', secret: 'PL4NTEDKEY0000X7' },
  { name: 'GitHub token', text: 'gh' + 'p_' + BODY36, secret: BODY36 },
  { name: 'Slack token', text: 'xo' + 'xb-1234567890-0987654321-Pl4ntedSlackBody', secret: '1234567890-0987654321-Pl4ntedSlackBody' },
  { name: 'PEM private key', text: '-----BEGIN RSA PRIVATE KEY-----MIIEpPl4ntedPrivateKeyMaterial0123-----END RSA PRIVATE KEY-----', secret: 'MIIEpPl4ntedPrivateKeyMaterial0123' },
  { name: 'JSON Web Token', text: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwbGFudGVkIn0.Pl4ntedSignatureValue0123456789', secret: 'Pl4ntedSignatureValue0123456789' },
  { name: 'Laravel application key', text: 'APP_KEY=base64:Pl4ntedLaravelAppKey0123456789abcdefghijklm=', secret: 'Pl4ntedLaravelAppKey0123456789abcdefghijklm=' },
  { name: 'Slack webhook URL', text: 'https://hooks.' + 'slack.com/services/' + SLACK_PATH, secret: SLACK_PATH, kept: 'hooks.slack.com/services/****' },
];

interface Slot {
  start: number;
  end: number;
  /** The slot sits inside double quotes already. */
  quoted: boolean;
  /** An ENV/ARG/LABEL value: a form with spaces is quoted so it stays one value. */
  assignment: boolean;
}

const KEYWORD = /^[A-Za-z]+$/;

/** Every word of every instruction (the keyword aside); for `NAME=value` words of ENV/ARG/LABEL, the value. */
function dockerfileSlots(text: string): Slot[] {
  const slots: Slot[] = [];
  let offset = 0;
  let continued = false;
  let keyword = '';
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.startsWith('#') || trimmed === '') {
      offset += line.length + 1;
      continue;
    }
    const words = [...line.matchAll(/\S+/g)];
    words.forEach((m, index) => {
      const word = m[0];
      let start = offset + m.index!;
      let end = start + word.length;
      if (index === 0 && !continued && KEYWORD.test(word)) {
        keyword = word.toUpperCase();
        return;
      }
      if (word === '\\' || !/[A-Za-z0-9]/.test(word)) return;
      let core = word;
      const lead = /^[["',]*/.exec(core)![0].length;
      const trail = /[\]"',]*$/.exec(core)![0].length;
      core = core.slice(lead, core.length - trail);
      start += lead;
      end -= trail;
      const quoted = word[lead - 1] === '"';
      const assignment = ['ENV', 'ARG', 'LABEL'].includes(keyword) && core.includes('=');
      if (assignment) {
        start += core.indexOf('=') + 1;
        if (start >= end) return;
      }
      slots.push({ start, end, quoted, assignment });
    });
    continued = line.trimEnd().endsWith('\\');
    offset += line.length + 1;
  }
  return slots;
}

/** Every scalar value (keys aside), and every word of a scalar that holds several. */
function yamlSlots(text: string): Slot[] {
  const slots: Slot[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (!('contents' in doc)) continue;
    visit(doc, {
      Scalar(key, node) {
        if (key === 'key' || !isScalar(node) || !node.range) return;
        const [start, end] = node.range;
        slots.push({ start, end, quoted: false, assignment: true });
        const raw = text.slice(start, end);
        const words = [...raw.matchAll(/[^\s"']+/g)].filter((m) => /[A-Za-z0-9]/.test(m[0]) && !/^[|>][-+]?$/.test(m[0]));
        if (words.length > 1) for (const m of words) slots.push({ start: start + m.index!, end: start + m.index! + m[0].length, quoted: true, assignment: false });
      },
    });
  }
  return slots;
}

function plantOne(slot: Slot, form: Form, yaml: boolean): string {
  if (yaml && slot.assignment) return JSON.stringify(form.text);
  if (!yaml && slot.assignment && !slot.quoted && form.text.includes(' ')) return `"${form.text}"`;
  return form.text;
}

/** Writes the form into each slot of a batch (slots that do not overlap), from the last to the first. */
function plant(text: string, batch: Slot[], form: Form, yaml: boolean): string {
  let out = text;
  for (const slot of [...batch].sort((a, b) => b.start - a.start)) out = out.slice(0, slot.start) + plantOne(slot, form, yaml) + out.slice(slot.end);
  return out;
}

/**
 * Splits the slots into batches of at most `size` slots that do not overlap and lie spread over the
 * file, so every slot is planted exactly once per form while most of the file stays as it was.
 */
function batchesOf(slots: Slot[], size: number): Slot[][] {
  const batches: Slot[][] = [];
  let remaining = slots.map((slot, index) => ({ slot, index }));
  const gap = Math.max(1, Math.floor(slots.length / size));
  while (remaining.length > 0) {
    const batch: { slot: Slot; index: number }[] = [];
    for (const candidate of remaining) {
      if (batch.length >= size) break;
      const last = batch[batch.length - 1];
      if (last && candidate.index < last.index + gap) continue;
      if (batch.some((b) => b.slot.start < candidate.slot.end && candidate.slot.start < b.slot.end)) continue;
      batch.push(candidate);
    }
    remaining = remaining.filter((r) => !batch.includes(r));
    batches.push(batch.map((b) => b.slot));
  }
  return batches;
}

interface Outputs {
  texts: string[];
  findings: number;
  report: FileReport;
}

/** Everything a user can read about one analysis: messages, hovers at each finding, code-action titles. */
function outputsOf(analysis: Analysis, path: string): Outputs {
  const texts: string[] = [];
  for (const finding of analysis.findings) {
    texts.push(finding.message);
    if (finding.fix) texts.push(finding.fix.title);
    const hover = hoverAt(analysis, finding.range.start);
    if (hover) texts.push(hover.markdown);
  }
  const whole = { start: { line: 0, character: 0 }, end: { line: analysis.parsed.source.lineCount + 1, character: 0 } };
  for (const action of codeActionsFor(analysis, whole)) texts.push(action.title);
  for (const problem of analysis.parsed.parseProblems) texts.push(problem.message);
  return { texts, findings: analysis.findings.length, report: { path, findings: analysis.findings, parseProblems: analysis.parsed.parseProblems } };
}

function check(name: string, text: string, yaml: boolean, batchSize: number): { leaks: string[]; kept: Set<string>; analyses: number; slots: number } {
  const slots = yaml ? yamlSlots(text) : dockerfileSlots(text);
  assert.ok(slots.length > 0, `${name}: no slot found`);
  const uri = yaml ? `file:///w/${name}.yaml` : `file:///w/${name}/Dockerfile`;
  const leaks: string[] = [];
  const kept = new Set<string>();
  const reports: FileReport[] = [];
  let analyses = 0;
  const batches = batchesOf(slots, batchSize);
  for (const form of FORMS) {
    batches.forEach((batch, index) => {
      const analysis = analyze({ uri, languageId: yaml ? 'yaml' : 'dockerfile', text: plant(text, batch, form, yaml) });
      analyses++;
      const out = outputsOf(analysis, `${name}#${index}`);
      reports.push(out.report);
      for (const t of out.texts) {
        if (t.includes(form.secret)) leaks.push(`${name}, ${form.name} planted in ${batch.map((s) => JSON.stringify(text.slice(s.start, s.end))).join(', ')}: ${t.split('\n')[0]}`);
        if (form.kept && t.includes(form.kept)) kept.add(form.name);
      }
    });
  }
  // The CLI's formats over every planted variant at once.
  const printed = [toStylish(reports, false), toJson(reports), toSarif(reports, '0.0.0')].join('\n');
  for (const form of FORMS) if (printed.includes(form.secret)) leaks.push(`${name}: CLI output holds the ${form.name} secret`);
  return { leaks, kept, analyses, slots: slots.length };
}

/** A compact Dockerfile with every kind of position a rule may echo. */
const DOCKERFILE = [
  'FROM python:3.12-slim AS build',
  'ARG DEPLOY_TOKEN=abc',
  'ARG INDEX_URL=https://pypi.example.com/simple',
  'ENV DATABASE_URL=postgres://app@db.internal:5432/app \\',
  '    REDIS_URL=redis://cache:6379/0 NODE_ENV=production',
  'ENV LEGACY_VALUE plain',
  'LABEL deploy.note=value',
  'RUN pip install --index-url https://pypi.example.com/simple app && git clone https://github.com/acme/app.git /src',
  'RUN curl -fsSL https://get.example.com/install.sh | sh',
  'RUN wget http://x.example.com/a.tgz && apt-get install -y redis-server',
  'ADD https://files.example.com/app.tgz /app/',
  'COPY . /app',
  'HEALTHCHECK CMD curl -f http://127.0.0.1:8080/health || exit 1',
  'EXPOSE 8080',
  'ENTRYPOINT ["sh", "-c", "python manage.py migrate && exec gunicorn app --bind 127.0.0.1:8080"]',
  'CMD gunicorn app --log-file /var/log/app.log & sleep 5 && node server.js',
  '',
].join('\n');

/** A compact manifest with every kind of position a rule may echo. */
const MANIFEST = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  '  annotations:',
  '    deploy.note: "value"',
  'spec:',
  '  replicas: 2',
  '  selector:',
  '    matchLabels: {app: web}',
  '  template:',
  '    metadata:',
  '      labels: {app: web}',
  '    spec:',
  '      initContainers:',
  '      - name: migrate',
  '        image: acme/web:1.2.3',
  '        command: ["sh", "-c", "python manage.py migrate"]',
  '      containers:',
  '      - name: web',
  '        image: acme/web:latest',
  '        command: ["sh", "-c"]',
  '        args:',
  '        - "git clone https://github.com/acme/app.git /src && curl -fsSL https://get.example.com/i.sh | sh && npm run build && gunicorn app --log-file=/var/log/app.log & sleep 5 && node server.js"',
  '        env:',
  '        - name: DATABASE_URL',
  '          value: postgres://app@10.0.0.7:5432/app',
  '        - name: REDIS_URL',
  '          value: redis://127.0.0.1:6379/0',
  '        - name: DB_PASSWORD',
  '          value: "value"',
  '        - name: NODE_ENV',
  '          value: development',
  '---',
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: web-config',
  'data:',
  '  DB_PASSWORD: "value"',
  '  SERVICE_URL: "http://10.0.0.8:8080"',
  '  application.properties: |',
  '    spring.datasource.url=jdbc:postgresql://db/app',
  '    spring.datasource.password=value',
  '---',
  'apiVersion: v1',
  'kind: Secret',
  'metadata:',
  '  name: web-secret',
  'stringData:',
  '  password: value',
  '',
].join('\n');

const EXAMPLES: { name: string; path: string; yaml: boolean }[] = [
  { name: 'node-bad', path: 'examples/docker/node/bad/Dockerfile', yaml: false },
  { name: 'python-bad', path: 'examples/docker/python/bad/Dockerfile', yaml: false },
  { name: 'java-bad', path: 'examples/docker/java/bad/Dockerfile', yaml: false },
  { name: 'go-bad', path: 'examples/docker/go/bad/Dockerfile', yaml: false },
  { name: 'shop-bad', path: 'examples/kubernetes/shop-bad.yaml', yaml: true },
  { name: 'worker-bad', path: 'examples/kubernetes/worker-bad.yaml', yaml: true },
];

describe('planted secrets never come out (all rules; messages, hovers, code actions, CLI formats)', () => {
  const keptEverywhere = new Set<string>();

  it('compact Dockerfile: every form in every position', () => {
    const result = check('compact', DOCKERFILE, false, 8);
    result.kept.forEach((k) => keptEverywhere.add(k));
    assert.deepEqual(result.leaks, []);
    assert.ok(result.slots >= 40, `only ${result.slots} positions`);
  });

  it('compact manifest: every form in every position', () => {
    const result = check('compact', MANIFEST, true, 8);
    result.kept.forEach((k) => keptEverywhere.add(k));
    assert.deepEqual(result.leaks, []);
    assert.ok(result.slots >= 40, `only ${result.slots} positions`);
  });

  for (const example of EXAMPLES) {
    it(`examples: ${example.path}: every form in every position`, () => {
      const text = readFileSync(join(ROOT, example.path), 'utf8');
      const result = check(example.name, text, example.yaml, 16);
      result.kept.forEach((k) => keptEverywhere.add(k));
      assert.deepEqual(result.leaks, []);
    });
  }

  it('messages keep the non-secret parts (`redis://:****@cache…`)', () => {
    for (const form of FORMS) if (form.kept) assert.ok(keptEverywhere.has(form.name), `no output showed ${form.kept}`);
  });
});
