import { defineServerlessRule } from '../../../rule';
import { scalarString, valueOf } from '../../../kubernetes/yaml-nodes';
import { saysMigration } from '../../../serverless/model';

export default defineServerlessRule({
  meta: {
    id: 'admin-processes/migration-custom-resource',
    factor: 'admin-processes',
    defaultSeverity: 'warning',
    description: 'A database migration or seed runs as a CloudFormation custom resource, as a side effect of deploying the stack.',
    rationale: [
      'Admin processes such as migrations are one-off runs, started deliberately against a release and watched by a',
      'person or a pipeline step. A custom resource runs its function whenever the stack is created or its properties',
      'change: the migration runs hidden inside a deploy, with the deploy\'s timeout, a failure rolls the whole stack back',
      '(and the rollback may call it again), and a seed can rewrite data each time.',
      '',
      'Run migrations as an explicit step of the release pipeline (a one-off invocation, a CodeBuild or Step Functions',
      'step) with the same code and config as the release.',
      '',
      'Not reported: resources that are not custom resources, and custom resources whose logical id, type, target',
      'function and handler do not say migrate or seed; the code the function runs is not inspected.',
    ].join('\n'),
    messages: {
      custom: 'Custom resource `{{resource}}` runs `{{what}}` on every deploy that touches it; run migrations and seeds as an explicit release step.',
    },
  },
  check({ model, report }) {
    const doc = model.doc;
    if (!doc) return;
    const functions = new Map(model.functions.map((fn) => [fn.id, fn]));
    for (const resource of model.resources.values()) {
      if (resource.type !== 'AWS::CloudFormation::CustomResource' && !resource.type.startsWith('Custom::')) continue;
      const target = model.referencedId(valueOf(resource.properties, 'ServiceToken', doc));
      const fn = target ? functions.get(target) : undefined;
      const handler = fn ? scalarString(valueOf(fn.properties, fn.kind === 'serverless-framework' ? 'handler' : 'Handler', doc), doc) : undefined;
      const names = [resource.logicalId, resource.type.replace(/^Custom::/, ''), target, handler].filter((n): n is string => !!n);
      const what = names.find(saysMigration);
      if (what) report({ messageId: 'custom', data: { resource: resource.logicalId, what }, range: resource.idRange });
    }
  },
});
