// YAML syntax errors as parse problems: one precise message at the cause, not the yaml package's cascade after it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, parseDocument } from '../../server/src/core/analyze';
import { readAllDocuments } from '../../server/src/core/yaml-read';
import { deploymentYaml } from '../helpers/manifests';

/** Each parse problem as `line:column kind message` (1-based, as the CLI shows them). */
function problems(uri: string, text: string): string[] {
  return parseDocument({ uri, languageId: 'yaml', text }).parseProblems.map((p) => `${p.range.start.line + 1}:${p.range.start.character + 1} ${p.kind} ${p.message}`);
}

// alexcasalboni/aws-lambda-power-tuning's template.yml, shortened: the inner flow map's `}` is no deeper than
// `VpcConfig`, which YAML 1.2 (and the yaml package) rejects and PyYAML, cfn-lint and CloudFormation accept.
const UNDER_INDENTED_FLOW = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Conditions:
  UseVPCConfig: !Not [!Equals [!Join ['', !Ref subnetIds], '']]
Resources:
  initializer:
    Type: AWS::Serverless::Function
    Properties:
      Handler: initializer.handler
      VpcConfig: !If [UseVPCConfig, {
        SecurityGroupIds: !Ref securityGroupIds,
        SubnetIds: !Ref subnetIds
      }, !Ref AWS::NoValue]
      Environment:
        Variables:
          defaultPowerValues: !Join [ ',', !Ref PowerValues ]
  executor:
    Type: AWS::Serverless::Function
    Properties:
      Handler: executor.handler
Outputs:
  StateMachineARN:
    Value: !Ref powerTuningStateMachine
`;

describe('YAML syntax errors: the cause, not the cascade', () => {
  it('reports only the root error of a flow sequence that is never closed in a SAM template, not the valid lines after it', () => {
    // The same template with the `]` of `!If [` left out: nothing closes it, for any reader.
    const unclosed = UNDER_INDENTED_FLOW.replace('      }, !Ref AWS::NoValue]', '      }, !Ref AWS::NoValue');
    // The yaml package reports 3 errors at the `}` and one per token of every line after it (570 in the original).
    assert.ok(readAllDocuments(unclosed)[0].errors.length > 10);
    assert.deepEqual(problems('file:///t/template.yml', unclosed), ['13:7 syntax Flow map in block collection must be sufficiently indented and end with a }']);
  });

  /** A ConfigMap whose flow sequence holds a flow map that is never closed (line 8 goes on with `, 2]`): 4 errors from the yaml package. */
  const brokenConfigMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  x: [1, {\n    k: v\n  , 2]\n  y: z\n`;

  it("reports each document's first error when two documents of a stream are broken independently", () => {
    const text = [brokenConfigMap('a'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n', brokenConfigMap('b')].join('---\n');
    assert.deepEqual(readAllDocuments(text).map((doc) => doc.errors.length), [4, 0, 4]);
    assert.deepEqual(problems('file:///t/all.yaml', text), [
      '8:3 syntax Flow map in block collection must be sufficiently indented and end with a }',
      '23:3 syntax Flow map in block collection must be sufficiently indented and end with a }',
    ]);
  });

  it('keeps errors about one node before the first break of the structure (independent of it), none after it', () => {
    // An invalid escape and a node with two tags, then the break, then a node with two tags again.
    const text = brokenConfigMap('"a\\qb"').replace('\ndata:', '\ndata:\n  l: !a !b {x: y}') + 'z: !c !d 1\n';
    assert.deepEqual(problems('file:///t/cm.yaml', text), [
      '4:11 syntax Invalid escape sequence \\q',
      '6:9 syntax A node can have at most one tag',
      '9:3 syntax Flow map in block collection must be sufficiently indented and end with a }',
    ]);
  });

  it('leaves a document with one error and a readable document alone', () => {
    assert.deepEqual(problems('file:///t/pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: [\n'), ['4:1 syntax Flow sequence in block collection must be sufficiently indented and end with a ]']);
    assert.deepEqual(problems('file:///t/pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n'), []);
  });
});

describe('duplicate keys: reported where written again, analysed with the last value', () => {
  const analysed = (uri: string, text: string) => analyze({ uri, languageId: 'yaml', text });

  it('reports a key written twice in a nested map of a manifest, names the first line, and judges the later value', () => {
    // The shape of Confluent's replicator manifest (GKE samples): `requests` twice in one `resources` map.
    const text = deploymentYaml({ name: 'web', image: 'registry.example.com/web:1.4.2', selector: true }, '          image: registry.example.com/web:latest\n');
    assert.deepEqual(problems('file:///t/deploy.yaml', text), [
      '15:11 duplicate `image` is already defined on line 14 of this map; this later value is the one analysed, as the API server would read it (kubectl refuses the file)',
    ]);
    // The pinned tag written first does not hide the mutable one the API server keeps.
    assert.ok(analysed('file:///t/deploy.yaml', text).findings.some((f) => f.ruleId === 'build-release-run/mutable-image-tag' && f.range.start.line === 14));
    assert.ok(!analysed('file:///t/deploy.yaml', text.replace('web:latest', 'web:1.4.3')).findings.some((f) => f.ruleId === 'build-release-run/mutable-image-tag'));
  });

  it('finds duplicates in maps of every size and in sequences, but not merge keys, distinct keys or other documents', () => {
    const big = Array.from({ length: 12 }, (_, i) => `  k${i}: v`).join('\n');
    const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: a
data:
${big}
  k3: again
  "k5": quoted
  '1': one
  1: number
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: a
base: &base {x: 1}
items:
  - {<<: *base, <<: *base, y: 2, y: 3}
`;
    assert.deepEqual(problems('file:///t/cm.yaml', text), [
      '18:3 duplicate `k3` is already defined on line 9 of this map; this later value is the one analysed, as the API server would read it (kubectl refuses the file)',
      '19:3 duplicate `k5` is already defined on line 11 of this map; this later value is the one analysed, as the API server would read it (kubectl refuses the file)',
      '29:34 duplicate `y` is already defined on line 29 of this map; this later value is the one analysed, as the API server would read it (kubectl refuses the file)',
    ]);
  });

  it('leaves a Helm template to Helm, and keeps a file with a duplicate whole for relation rules', () => {
    assert.deepEqual(problems('file:///chart/templates/deploy.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n'), []);
    const parsed = parseDocument({ uri: 'file:///t/svc.yaml', languageId: 'yaml', text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  name: b\nspec:\n  selector: {app: a}\n' });
    assert.equal(parsed.parseProblems.length, 1);
    assert.equal(parsed.kubernetes?.readWhole, true);
    assert.equal(parsed.kubernetes?.objects[0].name, 'b');
  });

  it("says what the file's own readers make of a duplicate: Helm for a values file, most tools for other YAML", () => {
    // t3n's matomo chart writes `nodeSelector`, `tolerations` and `affinity` twice in values.yaml.
    const values = 'nodeSelector: {}\ntolerations: []\nnodeSelector: {}\n';
    const read = (uri: string, text: string, helmValues?: boolean) =>
      parseDocument({ uri, languageId: 'yaml', text }, 0, { helmValues }).parseProblems.map((p) => `${p.range.start.line + 1} ${p.message}`);
    assert.deepEqual(read('file:///chart/values.yaml', values, true), [
      "3 `nodeSelector` is already defined on line 1 of this map; this later value is the one analysed, as Helm reads it, without a warning (Kustomize's helmCharts refuses the file)",
    ]);
    assert.deepEqual(read('file:///app/compose.yaml', 'services:\n  web:\n    image: a\n    image: b\n'), [
      '4 `image` is already defined on line 3 of this map; this later value is the one analysed, as the tools that accept it read it (most refuse the file)',
    ]);
    // A manifest stays kubectl's, in a values file's folder too.
    assert.match(read('file:///chart/values.yaml', 'apiVersion: v1\nkind: ConfigMap\nkind: ConfigMap\n', true)[0], /kubectl refuses the file/);
    // badger-brian's production overlay writes `images:` twice: kubectl kustomize builds it with the second.
    assert.deepEqual(read('file:///app/overlays/prod/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nimages:\n- name: hr\nimages:\n- name: slack\n'), [
      '5 `images` is already defined on line 3 of this map; this later value is the one analysed, as Kustomize reads it, without a warning',
    ]);
  });

  it('reads a serverless template with the value CloudFormation deploys: the last', () => {
    const template = (timeouts: string) => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
${timeouts}
      Events:
        Get:
          Type: Api
          Properties: {Path: /, Method: get}
`;
    const slow = template('      Timeout: 10\n      Timeout: 60');
    assert.deepEqual(problems('file:///t/template.yaml', slow), [
      '10:7 duplicate `Timeout` is already defined on line 9 of this map; this later value is the one analysed, as CloudFormation deploys it (cfn-lint refuses the file)',
    ]);
    const framework = 'service: api\nprovider:\n  name: aws\n  runtime: nodejs20.x\nfunctions:\n  get:\n    handler: get.handler\n    timeout: 10\n    timeout: 60\n';
    assert.deepEqual(problems('file:///t/serverless.yml', framework), [
      '9:5 duplicate `timeout` is already defined on line 8 of this map; this later value is the one analysed, but the Serverless Framework refuses the file',
    ]);
    const rule = 'disposability/timeout-exceeds-api-gateway';
    assert.ok(analysed('file:///t/template.yaml', slow).findings.some((f) => f.ruleId === rule));
    assert.ok(!analysed('file:///t/template.yaml', template('      Timeout: 60\n      Timeout: 10')).findings.some((f) => f.ruleId === rule));
  });
});

describe('flow collections indented less than their block: read as kubectl, Helm, PyYAML and js-yaml read them', () => {
  const analysed = (uri: string, text: string) => analyze({ uri, languageId: 'yaml', text });
  const findings = (uri: string, text: string) => analysed(uri, text).findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1} ${f.ruleId}`);

  // martialblog's limesurvey chart: an init container's command runs over four lines no deeper than `command:`.
  const initContainer = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: survey
spec:
  selector:
    matchLabels: {app: survey}
  template:
    metadata:
      labels: {app: survey}
    spec:
      initContainers:
        - name: wait-for-db
          image: busybox:1.36
          command: ['/bin/sh', '-c',
          'until nc -z -v -w30 "$DB_HOST" "$DB_PORT"; do
          echo "Info: Waiting for database connection...";  # not a comment: inside the quotes
          sleep 5;
          done']
      containers:
        - name: web
          image: survey:latest
`;

  it('reads the document instead of reporting a syntax error, with the values those readers give', () => {
    const docs = readAllDocuments(initContainer);
    assert.equal(docs[0].errors.length, 0);
    const command = (docs[0].toJS() as { spec: { template: { spec: { initContainers: { command: string[] }[] } } } }).spec.template.spec.initContainers[0].command;
    // Go's and PyYAML's folding: each line break and the indentation after it read as one space.
    assert.deepEqual(command, ['/bin/sh', '-c', 'until nc -z -v -w30 "$DB_HOST" "$DB_PORT"; do echo "Info: Waiting for database connection...";  # not a comment: inside the quotes sleep 5; done']);
    assert.deepEqual(problems('file:///t/deploy.yaml', initContainer), []);
    // Every offset stays: a finding after the collection is where the text has it.
    assert.ok(findings('file:///t/deploy.yaml', initContainer).includes('22:18-22:31 build-release-run/mutable-image-tag'), findings('file:///t/deploy.yaml', initContainer).join('\n'));
  });

  it('reads comments, quotes holding brackets, tags, anchors and nested collections on the way to the closing bracket', () => {
    const text = 'a:\n  k: [a, b # a comment, with ] and [\n  , c,\n  "d]e", it\'s]\n  z: {p: !Ref \'q,]\', r: &x [1,\n  2], s: *x}\n';
    const docs = readAllDocuments(text);
    assert.equal(docs[0].errors.length, 0);
    assert.deepEqual(docs[0].toJS(), { a: { k: ['a', 'b', 'c', 'd]e', "it's"], z: { p: 'q,]', r: [1, 2], s: [1, 2] } } });
  });

  it('keeps the syntax error of a collection that nothing closes before the next document, and reads the other documents', () => {
    const text = 'a:\n  k: [1,\n  2\n---\nb: [3,\n4]\n';
    assert.deepEqual(problems('file:///t/two.yaml', text), ['3:3 syntax Flow sequence in block collection must be sufficiently indented and end with a ]']);
    const [first, second] = readAllDocuments(text);
    assert.ok(first.errors.length > 0);
    assert.deepEqual([second.errors.length, second.toJS()], [0, { b: [3, 4] }]);
  });

  it('reads the SAM template CloudFormation accepts with its flow map closed no deeper than its key', () => {
    assert.deepEqual(problems('file:///t/template.yml', UNDER_INDENTED_FLOW), []);
    const vpc = (readAllDocuments(UNDER_INDENTED_FLOW)[0].toJS() as { Resources: { initializer: { Properties: { VpcConfig: unknown } } } }).Resources.initializer.Properties.VpcConfig;
    assert.deepEqual(vpc, ['UseVPCConfig', { SecurityGroupIds: 'securityGroupIds', SubnetIds: 'subnetIds' }, 'AWS::NoValue']);
  });

  // swapnilbabladkar-tp/caregem-testing-devops's user-service.yaml, shortened: an access-log format in single quotes
  // whose closing line is no deeper than `Format`, which PyYAML (the SAM CLI, cfn-lint) reads to its closing quote.
  const accessLog = `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      AccessLogSetting:
        Format: '{
          "requestId":"$context.requestId",
          "caller":"$context.identity.caller"
        }'
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Timeout: 60
      Events:
        Get:
          Type: Api
          Properties: {Path: /, Method: GET, RestApiId: !Ref Api}
`;

  it('reads a quoted scalar to its closing quote whatever the indentation of its lines, with the value PyYAML gives', () => {
    assert.deepEqual(problems('file:///t/template.yaml', accessLog), []);
    const format = (readAllDocuments(accessLog)[0].toJS() as { Resources: { Api: { Properties: { AccessLogSetting: { Format: string } } } } }).Resources.Api.Properties.AccessLogSetting.Format;
    assert.equal(format, '{ "requestId":"$context.requestId", "caller":"$context.identity.caller" }');
    // The rest of the template is analysed, at the offsets the text has.
    assert.ok(findings('file:///t/template.yaml', accessLog).includes('15:16-15:18 disposability/timeout-exceeds-api-gateway'), findings('file:///t/template.yaml', accessLog).join('\n'));
    // Double quotes: an escaped line break joins the lines, a blank line is a line break (PyYAML: {'b': 'x y', 'c': 'pq\nr'}).
    assert.deepEqual(readAllDocuments('a:\n  b: \'x\n y\'\n  c: "p\\\n q\n\n  r"\n')[0].toJS(), { a: { b: 'x y', c: 'pq\nr' } });
  });

  it('keeps the syntax error of a quoted scalar that a document marker ends, and reads the next document', () => {
    const text = "a:\n  b: 'x\n---\ny'\n";
    const [first, second] = readAllDocuments(text);
    assert.ok(first.errors.some((e) => e.code === 'MISSING_CHAR'));
    assert.deepEqual(second.toJS(), "y'");
  });
});
