// Serverless templates: detection by content, intrinsic values as references, inheritance, ranges, hovers.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, MAX_FINDINGS_PER_RULE, parseDocument } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/hover';
import { toStylish } from '../../server/src/cli-format';
import { functionsText, type LambdaFunction } from '../../server/src/core/serverless/model';

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs16.x
    Environment:
      Variables:
        STAGE: prod
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Timeout: 60
      Environment:
        Variables:
          TABLE: !Ref Table
          QUEUE: !GetAtt [Queue, Arn]
          DB_PASSWORD: !Sub "{{resolve:secretsmanager:db:SecretString:password}}"
      Events:
        Get:
          Type: Api
`;

const parse = (uri: string, text: string, languageId = '') => parseDocument({ uri, languageId, text });

describe('serverless templates', () => {
  it('are recognised by content, whatever the file name', () => {
    assert.equal(parse('file:///w/stack.yaml', SAM).target, 'serverless');
    assert.equal(parse('file:///w/deploy.json', '{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}').target, 'serverless');
    assert.equal(parse('file:///w/serverless.yml', 'service: a\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h\n').serverless?.kind, 'serverless-framework');
    // A file named like a template that holds a Kubernetes object stays Kubernetes.
    assert.equal(parse('file:///w/template.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n').target, 'kubernetes');
  });

  it('other JSON yields nothing, silently, and a CI workflow no finding', () => {
    const json = analyze({ uri: 'file:///w/package.json', languageId: 'json', text: '{"name": "a", "config": {"DB_PASSWORD": "hunter2hunter2"}}' });
    assert.equal(json.parsed.target, undefined);
    assert.deepEqual(json.findings, []);
    assert.deepEqual(json.parsed.parseProblems, []);
    const ci = analyze({ uri: 'file:///w/.github/workflows/ci.yml', languageId: 'yaml', text: 'on: push\nenv:\n  STAGE: prod\n  DB_PASSWORD: hunter2hunter2\njobs: {}\n' });
    assert.deepEqual(ci.findings, []);
  });

  it('reads intrinsic functions as references and inherits Globals', () => {
    const model = parse('file:///w/t.yaml', SAM).serverless!;
    const fn = model.functions[0];
    const env = Object.fromEntries(fn.environment.map((e) => [e.name, e]));
    assert.equal(env.TABLE.literal, undefined);
    assert.equal(env.TABLE.intrinsic, 'Ref');
    assert.equal(env.QUEUE.intrinsic, 'Fn::GetAtt');
    assert.equal(env.DB_PASSWORD.literal, undefined);
    assert.equal(env.STAGE.literal, 'prod');
    assert.equal(env.STAGE.inherited, true);
    assert.equal(model.setting(fn, 'Runtime')?.inherited, true);
    assert.equal(model.setting(fn, 'Timeout')?.literal, '60');
    assert.deepEqual(fn.events.map((e) => e.type), ['api']);
  });

  it('reports each problem on its line with its factor, CRLF too', () => {
    for (const text of [SAM, SAM.replace(/\n/g, '\r\n')]) {
      const findings = analyze({ uri: 'file:///w/t.yaml', languageId: 'yaml', text }).findings;
      const at = (rule: string) => findings.filter((f) => f.ruleId === rule).map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.factor}`);
      assert.deepEqual(at('dev-prod-parity/deprecated-lambda-runtime'), ['5:14 dev-prod-parity']);
      assert.deepEqual(at('config/stage-literal-in-function-env'), ['8:16 config']);
      assert.deepEqual(at('disposability/timeout-exceeds-api-gateway'), ['13:16 disposability']);
      assert.deepEqual(at('config/secret-resolved-into-function-env'), ['18:24 config']);
    }
  });

  it('a setting or variable set once for every function (Globals, provider) names every function that inherits it', () => {
    const text = [
      'Transform: AWS::Serverless-2016-10-31',
      'Globals:',
      '  Function:',
      '    Runtime: nodejs16.x',
      '    Timeout: 60',
      '    Environment:',
      '      Variables:',
      '        STAGE: prod',
      'Resources:',
      '  A:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Events:',
      '        Get:',
      '          Type: Api',
      '  B:',
      '    Type: AWS::Serverless::Function',
      '  C:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Runtime: nodejs16.x',
      '      Environment:',
      '        Variables:',
      '          STAGE: staging',
      '',
    ].join('\n');
    const findings = analyze({ uri: 'file:///w/t.yaml', languageId: 'yaml', text }).findings;
    const of = (rule: string) => findings.filter((f) => f.ruleId === rule).map((f) => `${f.range.start.line + 1} ${f.message}`);
    // One finding on the shared line, naming both functions that inherit it; C's own runtime is its own finding.
    assert.deepEqual(of('dev-prod-parity/deprecated-lambda-runtime'), [
      '4 Runtime `nodejs16.x` of functions `A` and `B` was deprecated by AWS Lambda on 2024-06-12; move to `nodejs24.x`.',
      '21 Runtime `nodejs16.x` of function `C` was deprecated by AWS Lambda on 2024-06-12; move to `nodejs24.x`.',
    ]);
    assert.deepEqual(of('config/stage-literal-in-function-env'), [
      '8 `STAGE: prod` of functions `A` and `B` fixes the stage in the template; take it from a parameter (`!Ref Stage`, `${sls:stage}`).',
      '24 `STAGE: staging` of function `C` fixes the stage in the template; take it from a parameter (`!Ref Stage`, `${sls:stage}`).',
    ]);
    // An inherited timeout is reported once, on the shared line where the fix goes, each function's event as a related place.
    const timeout = findings.find((f) => f.ruleId === 'disposability/timeout-exceeds-api-gateway')!;
    assert.equal(timeout.range.start.line + 1, 5);
    assert.deepEqual(timeout.related?.map((r) => `${r.range.start.line + 1} ${r.message}`), ['14 `A`: its REST API event `Get`']);

    const framework = 'service: users\nprovider:\n  name: aws\n  runtime: nodejs20.x\n  environment:\n    DB_PASSWORD: ${ssm:/users/db-password}\nfunctions:\n  getUser:\n    handler: h.get\n  createUser:\n    handler: h.create\n  admin:\n    handler: h.admin\n    runtime: nodejs22.x\n';
    const messages = analyze({ uri: 'file:///w/serverless.yml', languageId: 'yaml', text: framework }).findings.map((f) => f.message);
    assert.ok(messages.some((m) => m.startsWith('Runtime `nodejs20.x` of functions `getUser` and `createUser` was deprecated')), messages.join('\n'));
    assert.ok(messages.some((m) => m.startsWith('`DB_PASSWORD` of functions `getUser`, `createUser` and `admin` resolves a secret')), messages.join('\n'));
  });

  it('reads a lone `-` in a flow sequence as PyYAML, SAM CLI and cfn-lint do (`!Split [-, …]`), offsets kept', () => {
    const text = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Producer:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs14.x\n      Handler: index.handler\n      Events:\n        Schedule:\n          Type: Schedule\n          Properties:\n            Name: !Join [\"-\", [\"producer\", !Select [0, !Split [-, !Select [2, !Split [/, !Ref AWS::StackId ]]]]]]\n";
    const analysis = analyze({ uri: 'file:///w/template.yaml', languageId: 'yaml', text });
    assert.deepEqual(analysis.parsed?.parseProblems, []);
    assert.deepEqual(analysis.findings.filter((f) => f.ruleId === 'dev-prod-parity/deprecated-lambda-runtime').map((f) => [f.range.start.line, f.range.start.character]), [[6, 15]]);
    const doc = analysis.parsed?.serverless?.doc;
    assert.ok(doc && JSON.stringify(doc.toJS()).includes('[\"-\",'), 'the dash is read back as "-"');
    // Any other error leaves the document as YAML 1.2 reads it: a syntax problem.
    const broken = analyze({ uri: 'file:///w/template.yaml', languageId: 'yaml', text: text + '      Bad: [a, b\n' });
    assert.equal(broken.parsed?.parseProblems[0]?.kind, 'syntax');
  });

  it('names at most four functions in a message, then counts the rest', () => {
    const fns = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }) as LambdaFunction);
    assert.equal(functionsText(fns.slice(0, 1)), 'function `a`');
    assert.equal(functionsText(fns.slice(0, 2)), 'functions `a` and `b`');
    assert.equal(functionsText(fns.slice(0, 4)), 'functions `a`, `b`, `c` and `d`');
    assert.equal(functionsText(fns), 'functions `a`, `b`, `c` and 2 more');
  });

  it('a project template that does not parse until rendered is skipped without syntax errors', () => {
    const parsed = parse('file:///w/template.yaml', "Transform: AWS::Serverless-2016-10-31\nResources:\n  {%- if cookiecutter.x %}\n  Fn:\n    Type: AWS::Serverless::Function\n  {%- endif %}\n");
    assert.equal(parsed.target, 'serverless');
    assert.deepEqual(parsed.parseProblems, []);
  });

  it('a project template with Jinja blocks gets one hint saying why it was not analysed, and no finding from its literals', () => {
    const text = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.8\n      {%- if cookiecutter.tracing %}\n      Tracing: Active\n      {%- endif %}\n      Environment:\n        Variables:\n          DB_PASSWORD: hunter2-Very-Secret-9\n";
    const analysis = analyze({ uri: 'file:///w/{{cookiecutter.project_name}}/template.yaml', languageId: 'yaml', text });
    assert.deepEqual(analysis.findings.map((f) => `${f.range.start.line}:${f.range.start.character} ${f.ruleId} ${f.severity}`), ['0:0 serverless/project-template-not-analysed hint']);
    assert.match(analysis.findings[0].message, /Jinja blocks/);
    assert.deepEqual(analysis.parsed.parseProblems, []);
    // The hint follows the configuration like any rule.
    const off = analyze({ uri: 'file:///w/template.yaml', languageId: 'yaml', text }, { configuration: { rules: { 'serverless/project-template-not-analysed': 'off' } } });
    assert.deepEqual(off.findings, []);
    // Unreadable because of placeholders alone: the same hint, with its own reason.
    const unreadable = analyze({ uri: 'file:///w/template.yaml', languageId: 'yaml', text: "Transform: AWS::Serverless-2016-10-31\nResources:\n  {{cookiecutter.fn}}: {Type: AWS::Serverless::Function\n" });
    assert.deepEqual(unreadable.findings.map((f) => f.ruleId), ['serverless/project-template-not-analysed']);
    assert.match(unreadable.findings[0].message, /placeholders/);
  });

  it('functions: a list of maps is read; functions and environments in other files get one hint each, where they are named', () => {
    // sqs-lambda-rds's layout: `functions: [${file(cfn/functions.yml)}]`, here beside one function written inline.
    const text = 'service: orders\nprovider:\n  name: aws\n  runtime: nodejs18.x\nfunctions:\n  - ${file(cfn/functions.yml)}\n  - ${file(cfn/workers.yml):workers}\n  - inline:\n      handler: src/inline.handler\n';
    const analysis = analyze({ uri: 'file:///w/serverless.yml', languageId: 'yaml', text });
    assert.deepEqual(analysis.parsed.serverless?.functions.map((f) => f.id), ['inline']);
    assert.deepEqual(
      analysis.findings.map((f) => `${f.range.start.line}:${f.range.start.character} ${f.ruleId} ${f.severity}`),
      ['3:11 dev-prod-parity/deprecated-lambda-runtime warning', '5:4 serverless/included-file-not-analysed hint', '6:4 serverless/included-file-not-analysed hint'],
    );
    assert.match(analysis.findings[1].message, /^The functions in `cfn\/functions\.yml` are included when the Serverless Framework deploys and not analysed here/);
    const whole = analyze({ uri: 'file:///w/serverless.yml', languageId: 'yaml', text: 'service: orders\nprovider:\n  name: aws\nfunctions: ${file(functions.yml)}\n' });
    assert.deepEqual(whole.findings.map((f) => `${f.range.start.line}:${f.range.start.character} ${f.ruleId}`), ['3:11 serverless/included-file-not-analysed']);
    // An environment taken whole from a file, per stage (notifyer-cron's `${file(env.yml):${self:provider.stage}}`).
    const env = analyze({ uri: 'file:///w/serverless.yml', languageId: 'yaml', text: 'service: cron\nprovider:\n  name: aws\n  runtime: nodejs22.x\n  environment: ${file(env.yml):${self:provider.stage}}\nfunctions:\n  app:\n    handler: handler.run\n    environment: ${file(app-env.yml)}\n' });
    assert.deepEqual(env.findings.map((f) => `${f.range.start.line}:${f.range.start.character} ${f.ruleId}`), ['4:15 serverless/included-file-not-analysed', '8:17 serverless/included-file-not-analysed']);
    assert.match(env.findings[0].message, /^The environment in `env\.yml` is included when the Serverless Framework deploys and not analysed here/);
    const off = analyze({ uri: 'file:///w/serverless.yml', languageId: 'yaml', text }, { configuration: { rules: { 'serverless/included-file-not-analysed': 'off' } } });
    assert.deepEqual(off.findings.map((f) => f.ruleId), ['dev-prod-parity/deprecated-lambda-runtime']);
    // One function's settings in a file of its own (brayanmunoz11/softtek): the function is known by name, its settings are not.
    const one = analyze({ uri: 'file:///w/serverless.yml', languageId: 'yaml', text: 'service: api\nprovider:\n  name: aws\n  runtime: nodejs20.x\nfunctions:\n  fn_manager_api:  ${file(./services/lambdas/fn_manager_api/serverless.yml)}\n  inline:\n    handler: h.run\n' });
    assert.deepEqual(one.parsed.serverless?.functions.map((f) => f.id), ['fn_manager_api', 'inline']);
    const hints = one.findings.filter((f) => f.ruleId === 'serverless/included-file-not-analysed');
    assert.deepEqual(hints.map((f) => `${f.range.start.line}:${f.range.start.character}`), ['5:19']);
    assert.match(hints[0].message, /^The settings of function `fn_manager_api` are in `\.\/services\/lambdas\/fn_manager_api\/serverless\.yml`, included when/);
    // A function's events in a file (keryc's fastapi-scheduler template): the timeout against them is not checked.
    const events = analyze({ uri: 'file:///w/serverless.yml', languageId: 'yaml', text: 'service: api\nprovider:\n  name: aws\n  runtime: python3.13\nfunctions:\n  sync:\n    handler: app.sync\n    timeout: 300\n    events: ${file(./events/sync.yml):events}\n' });
    assert.deepEqual(events.findings.map((f) => `${f.range.start.line}:${f.range.start.character} ${f.ruleId}`), ['8:12 serverless/included-file-not-analysed']);
    assert.match(events.findings[0].message, /^The events of function `sync` are in `\.\/events\/sync\.yml`, included when/);
    // More than four files of functions (dev-rods/Traffic-Manager's 25, review set 88): one hint, on the first.
    const list = Array.from({ length: 6 }, (_, i) => `  - \${file(fns/f${i}.yml)}\n`).join('');
    const many = analyze({ uri: 'file:///w/serverless.yml', languageId: 'yaml', text: `service: api\nprovider:\n  name: aws\n  runtime: python3.13\nfunctions:\n${list}` });
    assert.deepEqual(many.findings.map((f) => `${f.range.start.line}:${f.range.start.character} ${f.ruleId}`), ['5:4 serverless/included-file-not-analysed']);
    assert.match(many.findings[0].message, /^The functions in 6 files, `fns\/f0\.yml`, `fns\/f1\.yml`, `fns\/f2\.yml` and 3 more, are included when/);
  });

  it('a Go template of a serverless.yml is not analysed (one hint, no syntax error); a Step Functions JSONata value is no Jinja block', () => {
    // telegram-lambda's serverless.yaml.template: `{{ range }}` over the variables a script renders it with.
    const text = 'service: bot\nprovider:\n  name: aws\n  runtime: python3.12\nfunctions:\n  hook:\n    handler: app.handler\n    environment: {{ range $n, $v := . }}\n        {{$n}}: ${env:{{$n}}}{{end}}\n';
    const analysis = analyze({ uri: 'file:///w/serverless.yaml.template', languageId: 'yaml', text });
    assert.deepEqual(analysis.findings.map((f) => f.ruleId), ['serverless/project-template-not-analysed']);
    assert.match(analysis.findings[0].message, /Go template/);
    assert.deepEqual(analysis.parsed.parseProblems, []);
    const jsonata = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Flow:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      Definition:\n        QueryLanguage: JSONata\n        StartAt: Pass\n        States:\n          Pass: {Type: Pass, Output: '{% $states.input.order %}', End: true}\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs16.x\n      Handler: index.handler\n";
    const flow = analyze({ uri: 'file:///w/template.yaml', languageId: 'yaml', text: jsonata });
    assert.equal(flow.parsed.serverless?.skipped, undefined);
    assert.ok(flow.findings.some((f) => f.ruleId === 'dev-prod-parity/deprecated-lambda-runtime'), 'the template is analysed');
  });

  it('cookiecutter placeholders in values of a template that parses are references: analysed, never a finding of their own', () => {
    const text = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs16.x\n      AutoPublishAlias: live\n      Environment:\n        Variables:\n          STAGE: '{{cookiecutter.stage}}'\n          DB_HOST: '{{ cookiecutter.db_host }}'\n          API_KEY: '{{cookiecutter.api_key}}'\n";
    const analysis = analyze({ uri: 'file:///w/template.yaml', languageId: 'yaml', text });
    assert.deepEqual(analysis.findings.map((f) => `${f.range.start.line} ${f.ruleId}`), ['6 dev-prod-parity/deprecated-lambda-runtime']);
  });

  it('the CLI summary counts unrendered project templates as skipped', () => {
    const findings = analyze({ uri: 'file:///w/template.yaml', languageId: 'yaml', text: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  {% if x %}\n' }).findings;
    const summary = toStylish([{ path: 'template.yaml', findings, parseProblems: [] }], false, { projectTemplatesSkipped: 1 }).split('\n').pop()!;
    assert.match(summary, /1 finding .* 1 hint\) in 1 file checked; 1 unrendered project template skipped$/);
  });

  it('hovers explain the factor of governed function keys', () => {
    const analysis = analyze({ uri: 'file:///w/t.yaml', languageId: 'yaml', text: SAM });
    const runtime = hoverAt(analysis, { line: 4, character: 6 });
    assert.match(runtime?.markdown ?? '', /\*\*Runtime\*\* · Factor X\. Dev\/prod parity/);
    const environment = hoverAt(analysis, { line: 13, character: 8 });
    assert.match(environment?.markdown ?? '', /Factor III\. Config/);
    assert.equal(hoverAt(analysis, { line: 10, character: 6 }), undefined, 'Type is not a governed key');
  });

  it('odd shapes never make a rule throw', () => {
    const odd = [
      'AWSTemplateFormatVersion: x\nResources: [1, 2]\n',
      'AWSTemplateFormatVersion: x\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties: 5\n',
      'Transform: AWS::Serverless-2016-10-31\nGlobals: []\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Environment: {Variables: [a]}\n      Events: [x]\n      Timeout: !Ref T\n      CodeUri: !Sub s3://b/${K}\n',
      'AWSTemplateFormatVersion: x\nResources:\n  F: &f\n    Type: AWS::Lambda::Function\n    Properties:\n      Code: {S3Bucket: b, S3Key: [k]}\n  G: *f\n  M:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties: {FunctionName: {Ref: [1]}, EventSourceArn: !GetAtt []}\n',
      'service: a\nprovider: x\nfunctions:\n  f: 3\n  g:\n    events: [{}, {sqs: {arn: 1}}, schedule]\n',
      '{"Resources": {"F": {"Type": "AWS::Lambda::Function", "Properties": {"Environment": {"Variables": {"A": {"Fn::Sub": ["x ${Y}", {}]}}}}}}}',
    ];
    for (const text of odd) {
      const analysis = analyze({ uri: 'file:///w/t.yaml', languageId: 'yaml', text });
      assert.deepEqual(analysis.ruleFailures, [], text);
    }
  });

  it('stays linear: a template with 3000 plain functions and their triggers', () => {
    const parts = ["AWSTemplateFormatVersion: '2010-09-09'", 'Resources:'];
    for (let i = 0; i < 3000; i++) {
      parts.push(`  F${i}:`, '    Type: AWS::Lambda::Function', '    Properties:', '      Runtime: nodejs22.x', '      Timeout: 60');
      parts.push(`  P${i}:`, '    Type: AWS::Lambda::Permission', '    Properties:', '      Principal: apigateway.amazonaws.com', `      FunctionName: !GetAtt F${i}.Arn`);
    }
    const started = performance.now();
    const analysis = analyze({ uri: 'file:///w/big.yaml', languageId: 'yaml', text: parts.join('\n') });
    // Generous: a quadratic pass over functions x resources took far longer than this.
    assert.ok(performance.now() - started < 10000);
    // One rule lists at most MAX_FINDINGS_PER_RULE findings per file, then counts the rest in one more.
    assert.equal(analysis.findings.filter((f) => f.ruleId === 'disposability/timeout-exceeds-api-gateway').length, MAX_FINDINGS_PER_RULE + 1);
  });
});
