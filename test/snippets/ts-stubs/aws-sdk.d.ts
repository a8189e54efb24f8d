/**
 * Compile stubs for the AWS SDK for JavaScript v3 modules the TypeScript Lambda snippets
 * import. The real packages are not dependencies of this project (and cannot be installed
 * offline), so `test/snippets/lambda.test.ts` type-checks the expanded snippets against
 * these declarations plus the real `@types/aws-lambda` and `@types/node`. They declare
 * only what the snippets use, with the real names and shapes; nothing here runs.
 */
declare module '@aws-sdk/client-dynamodb' {
  export interface DynamoDBClientConfig {
    region?: string;
    maxAttempts?: number;
  }
  export class DynamoDBClient {
    constructor(config: DynamoDBClientConfig);
    destroy(): void;
  }
}

declare module '@aws-sdk/lib-dynamodb' {
  import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
  type NativeAttributes = Record<string, unknown>;
  export interface GetCommandInput {
    TableName: string;
    Key: NativeAttributes;
    ConsistentRead?: boolean;
  }
  export interface GetCommandOutput {
    Item?: NativeAttributes;
  }
  export interface PutCommandInput {
    TableName: string;
    Item: NativeAttributes;
    ConditionExpression?: string;
  }
  export interface PutCommandOutput {
    Attributes?: NativeAttributes;
  }
  export class GetCommand {
    constructor(input: GetCommandInput);
    readonly input: GetCommandInput;
  }
  export class PutCommand {
    constructor(input: PutCommandInput);
    readonly input: PutCommandInput;
  }
  export class DynamoDBDocumentClient {
    static from(client: DynamoDBClient): DynamoDBDocumentClient;
    send(command: GetCommand): Promise<GetCommandOutput>;
    send(command: PutCommand): Promise<PutCommandOutput>;
  }
}

declare module '@aws-sdk/client-sns' {
  export interface SNSClientConfig {
    region?: string;
  }
  export interface PublishCommandInput {
    TopicArn?: string;
    Message: string | undefined;
    Subject?: string;
  }
  export interface PublishCommandOutput {
    MessageId?: string;
  }
  export class PublishCommand {
    constructor(input: PublishCommandInput);
    readonly input: PublishCommandInput;
  }
  export class SNSClient {
    constructor(config: SNSClientConfig);
    send(command: PublishCommand): Promise<PublishCommandOutput>;
  }
}
