import { defineServerlessRule } from '../../../rule';
import { valueOf } from '../../../kubernetes/yaml-nodes';

export default defineServerlessRule({
  meta: {
    id: 'build-release-run/function-without-published-version',
    factor: 'build-release-run',
    defaultSeverity: 'hint',
    offByDefault:
      'a CloudFormation or Serverless deployment is already a named stack update that can roll back; a published version with an alias matters when traffic shifting, provisioned concurrency or event sources must point at one release, so turn it on for production functions.',
    description: 'A Lambda function is deployed without a published version or alias (`AutoPublishAlias`, `AWS::Lambda::Version`), so a release cannot be named or rolled back.',
    rationale: [
      'Every release should have an id and stay available, so that a deploy can be traced and undone. A function that is',
      'only ever updated in place (`$LATEST`) has no such id: callers always get whatever was deployed last, there is no',
      'earlier release to shift traffic back to, and gradual deployments are impossible.',
      '',
      'In SAM set `AutoPublishAlias` (in `Globals.Function` for all functions); in plain CloudFormation add an',
      '`AWS::Lambda::Version` and an `AWS::Lambda::Alias` for the function; the Serverless Framework publishes versions',
      'unless `versionFunctions: false`. Functions that only back a custom resource or a macro are deploy-time helpers and are',
      'not reported.',
    ].join('\n'),
    messages: {
      noAlias: 'Function `{{fn}}` is not published as a version with an alias; set `AutoPublishAlias` so each release is named and can be rolled back.',
      noVersion: 'Function `{{fn}}` has no `AWS::Lambda::Version` or `AWS::Lambda::Alias`; publish each release as a version so it can be named and rolled back.',
      disabled: '`versionFunctions: false` deploys every function in place without a version, so a release cannot be named or rolled back.',
    },
  },
  check({ model, report }) {
    const doc = model.doc;
    if (!doc) return;
    const helpers = new Set<string>();
    const versioned = new Set<string>();
    for (const resource of model.resources.values()) {
      const props = resource.properties;
      if (resource.type === 'AWS::CloudFormation::CustomResource' || resource.type.startsWith('Custom::')) {
        const id = model.referencedId(valueOf(props, 'ServiceToken', doc));
        if (id) helpers.add(id);
      }
      if (resource.type === 'AWS::CloudFormation::Macro') {
        const id = model.referencedId(valueOf(props, 'FunctionName', doc));
        if (id) helpers.add(id);
      }
      if (resource.type === 'AWS::Lambda::Version' || resource.type === 'AWS::Lambda::Alias') {
        const id = model.referencedId(valueOf(props, 'FunctionName', doc));
        if (id) versioned.add(id);
      }
    }
    for (const fn of model.functions) {
      if (helpers.has(fn.id)) continue;
      if (fn.kind === 'sam') {
        if (!model.setting(fn, 'AutoPublishAlias')) report({ messageId: 'noAlias', data: { fn: fn.id }, range: fn.idRange });
      } else if (fn.kind === 'lambda') {
        if (!versioned.has(fn.id)) report({ messageId: 'noVersion', data: { fn: fn.id }, range: fn.idRange });
      } else {
        const setting = model.setting(fn, 'versionFunctions');
        if (setting?.literal === 'false') report({ messageId: 'disabled', data: {}, range: setting.range });
      }
    }
  },
});
