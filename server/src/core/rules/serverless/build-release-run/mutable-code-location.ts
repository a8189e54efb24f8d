import { isMap } from 'yaml';
import { defineServerlessRule } from '../../../rule';
import { pairOf, valueOf } from '../../../kubernetes/yaml-nodes';
import { functionsText, type LambdaFunction, type ServerlessModel, type Setting } from '../../../serverless/model';
import type { Report } from '../../../types';

/** An object key or image reference that names "the newest build" rather than one build. */
const LATEST = /(^|[/_.:-])latest([/_.-]|\.zip$|\.jar$|$)/i;

/**
 * An object key that carries a content hash names one build for good: what `sam package` writes (the artifact's MD5,
 * `964145def2d9e517dd692d1075b5e92e`) and `cdk` uploads (a SHA-256). Asked of the key however the location is written,
 * a `Bucket`/`Key` map or an `s3://bucket/key` URI.
 */
function contentAddressed(key: string): boolean {
  return /[0-9a-f]{32,}/i.test(key);
}

/** The object key of an `s3://bucket/key` URI (empty when it names only a bucket). */
function uriKey(uri: string): string {
  const path = uri.replace(/^s3:\/\//i, '');
  const slash = path.indexOf('/');
  return slash < 0 ? '' : path.slice(slash + 1);
}

export default defineServerlessRule({
  meta: {
    id: 'build-release-run/mutable-code-location',
    factor: 'build-release-run',
    defaultSeverity: 'warning',
    description: 'A Lambda function\'s code is fetched from a mutable location: an S3 object without a version, or a `latest` key or image tag.',
    rationale: [
      'A release is a build combined with config, and it must be immutable: deploying the same release twice must run the',
      'same code. A function whose `CodeUri` or `Code` names an S3 key without an object version (or a key such as',
      '`…/latest.zip`, or an image tagged `latest`) runs whatever was uploaded last when the stack happens to update, so',
      'a rollback does not restore the old code and two stages built from one template can run different code.',
      '',
      'Let `sam package`/`sam deploy` upload a content-addressed artifact (a local `CodeUri`), or pin the object with',
      '`Version` / `S3ObjectVersion`, or reference an image by digest.',
      '',
      'In serverless.yml only a registry image named by tag is judged (`image: <registry>/app:latest`): the framework',
      'uploads every other function\'s code itself, and tags the images it builds by digest.',
      '',
      'Not reported: local code paths the packager',
      'uploads, code locations given by an intrinsic function, S3 keys from a parameter or a `!Sub` that takes a build\'s',
      'name or version (a `!Sub` of the stack\'s own names only, `${Stack}/${Stage}/${App}/${App}.jar` or',
      '`${AWS::StackName}/code.zip`, is one key per stack and is reported like a literal key), keys that carry a',
      'content hash (in a `Bucket`/`Key` map or an `s3://` URI, as `sam package` writes them), objects with a',
      '`Version`/`S3ObjectVersion`, and images referenced by digest.',
    ].join('\n'),
    messages: {
      unversioned: 'The code of {{functions}} comes from the S3 object `{{key}}` without an object version; pin `{{versionKey}}` or let the packager upload a content-addressed artifact.',
      unversionedPerStack: 'The code of {{functions}} comes from the S3 object `{{key}}`, the same key at every release of a stack (it names only the stack, stage or application), without an object version; pin `{{versionKey}}` or put the build in the key.',
      s3Uri: 'The code of {{functions}} comes from `{{key}}`, an S3 URI that cannot name an object version; use `Bucket`/`Key`/`Version`, or a local path the packager uploads.',
      latest: 'The code of {{functions}} comes from `{{key}}`, which names the latest build rather than one release.',
    },
  },
  check({ model, report }) {
    const doc = model.doc;
    if (!doc) return;
    for (const fn of model.functions) {
      if (fn.kind === 'serverless-framework') {
        // `image: <account>.dkr.ecr.<region>.amazonaws.com/app:latest` (or its `uri:`): a registry image the framework
        // uploads nothing for. An image the framework builds (`image: {name: appimage}`) is tagged by its digest.
        const image = pairOf(fn.properties, 'image', doc);
        const uri = image && (isMap(image.value) ? model.value(valueOf(image.value, 'uri', doc)) : model.value(image.value));
        if (uri?.literal && uri.literal.includes('/') && !uri.literal.includes('@sha256:') && LATEST.test(uri.literal.replace(/^.*\//, ':'))) {
          report({ messageId: 'latest', data: { functions: functionsText([fn]), key: uri.literal }, range: uri.range });
        }
        continue;
      }
      const image = model.setting(fn, fn.kind === 'sam' ? 'ImageUri' : 'Code');
      if (fn.kind === 'sam') {
        const code = model.setting(fn, 'CodeUri');
        if (code?.literal !== undefined) {
          const uri = code.literal.trim();
          if (/^s3:\/\//i.test(uri)) {
            if (LATEST.test(uri)) report({ messageId: 'latest', data: { functions: model.namesTaking(fn, code), key: uri }, range: code.range });
            else if (!contentAddressed(uriKey(uri))) report({ messageId: 's3Uri', data: { functions: model.namesTaking(fn, code), key: uri }, range: code.range });
          }
        } else if (code && isMap(code.node) && !code.intrinsic) {
          objectLocation(model, fn, code, 'Key', 'Version', report);
        }
        if (image?.literal && LATEST.test(image.literal.replace(/@sha256:[\s\S]*$/, '').replace(/^.*\//, ':'))) report({ messageId: 'latest', data: { functions: model.namesTaking(fn, image), key: image.literal }, range: image.range });
      } else if (image && isMap(image.node) && !image.intrinsic) {
        const imageUri = model.value(valueOf(image.node, 'ImageUri', doc));
        if (imageUri?.literal && !imageUri.literal.includes('@sha256:') && LATEST.test(imageUri.literal.replace(/^.*\//, ':'))) report({ messageId: 'latest', data: { functions: model.namesTaking(fn, image), key: imageUri.literal }, range: imageUri.range });
        else objectLocation(model, fn, image, 'S3Key', 'S3ObjectVersion', report);
      }
    }
  },
});

function objectLocation(model: ServerlessModel, fn: LambdaFunction, code: Setting, keyName: string, versionName: string, report: (r: Report) => void): void {
  if (!isMap(code.node)) return;
  // The key and the version as SAM reads them: a map in Globals is merged under the function's own.
  const key = model.settingWithin(fn, code.key, keyName);
  if (!key) return;
  const shown = key.literal ?? key.text;
  if (shown && LATEST.test(shown)) return report({ messageId: 'latest', data: { functions: model.namesTaking(fn, key), key: shown }, range: key.range });
  // A key from a parameter or `!Sub` names the build the deploy passes in; only a literal key is the same for every release.
  // A key that carries a content hash (what `sam package` and `cdk` upload) names one build for good.
  // A `!Sub` of the stack's own names only (`${Stack}/${Stage}/${App}/${App}.jar`) is one key per stack, as a literal is.
  const perStack = key.literal === undefined && key.text !== undefined && !contentAddressed(key.text) && model.subFixedPerStack(key);
  if (((key.literal !== undefined && !contentAddressed(key.literal)) || perStack) && !model.settingWithin(fn, code.key, versionName)) {
    // Named: the functions that take this key and no version (a function may pin its own version under a shared key).
    const unversioned = model.functionsTaking(fn, key).filter((f) => f === fn || !model.settingWithin(f, code.key, versionName));
    report({ messageId: perStack ? 'unversionedPerStack' : 'unversioned', data: { functions: functionsText(unversioned), key: key.literal ?? key.text!, versionKey: versionName }, range: key.range });
  }
}
