import { testRule } from '../../../helpers/rule-tester';
import rule from '../../../../server/src/core/rules/serverless/build-release-run/mutable-code-location';

const sam = (props: string) => `Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n${props}`;
const lambda = (props: string) => `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n${props}`;

testRule(rule, {
  valid: [
    { name: 'a local path the packager uploads', code: sam('      CodeUri: src/\n') },
    { name: 'an S3 object with its version', code: sam('      CodeUri:\n        Bucket: artifacts\n        Key: orders/build-4711.zip\n        Version: 3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY\n') },
    { name: 'a key from a parameter', code: lambda('      Code:\n        S3Bucket: !Ref ArtifactBucket\n        S3Key: !Ref ArtifactKey\n') },
    { name: 'a content-addressed key', code: lambda('      Code:\n        S3Bucket: cdk-assets\n        S3Key: 15d7c92b571beed29cf6c012a96022482eee1df1b477ad528ddc03a4be52c076.zip\n') },
    {
      name: 'a `sam package` output: an s3:// CodeUri whose key is the artifact\'s content hash (MD5) names one build',
      code: "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Runtime: nodejs8.10\nResources:\n  initializer:\n    Type: AWS::Serverless::Function\n    Properties:\n      Timeout: 300\n      CodeUri: s3://rosh-sam-deployment/964145def2d9e517dd692d1075b5e92e\n      Handler: initializer.handler\n  executor:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: s3://rosh-sam-deployment/964145def2d9e517dd692d1075b5e92e\n      Handler: executor.handler\n",
    },
    { name: 'inline code', code: lambda('      Code:\n        ZipFile: |\n          exports.handler = async () => 1;\n') },
    {
      name: 'a version in the Globals\' CodeUri reaches a function that names its own key (SAM merges the maps)',
      code: 'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    CodeUri:\n      Bucket: artifacts\n      Version: 7\nResources:\n  A:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri:\n        Key: orders/handler.zip\n',
    },
    {
      name: "a key the release build fills in (AWS Solutions' %%VERSION%%, serverless-image-handler)",
      code: lambda('      Code:\n        S3Bucket: !Join ["-", ["%%BUCKET_NAME%%", !Ref "AWS::Region"]]\n        S3Key: serverless-image-handler/%%VERSION%%/image-handler.zip\n'),
    },
    { name: 'serverless.yml images the framework builds, or pinned', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: aws\n  ecr:\n    images:\n      appimage: {path: ./}\nfunctions:\n  a:\n    image: {name: appimage}\n  b:\n    image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.4.2\n  c:\n    image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0\n' },
    { name: 'a !Sub key that takes the build number', code: "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Stack: {Type: String}\n  App: {Type: String}\n  Stage: {Type: String, AllowedValues: [CODE, PROD]}\n  DeployBucket: {Type: String}\n  BuildNumber: {Type: String}\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Code:\n        S3Bucket: !Ref DeployBucket\n        S3Key: !Sub ${Stack}/${Stage}/${BuildNumber}/app.jar\n" },
    { name: 'a !Sub key that takes a variable of its own map', code: "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Stack: {Type: String}\n  App: {Type: String}\n  Stage: {Type: String, AllowedValues: [CODE, PROD]}\n  DeployBucket: {Type: String}\n  BuildNumber: {Type: String}\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Code:\n        S3Bucket: !Ref DeployBucket\n        S3Key: !Sub ['${Stack}/${Stage}/${Key}', {Key: !GetAtt Build.Key}]\n" },
  ],
  invalid: [
    { name: 's3:// URI', code: sam('      CodeUri: s3://artifacts/orders.zip\n'), errors: [{ line: 6, column: 16, messageId: 's3Uri' }] },
    {
      name: 's3:// URI: a content hash in the bucket\'s name does not pin the key',
      code: sam('      CodeUri: s3://sam-artifacts-964145def2d9e517dd692d1075b5e92e/orders.zip\n'),
      errors: [{ line: 6, column: 16, messageId: 's3Uri' }],
    },
    { name: 's3:// URI naming the latest build, content hash or not', code: sam('      CodeUri: s3://artifacts/latest/964145def2d9e517dd692d1075b5e92e.zip\n'), errors: [{ line: 6, column: 16, messageId: 'latest' }] },
    { name: 'latest.zip', code: sam('      CodeUri:\n        Bucket: artifacts\n        Key: orders/latest.zip\n'), errors: [{ line: 8, column: 14, messageId: 'latest' }] },
    { name: 'Lambda code without S3ObjectVersion', code: lambda('      Code:\n        S3Bucket: artifacts\n        S3Key: orders/handler.zip\n'), errors: [{ line: 8, column: 16, messageId: 'unversioned', message: 'S3ObjectVersion' }] },
    { name: 'an image tagged latest', code: lambda('      PackageType: Image\n      Code:\n        ImageUri: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders:latest\n'), errors: [{ line: 8, column: 19, messageId: 'latest' }] },
    {
      name: 'an s3:// CodeUri in Globals, named for every function that inherits it',
      code: 'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    CodeUri: s3://artifacts/orders.zip\nResources:\n  A:\n    Type: AWS::Serverless::Function\n  B:\n    Type: AWS::Serverless::Function\n  C:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n',
      errors: [{ line: 4, column: 14, messageId: 's3Uri', message: 'The code of functions `A` and `B` comes from `s3://artifacts/orders.zip`, an S3 URI' }],
    },
    {
      name: 'a CodeUri map in Globals merged under the functions\' own: named for those with no version of their own',
      code: 'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    CodeUri:\n      Bucket: artifacts\n      Key: orders/handler.zip\nResources:\n  A:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri:\n        Version: 3\n  B:\n    Type: AWS::Serverless::Function\n  C:\n    Type: AWS::Serverless::Function\n  D:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n  E:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri:\n        Bucket: other-artifacts\n',
      // A and E name a CodeUri map of their own without a key: the Globals' key is merged in; A pins its version, E does not.
      errors: [{ line: 6, column: 12, messageId: 'unversioned', message: 'The code of functions `B`, `C` and `E` comes from the S3 object `orders/handler.zip` without an object version' }],
    },
    {
      // choisungwook's aws_serverless_framework: a registry image by its latest tag.
      name: 'a serverless.yml function from a registry image tagged latest',
      filename: 'serverless.yml',
      code: 'service: a\nprovider:\n  name: aws\nfunctions:\n  app:\n    image: 467606240901.dkr.ecr.ap-northeast-2.amazonaws.com/github-action-test:latest\n  other:\n    image:\n      uri: 467606240901.dkr.ecr.ap-northeast-2.amazonaws.com/other:latest\n',
      errors: [
        { line: 6, column: 12, messageId: 'latest', message: 'The code of function `app`' },
        { line: 9, column: 12, messageId: 'latest', message: 'function `other`' },
      ],
    },
    {
      // guardian/price-migration-engine and guardian/mobile-n10n: RiffRaff uploads each release over the same key.
      name: 'a !Sub key of the stack\'s own names only is one key per stack',
      code: "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Stack: {Type: String}\n  App: {Type: String}\n  Stage: {Type: String, AllowedValues: [CODE, PROD]}\n  DeployBucket: {Type: String}\n  BuildNumber: {Type: String}\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Code:\n        S3Bucket: !Ref DeployBucket\n        S3Key: !Sub ${Stack}/${Stage}/${App}/${App}.jar\n",
      errors: [{ line: 14, column: 16, messageId: 'unversionedPerStack', message: '`${Stack}/${Stage}/${App}/${App}.jar`, the same key at every release of a stack' }],
    },
    {
      name: 'a !Sub key of pseudo parameters',
      code: "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Stack: {Type: String}\n  App: {Type: String}\n  Stage: {Type: String, AllowedValues: [CODE, PROD]}\n  DeployBucket: {Type: String}\n  BuildNumber: {Type: String}\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Code:\n        S3Bucket: !Ref DeployBucket\n        S3Key: !Sub ${AWS::StackName}-${AWS::Region}/code.zip\n",
      errors: [{ line: 14, column: 16, messageId: 'unversionedPerStack' }],
    },
  ],
});
