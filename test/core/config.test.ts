// The configuration file's logic (core/config.ts): globs, ignorePatterns, overrides and the
// effective rules of one file; the checks of the new keys (cli-config.ts); and the generated
// schema and settings that let VS Code complete rule ids.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ConfigurationMatcher, compileGlob, globProblem, matchesGlob, relativeTo, type LensConfiguration } from '../../server/src/core/config';
import { ConfigError, KNOWN_RULE_IDS, parseConfigText } from '../../server/src/cli-config';

const matches = (pattern: string, path: string) => matchesGlob(compileGlob(pattern), path);

describe('globs', () => {
  it('* and ? stay inside one segment', () => {
    assert.ok(matches('k8s/*.yaml', 'k8s/deploy.yaml'));
    assert.ok(!matches('k8s/*.yaml', 'k8s/prod/deploy.yaml'));
    assert.ok(matches('k8s/deploy-?.yaml', 'k8s/deploy-a.yaml'));
    assert.ok(!matches('k8s/deploy-?.yaml', 'k8s/deploy-ab.yaml'));
    assert.ok(!matches('k8s/deploy-?.yaml', 'k8s/deploy-/.yaml'));
    assert.ok(matches('*.yaml', 'x/.hidden.yaml'), 'dot files are names like any other');
  });

  it('** spans any number of folders, none included', () => {
    assert.ok(matches('**/deploy.yaml', 'deploy.yaml'));
    assert.ok(matches('**/deploy.yaml', 'a/b/c/deploy.yaml'));
    assert.ok(matches('apps/**/deploy.yaml', 'apps/deploy.yaml'));
    assert.ok(matches('apps/**/deploy.yaml', 'apps/x/y/deploy.yaml'));
    assert.ok(!matches('apps/**/deploy.yaml', 'other/x/deploy.yaml'));
    assert.ok(matches('apps/**', 'apps/x/y/z.yaml'));
    assert.ok(matches('a/**/b/**/c.yaml', 'a/x/b/y/z/c.yaml'));
    assert.ok(!matches('a/**/b/**/c.yaml', 'a/x/y/z/c.yaml'));
  });

  it('{a,b} alternatives', () => {
    assert.ok(matches('**/*.{yaml,yml}', 'a/b.yml'));
    assert.ok(matches('**/*.{yaml,yml}', 'a/b.yaml'));
    assert.ok(!matches('**/*.{yaml,yml}', 'a/b.json'));
    assert.ok(matches('{dev,prod}/*.yaml', 'prod/x.yaml'));
    assert.ok(!matches('{dev,prod}/*.yaml', 'test/x.yaml'));
  });

  it('a name without / matches at any depth; a folder covers everything below it; a / anchors', () => {
    assert.ok(matches('generated', 'generated/x.yaml'));
    assert.ok(matches('generated', 'a/b/generated/c/x.yaml'));
    assert.ok(matches('generated/', 'a/generated/x.yaml'));
    assert.ok(!matches('generated', 'a/generated-not/x.yaml'));
    assert.ok(matches('/dist', 'dist/x.yaml'));
    assert.ok(!matches('/dist', 'a/dist/x.yaml'), 'a leading / anchors to the configuration folder');
    assert.ok(matches('./charts/*', 'charts/x/values.yaml'));
    assert.ok(!matches('k8s/x.yaml', 'other/k8s/x.yaml'), 'a pattern with / is anchored');
  });

  it('paths outside the configuration folder never match', () => {
    assert.ok(!matches('**', '../x.yaml'));
    assert.equal(relativeTo('file:///w/app', 'file:///w/app/k8s/x.yaml'), 'k8s/x.yaml');
    assert.equal(relativeTo('file:///w/app', 'file:///w/apple/x.yaml'), undefined);
  });

  it('refuses unusable patterns with a reason', () => {
    assert.equal(globProblem('**/*.yaml'), undefined);
    assert.match(globProblem('')!, /empty/);
    assert.match(globProblem('{a,{b,c}}')!, /nest/);
    assert.match(globProblem('{a,b')!, /without a \}/);
    assert.match(globProblem('a}')!, /without a \{/);
    assert.match(globProblem('{a,b,c,d}{a,b,c,d}{a,b,c,d}{a,b,c,d}{a,b,c,d}')!, /alternatives/);
    assert.match(globProblem('x'.repeat(2000))!, /longer/);
    assert.deepEqual(compileGlob('{a,b').alternatives, [], 'an unusable pattern matches nothing');
  });

  it('stays linear on patterns that make backtracking matchers explode', () => {
    const name = 'a'.repeat(5000);
    assert.ok(!matches('*a*a*a*a*a*a*a*a*a*a*b', name));
    const deep = Array.from({ length: 2000 }, () => 'a').join('/');
    assert.ok(!matches('**/a/**/a/**/a/**/a/**/b', deep));
    assert.ok(matches('**/a/**/a/**/a/**/a/**/a', deep));
  });
});

describe('effective rules of a file', () => {
  const configuration: LensConfiguration = {
    rules: { 'logs/log-file-path': 'off', 'disposability/shell-form-command': 'error' },
    ignorePatterns: ['generated', 'vendor/**'],
    overrides: [
      { files: ['prod/**'], rules: { 'logs/log-file-path': 'warning' } },
      { files: ['prod/legacy/**', '**/*.dockerfile'], rules: { 'logs/log-file-path': 'info', 'disposability/shell-form-command': 'off' } },
    ],
  };
  const matcher = new ConfigurationMatcher(configuration);

  it('rules, then each matching override in order (later wins), then personal settings on top', () => {
    assert.deepEqual(matcher.rulesFor('dev/deploy.yaml'), { 'logs/log-file-path': 'off', 'disposability/shell-form-command': 'error' });
    assert.deepEqual(matcher.rulesFor('prod/deploy.yaml'), { 'logs/log-file-path': 'warning', 'disposability/shell-form-command': 'error' });
    assert.deepEqual(matcher.rulesFor('prod/legacy/deploy.yaml'), { 'logs/log-file-path': 'info', 'disposability/shell-form-command': 'off' });
    assert.deepEqual(matcher.rulesFor('x/app.dockerfile'), { 'logs/log-file-path': 'info', 'disposability/shell-form-command': 'off' });
    assert.deepEqual(matcher.configurationFor('prod/legacy/deploy.yaml', { 'logs/log-file-path': 'hint' }).rules, { 'logs/log-file-path': 'hint', 'disposability/shell-form-command': 'off' });
  });

  it('ignorePatterns', () => {
    assert.ok(matcher.isIgnored('generated/deploy.yaml'));
    assert.ok(matcher.isIgnored('a/generated/deploy.yaml'));
    assert.ok(matcher.isIgnored('vendor/x/Dockerfile'));
    assert.ok(!matcher.isIgnored('a/vendor/x/Dockerfile'));
    assert.ok(!matcher.isIgnored('prod/deploy.yaml'));
  });
});

describe('the configuration file check', () => {
  const parse = (value: unknown) => parseConfigText(JSON.stringify(value), 'cfg.json');

  it('reads ignorePatterns and overrides', () => {
    const file = parse({ ignorePatterns: ['dist'], overrides: [{ files: ['prod/**'], rules: { 'logs/log-file-path': 'off', 'no/such': 'off' } }] });
    assert.deepEqual(file.ignorePatterns, ['dist']);
    assert.deepEqual(file.overrides, [{ files: ['prod/**'], rules: { 'logs/log-file-path': 'off' } }]);
    assert.deepEqual(file.warnings, ['configuration cfg.json: unknown rule "no/such" ignored (see --list-rules)']);
  });

  it('refuses malformed ignorePatterns and overrides with one line that says what is wrong', () => {
    const cases: [unknown, RegExp][] = [
      [{ ignorePatterns: 'dist' }, /"ignorePatterns" must be an array of glob strings, got "dist"/],
      [{ ignorePatterns: [3] }, /"ignorePatterns"\[0\] must be a glob string, got number 3/],
      [{ ignorePatterns: ['{a,b'] }, /"ignorePatterns"\[0\] "\{a,b" has a \{ without a \}/],
      [{ overrides: {} }, /"overrides" must be an array/],
      [{ overrides: [{ rules: {} }] }, /"overrides"\[0\] needs "files"/],
      [{ overrides: [{ files: [], rules: {} }] }, /"overrides"\[0\]\.files is empty/],
      [{ overrides: [{ files: ['x'], rules: { 'logs/log-file-path': 'loud' } }] }, /rule "logs\/log-file-path" must be one of off, error/],
      [{ overrides: [{ files: ['x'], severity: 'x' }] }, /"overrides"\[0\] has an unknown key "severity"/],
    ];
    for (const [value, expected] of cases) {
      assert.throws(() => parse(value), (error: Error) => error instanceof ConfigError && expected.test(error.message), JSON.stringify(value));
    }
  });
});

describe('trustedRegistries', () => {
  it('is checked entry by entry and reaches every file\'s configuration', () => {
    const parsed = parseConfigText('{"trustedRegistries": ["gcr.io/acme", "*.pkg.dev", "docker.io/library"]}', 'c.json');
    assert.deepEqual(parsed.trustedRegistries, ['gcr.io/acme', '*.pkg.dev', 'docker.io/library']);
    const matcher = new ConfigurationMatcher(parsed);
    assert.deepEqual(matcher.configurationFor('k8s/deploy.yaml').trustedRegistries, ['gcr.io/acme', '*.pkg.dev', 'docker.io/library']);
    assert.equal(new ConfigurationMatcher(parseConfigText('{}', 'c.json')).configurationFor('x.yaml').trustedRegistries, undefined);
    for (const [text, words] of [
      ['{"trustedRegistries": "gcr.io"}', 'must be an array'],
      ['{"trustedRegistries": [3]}', '"trustedRegistries"[0] must be a string'],
      ['{"trustedRegistries": ["https://gcr.io/acme"]}', 'without a scheme'],
      ['{"trustedRegistries": ["gcr.io/*"]}', 'only as a host suffix'],
      ['{"trustedRegistries": [" "]}', 'is empty'],
    ] as const) {
      assert.throws(() => parseConfigText(text, 'c.json'), (e: Error) => e instanceof ConfigError && e.message.includes(words) && !e.message.includes('\n'), text);
    }
  });

  it('reads Docker Hub shorthand as docker pull does and matches whole segments', async () => {
    const { canonicalRepository, isTrustedRepository } = await import('../../server/src/core/registries');
    assert.equal(canonicalRepository('node'), 'docker.io/library/node');
    assert.equal(canonicalRepository('bitnami/redis'), 'docker.io/bitnami/redis');
    assert.equal(canonicalRepository('localhost/app'), 'localhost/app');
    assert.equal(canonicalRepository('Registry.Local:5000/App'), 'registry.local:5000/app');
    assert.equal(canonicalRepository('index.docker.io/library/node'), 'docker.io/library/node');
    assert.ok(isTrustedRepository('nginx', ['docker.io/library']));
    assert.ok(isTrustedRepository('nginx', ['index.docker.io/']));
    assert.ok(!isTrustedRepository('bitnami/nginx', ['docker.io/library']));
    assert.ok(isTrustedRepository('gcr.io/acme/app', ['gcr.io/acme']));
    assert.ok(!isTrustedRepository('gcr.io/acme-b/app', ['gcr.io/acme']));
    assert.ok(isTrustedRepository('europe-docker.pkg.dev/p/r/app', ['*.pkg.dev']));
    assert.ok(!isTrustedRepository('pkg.dev.evil.example/app', ['*.pkg.dev']));
  });
});

describe('generated schema and settings', () => {
  it('are up to date with the rule registry (run `npm run schema` when this fails)', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/generate-config-schema.ts', '--check'], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
  });

  it('list every known rule id with the level enum, in the schema and in the twelveFactor.rules setting', () => {
    const schema = JSON.parse(readFileSync('schemas/twelve-factor-lens.schema.json', 'utf8'));
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    const setting = pkg.contributes.configuration.properties['twelveFactor.rules'];
    for (const ruleSet of [schema.properties.rules, schema.properties.overrides.items.properties.rules, setting]) {
      assert.deepEqual(Object.keys(ruleSet.properties).sort(), [...KNOWN_RULE_IDS].sort());
      for (const property of Object.values(ruleSet.properties) as { enum: string[] }[]) assert.deepEqual(property.enum, ['off', 'error', 'warning', 'info', 'hint']);
    }
    assert.deepEqual(Object.keys(schema.properties).sort(), ['$schema', 'failOn', 'ignorePatterns', 'overrides', 'rules', 'trustedRegistries']);
    assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: '.twelve-factor-lens.json', url: './schemas/twelve-factor-lens.schema.json' }]);
    assert.ok(pkg.contributes.commands.some((c: { command: string }) => c.command === 'twelveFactor.analyseWorkspace'));
    assert.deepEqual(pkg.contributes.configuration.properties['twelveFactor.problems'].enum, ['openFiles', 'workspace']);
  });
});
