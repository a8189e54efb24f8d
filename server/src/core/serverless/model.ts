/**
 * Serverless application templates read once per document version: AWS SAM and CloudFormation
 * templates (YAML with the short-form intrinsic tags `!Ref`, `!Sub`, `!GetAtt`…, or JSON) and
 * Serverless Framework `serverless.yml` files. The model lists the template's resources and its
 * Lambda functions with the settings each inherits (`Globals.Function`, `provider:`), every value
 * with its exact source range. Intrinsic functions and framework variables are references, never
 * literal values: `literal` is undefined for them.
 *
 * A file is a template by its content, never by its name alone (see `looksLikeServerless`).
 */
import { isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type ScalarTag, type CollectionTag, type YAMLMap } from 'yaml';
import type { ParseProblem, Range, RelatedLocation } from '../types';
import type { SourceText } from '../source';
import { hasBuildPlaceholder, hasTemplateBraces } from '../text-scan';
import { shortSpokenList } from '../lists';
import { wordsOf } from '../mask';
import { YAML_PARSE_OPTIONS, asMap, keyName, mapEntries, nodeAt, pairOf, resolve, scalarString, seqItems, valueOf } from '../kubernetes/yaml-nodes';
import { duplicateKeyProblems, problemsOf, readDocument, readLoneFlowDashes } from '../yaml-read';


/** A reference to the stage inside a path: `${self:provider.stage}`, `${sls:stage}`, `${opt:stage}`, `${opt:stage, 'dev'}`. */
const STAGE_REFERENCE = /\$\{(?:self:provider\.stage|sls:stage|opt:stage\s*(?:,[^{}]*)?)\}/g;
/** A whole step that is a reference to the stage (STAGE_REFERENCE, alone; made from its source, no outside text). */
const STAGE_STEP = new RegExp(`^${STAGE_REFERENCE.source}$`);
/** A `${self:a.b}` reference anywhere in a text, with no variable inside it. */
const INNER_SELF_REFERENCE = /\$\{self:([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)\}/g;
/** A whole-value `${self:a.b}` reference. */
const SELF_REFERENCE = /^\$\{self:([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)\}$/;
/** A whole value read at deploy time from outside the file: `${env:X}`, `${param:x, 'default'}`, `${file(secrets.json):key}`. */
const DEPLOY_SOURCE = /^\$\{(?:(env|param):([A-Za-z0-9_.-]+)|file\(([^()]+)\)(?::([A-Za-z0-9_.-]+))?)\s*(?:,[^}]*)?\}$/;
/** A whole value that is a whole file, `${file(secrets.json)}`. */
const WHOLE_FILE = /^\$\{file\(([^()]+)\)\}$/;
/**
 * A whole value that is a file or one key of it, `${file(functions.yml)}`, `${file(env.yml):${self:provider.stage}}`:
 * the file's path. The key may hold one variable (`${…}`), not nested deeper.
 */
const INCLUDED_FILE = /^\$\{file\(([^()]+)\)(?::(?:[A-Za-z0-9_.-]|\$\{[^{}]*\})+)?\}$/;

export type TemplateKind = 'cloudformation' | 'serverless-framework';

/** CloudFormation's short-form tags and the function each stands for. */
const SHORT_FORMS = ['Ref', 'Sub', 'GetAtt', 'If', 'Join', 'Select', 'Split', 'FindInMap', 'ImportValue', 'Base64', 'Cidr', 'GetAZs', 'Equals', 'Not', 'And', 'Or', 'Condition', 'Transform', 'ToJsonString', 'Length'];

/** Each short-form tag on a scalar, a sequence and a map: the node keeps its tag and its range. */
const CUSTOM_TAGS: (ScalarTag | CollectionTag)[] = SHORT_FORMS.flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => value },
  { tag: `!${name}`, collection: 'seq' as const, resolve: (value: unknown) => value as never },
  { tag: `!${name}`, collection: 'map' as const, resolve: (value: unknown) => value as never },
]) as (ScalarTag | CollectionTag)[];

/**
 * A cheap look at the text before any parse: the markers of a CloudFormation/SAM template or a
 * Serverless Framework file. The model confirms it on the parsed tree.
 */
export function looksLikeServerless(text: string): TemplateKind | undefined {
  // Each pattern needs its words: a text without them (every Kubernetes manifest) is not run through them.
  if (text.includes('AWS')) {
    if (/(^|[{,])\s*["']?AWSTemplateFormatVersion["']?\s*:/m.test(text) || /AWS::Serverless-2016-10-31/.test(text)) return 'cloudformation';
    if (/(^|[{,])\s*["']?Resources["']?\s*:/m.test(text) && /["']?Type["']?\s*:\s*["']?AWS::[A-Za-z0-9]+::/.test(text)) return 'cloudformation';
  }
  if (text.includes('functions') && /^service\s*:/m.test(text) && /^provider\s*:/m.test(text) && /^functions\s*:/m.test(text)) return 'serverless-framework';
  return undefined;
}

/** A value as the template writes it. */
export interface TemplateValue {
  node: Node;
  range: Range;
  /** The literal text (strings, numbers, booleans); undefined for intrinsics, variables and collections. */
  literal: string | undefined;
  /** `Ref`, `Fn::Sub`, `Fn::GetAtt`… when the value is an intrinsic function. */
  intrinsic: string | undefined;
  /** The string inside, literal or not (a `!Sub` body, a `${ssm:…}` value); undefined for collections. */
  text: string | undefined;
  /** Set on the literal a Framework variable falls back on (see ServerlessModel.branches): the variable, `${env:X}`. */
  fallbackOf?: string;
}

/** A setting of a function, maybe inherited from `Globals.Function` or `provider:`. */
export interface Setting extends TemplateValue {
  key: string;
  keyRange: Range;
  /** True when the value comes from `Globals.Function` (SAM) or `provider:` (Serverless Framework). */
  inherited: boolean;
  /** Set when `key` is a key inside this map-valued setting (`LoggingConfig` for `LogFormat`): see `settingWithin`. */
  within?: string;
}

export interface EnvVar extends TemplateValue {
  name: string;
  nameRange: Range;
  inherited: boolean;
}

export type EventType = 'api' | 'http-api' | 'sqs' | 'schedule' | 'other';

export interface FunctionEvent {
  type: EventType;
  /** The event's own name (SAM) or type key (`http`, `sqs`, …). */
  name: string;
  range: Range;
  /** Where the event names its source: an SQS queue's ARN, a schedule expression. */
  source: Node | undefined;
  /** The event's own settings (SAM `Properties`), when it has any. */
  properties?: YAMLMap;
  /** Set when the event is inferred from an `AWS::Lambda::Permission` that lets the service invoke the function. */
  viaPermission?: boolean;
}

export interface Resource {
  logicalId: string;
  idRange: Range;
  type: string;
  node: YAMLMap;
  properties: YAMLMap | undefined;
}

/**
 * What takes an environment: one function (its own variables and those it inherits), or the functions of files that
 * `functions:` includes, which take the provider's (see {@link ServerlessModel.environmentTakers}).
 */
export interface EnvironmentTaker {
  environment: readonly EnvVar[];
  /** How a message names the functions that take `env`: "function `a`", "the functions in `fns/a.yml`". */
  names(env: EnvVar): string;
}

export interface LambdaFunction {
  /** Logical id (CloudFormation) or key under `functions:` (Serverless Framework). */
  id: string;
  idRange: Range;
  kind: 'sam' | 'lambda' | 'serverless-framework';
  /** The function's settings map: a resource's `Properties`, or the function's own map. */
  properties: YAMLMap | undefined;
  environment: EnvVar[];
  events: FunctionEvent[];
}

const FRAMEWORK_KEYS: Record<string, string> = {
  Runtime: 'runtime',
  Timeout: 'timeout',
  Handler: 'handler',
  MemorySize: 'memorySize',
  ReservedConcurrentExecutions: 'reservedConcurrency',
  Environment: 'environment',
  Layers: 'layers',
  Image: 'image',
};

/**
 * Keys inside a map setting as the Serverless Framework writes them: where a function sets one, and where
 * `provider:` sets it for every function without its own (`LoggingConfig.LogFormat` is `logs.logFormat` on a
 * function and `provider.logs.lambda.logFormat`).
 */
const FRAMEWORK_KEYS_WITHIN: Record<string, { own: readonly string[]; provider: readonly string[] }> = {
  'LoggingConfig.LogFormat': { own: ['logs', 'logFormat'], provider: ['logs', 'lambda', 'logFormat'] },
};

/**
 * Jinja's statements (`{% if … %}`, `{%- for … %}`, `{% endif %}`), as `sam init`'s cookiecutter templates use them.
 * A Step Functions JSONata expression (`"{% $states.input.id %}"`) is a value of a real template, not one of them.
 */
const JINJA_BLOCK = /\{%-?\s*(?:if|elif|else|endif|for|endfor|set|endset|raw|endraw|macro|endmacro|block|endblock|include|import|from|with|endwith|filter|endfilter|call|endcall|extends)\b/;
/**
 * A Go template's actions (text/template, as gomplate and many deploy scripts use it): `{{ range $k, $v := . }}`,
 * `{{ if … }}`, `{{- end }}`. A file holding them is the source of a template, not the template. CloudFormation's
 * own `{{resolve:…}}` is none of them.
 */
const GO_TEMPLATE_BLOCK = /\{\{-?\s*(?:range|if|with|define|block|end)\b/;
/** A Go template's value (`{{ .Values.x }}`, `{{$name}}`): the file parses only when it stands inside a quoted scalar. */
const GO_TEMPLATE_VALUE = /\{\{-?\s*[.$]/;

/** How deep `!If` inside `!If` is followed (see ServerlessModel.branches). */
const MAX_CONDITION_DEPTH = 4;

export class ServerlessModel {
  readonly doc: Document | undefined;
  readonly root: YAMLMap | undefined;
  readonly kind: TemplateKind | undefined;
  readonly parseProblems: ParseProblem[] = [];
  readonly resources = new Map<string, Resource>();
  readonly functions: LambdaFunction[] = [];
  /** `Globals.Function` (SAM) or `provider` (Serverless Framework). */
  readonly globals: YAMLMap | undefined;
  /** `{{cookiecutter...}}` or Jinja blocks: a project template that is rendered before use. */
  readonly isProjectTemplate: boolean;
  /**
   * Why the file was not analysed, when it is a project template whose structure is only known once
   * rendered (Jinja blocks `{% ... %}`, or placeholders that leave it unparseable). Placeholders in values
   * alone (`{{cookiecutter.x}}` in a template that parses) are read as references, never as literals.
   */
  readonly skipped: string | undefined;
  /**
   * Files a Serverless Framework file takes functions or an environment from (`functions: ${file(./functions.yml)}`,
   * `environment: ${file(env.yml):${self:provider.stage}}`), where the file names them: not read (the core reads no file).
   */
  /** What the file takes from other files: its functions, one function's settings (`name`), or an environment. */
  readonly includedFiles: { file: string; what: 'functions' | 'function' | 'environment' | 'events'; range: Range; name?: string }[] = [];
  /** What {@link functionsTaking} answered, by the inherited value's node. */
  private readonly takers = new Map<Node, LambdaFunction[]>();

  constructor(readonly source: SourceText) {
    const goBlocks = GO_TEMPLATE_BLOCK.test(source.text);
    const jinjaBlocks = JINJA_BLOCK.test(source.text);
    this.isProjectTemplate = /\{\{\s*cookiecutter/.test(source.text) || jinjaBlocks || goBlocks || GO_TEMPLATE_VALUE.test(source.text);
    const read = (text: string) => readDocument(text, { ...YAML_PARSE_OPTIONS, customTags: CUSTOM_TAGS });
    let doc = read(source.lfText);
    // `!Split [-, …]`: what PyYAML (SAM CLI, cfn-lint, CloudFormation) reads, and YAML 1.2 does not.
    if (doc.errors.length > 0) doc = readLoneFlowDashes(source.lfText, doc, read) ?? doc;
    this.doc = doc;
    if (this.isProjectTemplate && (jinjaBlocks || goBlocks || doc.errors.length > 0)) {
      // Nothing of it is read: what the rendered template holds depends on the answers given to `sam init`/cookiecutter,
      // or on the data a Go template is executed with.
      this.skipped = jinjaBlocks
        ? 'This file is a project template with Jinja blocks (`{% … %}`) and was not analysed; render it (`sam init`, cookiecutter) and lint the result.'
        : goBlocks
          ? 'This file is a Go template (`{{ range … }}`, `{{ if … }}`, `{{ end }}`) and was not analysed; render it and lint the result.'
          : 'This file is a project template whose `{{…}}` placeholders leave it unreadable as YAML or JSON; it was not analysed. Render it (`sam init`, cookiecutter) and lint the result.';
      this.kind = looksLikeServerless(source.text);
      return;
    }
    if (doc.errors.length > 0) {
      this.parseProblems.push(...problemsOf(doc, source));
      return;
    }
    // The Serverless Framework and cfn-lint refuse a key written twice in one map; CloudFormation itself keeps the last
    // value, which is what the model reads.
    const consequence = looksLikeServerless(source.text) === 'serverless-framework' ? 'but the Serverless Framework refuses the file' : 'as CloudFormation deploys it (cfn-lint refuses the file)';
    this.parseProblems.push(...duplicateKeyProblems(doc, source, consequence));
    const root = asMap(doc.contents, doc);
    this.root = root;
    if (!root) return;
    if (pairOf(root, 'Resources', doc) || pairOf(root, 'AWSTemplateFormatVersion', doc) || pairOf(root, 'Transform', doc)) {
      this.readResources(asMap(valueOf(root, 'Resources', doc), doc));
      const isTemplate = pairOf(root, 'AWSTemplateFormatVersion', doc) !== undefined || this.isSamTransform() || [...this.resources.values()].some((r) => r.type.startsWith('AWS::'));
      if (!isTemplate) return;
      this.kind = 'cloudformation';
      this.globals = asMap(valueOf(asMap(valueOf(root, 'Globals', doc), doc), 'Function', doc), doc);
      this.readCloudFormationFunctions();
    } else if (pairOf(root, 'service', doc) && pairOf(root, 'provider', doc) && pairOf(root, 'functions', doc)) {
      this.kind = 'serverless-framework';
      this.globals = asMap(valueOf(root, 'provider', doc), doc);
      this.readResources(asMap(valueOf(asMap(valueOf(root, 'resources', doc), doc), 'Resources', doc), doc));
      this.readFrameworkFunctions();
    }
  }

  /** True when the Serverless Framework file deploys to AWS (the default provider). */
  get isAws(): boolean {
    if (this.kind !== 'serverless-framework' || !this.doc) return this.kind === 'cloudformation';
    const name = scalarString(valueOf(this.globals, 'name', this.doc), this.doc);
    return name === undefined || name === 'aws';
  }

  /** Source range of a node; `withTag` starts it at a short-form tag (`!Sub ...`), which the parser leaves out. */
  rangeOf(node: Node | Pair | undefined | null, withTag = false): Range | undefined {
    if (!node) return undefined;
    if (isPair(node)) {
      const key = node.key as Node | undefined;
      const value = node.value as Node | undefined;
      const start = key?.range?.[0];
      if (start === undefined) return undefined;
      return this.source.rangeOf(start, value?.range?.[1] ?? key!.range![1]);
    }
    const r = (node as Node).range;
    if (!r) return undefined;
    let start = r[0];
    const tag = (node as Node).tag;
    if (withTag && tag && tag.startsWith('!')) {
      // The tag sits just before the value, maybe after spaces; look back a bounded distance only.
      const from = Math.max(0, start - 200);
      const before = this.source.text.slice(from, start);
      const at = before.lastIndexOf(tag);
      if (at >= 0 && /^\s*$/.test(before.slice(at + tag.length))) start = from + at;
    }
    return this.source.rangeOf(start, r[1]);
  }

  /**
   * Where a Serverless Framework value comes from when it is read at deploy time from outside the file, as a variable:
   * the whole value `${env:X}`, `${param:x}` or `${file(secrets.json):key}`, or a `${self:...}` path that leads to one
   * (`${self:custom.secrets.stripeKey}` with `custom.secrets: ${file(secrets.json)}` gives
   * `${file(secrets.json):stripeKey}`). Defaults after a comma are left out. Undefined for anything else.
   */
  deployTimeSource(text: string): string | undefined {
    if (this.kind !== 'serverless-framework' || !this.doc) return undefined;
    let current = text.trim();
    for (let hop = 0; hop < 4; hop++) {
      // `${self:custom.config.${self:provider.stage}.token}`: the path for the stage the file deploys by default; so is
      // `${self:custom.env.TOKEN.${self:custom.stage}}` when `custom.stage` is such a reference (`${sls:stage}`).
      if (current.startsWith('${self:')) current = this.innerSelfReplaced(current).replace(STAGE_REFERENCE, () => this.defaultStage());
      else if (current.startsWith('${file(')) {
        // `${file(./.env.yml):${opt:stage}.MASTER_KEY}`: the file's key for the stage the file deploys by default.
        const close = current.indexOf(')');
        if (close > 0) current = current.slice(0, close) + current.slice(close).replace(STAGE_REFERENCE, () => this.defaultStage());
      }
      const outside = DEPLOY_SOURCE.exec(current);
      if (outside) return outside[1] ? `\${${outside[1]}:${outside[2]}}` : `\${file(${outside[3]})${outside[4] ? `:${outside[4]}` : ''}}`;
      const self = SELF_REFERENCE.exec(current);
      if (!self) return undefined;
      const steps = self[1].split('.');
      const { node: target, taken } = this.followSelfPath(steps);
      if (!isScalar(target) || typeof target.value !== 'string') return undefined;
      current = target.value.trim();
      if (taken < steps.length) {
        // The path goes on into what a whole-file value reads: that file's key.
        const file = WHOLE_FILE.exec(current);
        return file ? `\${file(${file[1]}):${steps.slice(taken).join('.')}}` : undefined;
      }
    }
    return undefined;
  }

  /**
   * `text` with each `${self:a.b}` inside it (not the whole of it) replaced by the stage or literal the file writes
   * there (`${self:custom.stage}` with `custom.stage: ${sls:stage}` gives the default stage); others are left as written.
   */
  private innerSelfReplaced(text: string): string {
    if (text.indexOf('${', 2) < 0) return text;
    return text.replace(INNER_SELF_REFERENCE, (whole: string, path: string, at: number) => {
      if (at === 0) return whole;
      const steps = path.split('.');
      const { node: target, taken } = this.followSelfPath(steps);
      if (taken < steps.length || !isScalar(target) || typeof target.value !== 'string') return whole;
      const value = target.value.trim().replace(STAGE_REFERENCE, () => this.defaultStage());
      return value.includes('${') || value === '' ? whole : value;
    });
  }

  /**
   * The stage a Serverless Framework file deploys to when none is given: `provider.stage` when it is literal, the default
   * of an `${opt:stage, 'prod'}` there, else the Framework's own default, `dev`.
   */
  private defaultStage(): string {
    const stage = this.doc ? scalarString(nodeAt(this.root, ['provider', 'stage'], this.doc), this.doc)?.trim() : undefined;
    if (stage && !stage.includes('${')) return stage;
    const fallback = stage ? /^\$\{opt:stage\s*,\s*['"]?([A-Za-z0-9_-]+)['"]?\s*\}$/.exec(stage) : null;
    return fallback ? fallback[1] : 'dev';
  }

  /**
   * Follows the steps of a `${self:a.b.c}` path from the file's root: the node reached (aliases resolved) and how many
   * steps were taken, fewer than all when a step meets no map (a whole-file value, whose keys are in another file).
   */
  private followSelfPath(steps: readonly string[]): { node: unknown; taken: number } {
    const doc = this.doc;
    let node: unknown = this.root;
    let taken = 0;
    for (; doc && taken < steps.length; taken++) {
      const map = asMap(node, doc);
      if (!map) break;
      node = valueOf(map, steps[taken], doc);
    }
    return { node: doc ? resolve(node, doc) : undefined, taken };
  }

  /**
   * Where a whole-value `${self:a.b}` of a Serverless Framework file leads, through a few hops of such references (a
   * `${self:}` inside the path read for the default stage: `${self:custom.env.${self:provider.stage}}`): the node
   * reached; `node` itself when it is no such reference (or the file is no Framework file); undefined when a path
   * leads to nothing the file holds.
   */
  private followSelf(node: unknown): unknown {
    const doc = this.doc;
    if (this.kind !== 'serverless-framework' || !doc) return node;
    let current: unknown = resolve(node, doc);
    for (let hop = 0; hop < 4; hop++) {
      if (!isScalar(current) || typeof current.value !== 'string' || intrinsicOf(current)) return current;
      const text = current.value.trim();
      const match = SELF_REFERENCE.exec(text.startsWith('${self:') ? this.innerSelfReplaced(text).replace(STAGE_REFERENCE, () => this.defaultStage()) : text);
      if (!match) return current;
      const steps = match[1].split('.');
      const { node: target, taken } = this.followSelfPath(steps);
      if (taken < steps.length || !target) return undefined;
      current = target;
    }
    return current;
  }

  /** The intrinsic function (`!Join`, `!Sub`, `!If`...) a whole-value `${self:a.b}` leads to (followSelf), or undefined. */
  private selfIntrinsic(node: Node): Node | undefined {
    const start = this.doc ? resolve(node, this.doc) : node;
    const target = this.followSelf(start);
    return target !== start && intrinsicOf(target) ? (target as Node) : undefined;
  }

  /** The map a setting is, or the one its whole-value `${self:a.b}` names (`environment: ${self:custom.settings}`). */
  private selfMap(node: unknown): YAMLMap | undefined {
    return this.doc ? asMap(this.followSelf(node), this.doc) : undefined;
  }

  /**
   * The text a whole-value `${self:a.b}` reference of a Serverless Framework file names, when the file writes a scalar
   * there (the Framework reads `self:` from the file itself); undefined for anything else (a fallback, another source,
   * a collection, a path the file does not hold).
   */
  private selfReference(text: string): string | undefined {
    const match = SELF_REFERENCE.exec(text.trim());
    if (!match || !this.doc) return undefined;
    const steps = match[1].split('.');
    const { node: target, taken } = this.followSelfPath(steps);
    if (taken < steps.length) return undefined;
    return isScalar(target) && target.value !== null && target.value !== undefined && typeof target.value !== 'object' ? String(target.value) : undefined;
  }

  /**
   * The values a `Fn::FindInMap` of this template can take: with a literal map name, the literal values its keys
   * lead to, each key read as written or, when it is not literal (`!Ref Stage`), as every key of that level
   * (`[StageConfig, !Ref Stage, Timeout]`, `[EnvMap, DBHost, !Ref Env]`). Undefined when the map name is not literal,
   * the map is not in `Mappings`, or a value found is not a literal.
   */
  mappedValues(node: unknown): string[] | undefined {
    const doc = this.doc;
    if (!doc) return undefined;
    const n = resolve(node, doc);
    if (intrinsicOf(n) !== 'Fn::FindInMap') return undefined;
    const [mapName, topKey, secondKey] = seqItems(intrinsicBody(n, 'Fn::FindInMap', doc), doc);
    const mapText = scalarString(mapName, doc);
    if (!mapText || intrinsicOf(mapName) || !topKey || !secondKey) return undefined;
    const mapping = asMap(valueOf(asMap(valueOf(this.root, 'Mappings', doc), doc), mapText, doc), doc);
    if (!mapping) return undefined;
    // A level's entries under a literal key, or every entry of the level for a key the deploy chooses.
    const level = (map: unknown, key: Node): unknown[] => {
      const literal = intrinsicOf(key) ? undefined : scalarString(key, doc);
      return literal !== undefined ? [valueOf(asMap(map, doc), literal, doc)] : mapEntries(map, doc).map((e) => e.pair.value);
    };
    const values: string[] = [];
    for (const entry of level(mapping, topKey)) {
      for (const found of level(entry, secondKey)) {
        const value = resolve(found, doc);
        if (!isScalar(value) || value.value === null || typeof value.value === 'object') return undefined;
        values.push(String(value.value));
      }
    }
    return values;
  }

  /**
   * The literals a whole-value `${self:...}` path with the stage as one of its steps can lead to
   * (`${self:custom.${opt:stage}.runtime}` with `custom.local` and `custom.test` written): the value under each key of
   * that level but `local` and `offline` (serverless-offline's), since a deploy may name any stage (`--stage`), as a
   * `!FindInMap` over a stage's Mappings is read (mappedValues). A stage whose value is itself a variable (`dev:
   * ${ssm:DB_HOST_DEV}` beside `prd: mydb.example.com`) gives its text with no literal, as the value would if written
   * in place (literalOf), and does not hide the literals of the other stages. Undefined when the text is no such path,
   * or a value found is a collection.
   */
  perStageValues(text: string): { literal: string | undefined; text: string }[] | undefined {
    const doc = this.doc;
    const trimmed = text.trim();
    if (this.kind !== 'serverless-framework' || !doc || !trimmed.startsWith('${self:') || !trimmed.endsWith('}')) return undefined;
    const steps = pathSteps(trimmed.slice(7, -1));
    const at = steps?.findIndex((step) => STAGE_STEP.test(step)) ?? -1;
    if (!steps || at < 0 || steps.some((step, i) => i !== at && !/^[A-Za-z0-9_-]+$/.test(step))) return undefined;
    const { node: level, taken } = this.followSelfPath(steps.slice(0, at));
    if (taken < at) return undefined;
    const values: { literal: string | undefined; text: string }[] = [];
    for (const { key, pair } of mapEntries(level, doc)) {
      // A `local` (or `offline`) stage is serverless-offline's, run on the developer's machine, not deployed.
      if (/^(local|offline)$/i.test(key)) continue;
      let node: unknown = resolve(pair.value, doc);
      for (const step of steps.slice(at + 1)) node = valueOf(asMap(node, doc), step, doc);
      const value = resolve(node, doc);
      if (value === undefined) continue;
      if (!isScalar(value) || value.value === null || typeof value.value === 'object') return undefined;
      const text = String(value.value);
      values.push({ literal: this.literalOf(text), text });
    }
    return values.length > 0 ? values : undefined;
  }

  /**
   * The values a setting can take when it is deployed: the setting itself, or for `!If [Condition, A, B]` each
   * branch (a nested `!If`'s too, to MAX_CONDITION_DEPTH), `!Ref AWS::NoValue` left out, and for a `!FindInMap` into
   * the template's own Mappings each literal it can find there (mappedValues), as a literal. Each keeps the setting's
   * name and range, with the branch's node, intrinsic and text.
   */
  branches<T extends TemplateValue>(value: T): T[] {
    const doc = this.doc;
    // `${env:JWT_SECRET, 'k2x9...'}`: the literal after the comma is what deploys wherever the variable is unset, and it is
    // committed with the template; the reference and that literal are each a value the setting can take.
    const fallback = this.kind === 'serverless-framework' && value.literal === undefined && value.text !== undefined ? FALLBACK.exec(value.text.trim()) : undefined;
    if (fallback && fallback[4] !== '') return [value, { ...value, literal: fallback[4], text: fallback[4], fallbackOf: `\${${fallback[1]}:${fallback[2].trim()}}` }];
    // `${self:custom.${opt:stage}.redisHost}`: the literal each stage the file writes gives.
    const staged = value.literal === undefined && value.text !== undefined && !value.intrinsic ? this.perStageValues(value.text) : undefined;
    if (staged) return [...new Map(staged.map((entry) => [entry.text, entry])).values()].map(({ literal, text }) => ({ ...value, literal, text }));
    if ((value.intrinsic !== 'Fn::If' && value.intrinsic !== 'Fn::FindInMap') || !doc) return [value];
    const out: T[] = [];
    const visit = (node: unknown, depth: number) => {
      const branch = this.value(node);
      if (!branch) return;
      if (branch.intrinsic === 'Ref' && this.referencedId(branch.node) === 'AWS::NoValue') return;
      // `!FindInMap [EnvMap, !Ref Env, DBHost]`: each literal the template's own Mappings hold there.
      const mapped = branch.intrinsic === 'Fn::FindInMap' ? this.mappedValues(branch.node) : undefined;
      if (mapped) for (const literal of new Set(mapped)) out.push({ ...value, node: branch.node, literal, intrinsic: undefined, text: literal });
      else if (branch.intrinsic !== 'Fn::If') out.push({ ...value, node: branch.node, literal: branch.literal, intrinsic: branch.intrinsic, text: branch.text });
      else if (depth < MAX_CONDITION_DEPTH) for (const item of seqItems(intrinsicBody(branch.node, 'Fn::If', doc), doc).slice(1, 3)) visit(item, depth + 1);
    };
    visit(value.node, 0);
    return out;
  }

  /** A value node described: literal text, intrinsic, range. */
  value(node: unknown): TemplateValue | undefined {
    if (!this.doc) return undefined;
    const written = resolve(node, this.doc);
    if (!written) return undefined;
    const range = this.rangeOf(written, true);
    if (!range) return undefined;
    // `${self:custom.settings.DB_PASSWORD}` where the file writes an intrinsic (`!Join [...]`): that value, read here.
    const n = this.selfIntrinsic(written) ?? written;
    const intrinsic = intrinsicOf(n);
    let text: string | undefined;
    if (isScalar(n)) text = n.value === null || n.value === undefined ? undefined : String(n.value);
    else if (intrinsic === 'Fn::Sub') text = subTemplate(n, this.doc);
    else if (intrinsic === 'Fn::Join') text = this.joinText(n);
    // `!Sub` with nothing to substitute is a literal written the long way.
    const literal = !intrinsic || (intrinsic === 'Fn::Sub' && !text?.includes('${')) ? this.literalOf(text) : undefined;
    return { node: n, range, literal, intrinsic, text };
  }

  /**
   * The literal a written text amounts to: `${self:custom.password}`, alone, is the literal the same file writes there
   * (a few hops, each a whole-value reference); any other variable, a dynamic reference (`{{resolve:...}}`) or a
   * project-template placeholder is no value yet (undefined).
   */
  private literalOf(text: string | undefined): string | undefined {
    let literal = text;
    for (let hop = 0; hop < 4 && literal !== undefined && this.kind === 'serverless-framework'; hop++) {
      const target = this.selfReference(literal);
      if (target === undefined) break;
      literal = target;
    }
    if (literal !== undefined && this.kind === 'serverless-framework' && literal.includes('${')) return undefined;
    if (literal !== undefined && (hasTemplateBraces(literal) || literal.includes('{%') || hasBuildPlaceholder(literal))) return undefined;
    return literal;
  }

  /**
   * A `Fn::Join` written as the `!Sub` text it amounts to: its literal pieces joined by its literal delimiter, `${Id}`
   * for a piece that references a resource or parameter (`!Ref`, `!GetAtt`: referencedId), `${...}` for any other
   * (`!Join ['', ['{{resolve:secretsmanager:', !Ref Secret, ':SecretString:password}}']]` reads
   * `{{resolve:secretsmanager:${Secret}:SecretString:password}}`). Undefined when the delimiter or the list is not written out.
   */
  private joinText(node: Node): string | undefined {
    const doc = this.doc!;
    const [delimiterNode, listNode] = seqItems(intrinsicBody(node, 'Fn::Join', doc), doc);
    const delimiter = intrinsicOf(delimiterNode) ? undefined : scalarString(delimiterNode, doc);
    const list = resolve(listNode, doc);
    if (delimiter === undefined || !isSeq(list)) return undefined;
    const pieces = seqItems(list, doc).map((item) => {
      const piece = resolve(item, doc);
      if (!intrinsicOf(piece) && isScalar(piece)) return piece.value === null || piece.value === undefined ? '' : String(piece.value);
      const id = this.referencedId(piece);
      return id ? `\${${id}}` : '${...}';
    });
    return pieces.join(delimiter);
  }

  /** A function's setting by its CloudFormation name (`Runtime`, `Timeout`...), own value first, then the inherited one. */
  setting(fn: LambdaFunction, key: string): Setting | undefined {
    const doc = this.doc;
    if (!doc) return undefined;
    const name = fn.kind === 'serverless-framework' ? (FRAMEWORK_KEYS[key] ?? key) : key;
    const own = pairOf(fn.properties, name, doc);
    const pair = own ?? (this.inherits(fn, name) ? pairOf(this.globals, name, doc) : undefined);
    return pair && this.settingOf(pair, name, !own);
  }

  /**
   * Setting `key` (by its CloudFormation name) as `provider:` writes it for the functions that another file holds
   * (`functions: ${file(./api.yml)}`, see includedFiles), which take it unless they set their own; undefined when the
   * template includes no functions, or writes no such default.
   */
  defaultForIncludedFunctions(key: string): { setting: Setting; files: string[] } | undefined {
    const doc = this.doc;
    if (!doc || this.kind !== 'serverless-framework') return undefined;
    const files = this.includedFiles.filter((f) => f.what === 'functions' || f.what === 'function').map((f) => f.file);
    const name = FRAMEWORK_KEYS[key] ?? key;
    const pair = files.length > 0 ? pairOf(this.globals, name, doc) : undefined;
    const setting = pair && this.settingOf(pair, name, true);
    return setting && { setting, files: [...new Set(files)] };
  }

  /**
   * Whether `fn` takes setting `name` from the Globals or `provider:` when it has none of its own: not a plain Lambda
   * function, and not the runtime of a container-image function (`image:` in serverless.yml, `PackageType: Image`),
   * which its image decides: the Framework leaves `Runtime` out for one.
   */
  private inherits(fn: LambdaFunction, name: string): boolean {
    if (fn.kind === 'lambda') return false;
    if (name !== 'runtime' && name !== 'Runtime') return true;
    const doc = this.doc!;
    return fn.kind === 'serverless-framework' ? !pairOf(fn.properties, 'image', doc) : scalarString(valueOf(fn.properties, 'PackageType', doc), doc) !== 'Image';
  }

  /** The setting a pair holds: its value, key and key range, and whether it came from the Globals or `provider:`. */
  private settingOf(pair: Pair, key: string, inherited: boolean, within?: string): Setting | undefined {
    const value = this.value(pair.value);
    const keyRange = this.rangeOf(pair.key as Node);
    if (!value || !keyRange) return undefined;
    return within === undefined ? { ...value, key, keyRange, inherited } : { ...value, key, keyRange, inherited, within };
  }

  /**
   * A key inside a map-valued setting (`LogFormat` in `LoggingConfig`), by its CloudFormation names: the function's
   * own first, then the inherited one. SAM merges a map of `Globals.Function` under the function's own (a function
   * that sets only `LoggingConfig.LogGroup` still logs in the Globals' `LogFormat`); the Serverless Framework writes
   * such keys under names of its own (FRAMEWORK_KEYS_WITHIN); a plain Lambda function reads its own map only.
   */
  settingWithin(fn: LambdaFunction, within: string, key: string): Setting | undefined {
    const doc = this.doc;
    if (!doc) return undefined;
    const { own, merges } = this.ownWithin(fn, within, key);
    const pair = own ?? (merges ? this.inheritedWithin(fn, within, key) : undefined);
    return pair && this.settingOf(pair, key, !own, within);
  }

  /** Whether `fn` reads `key` of its map `within` from the Globals: none of its own, and its own map (if any) merges the Globals'. */
  private takesFromGlobals(fn: LambdaFunction, within: string, key: string): boolean {
    const { own, merges } = this.ownWithin(fn, within, key);
    return !own && merges;
  }

  /**
   * `key` in `fn`'s own map `within`, and whether the inherited one applies when it is missing: for a SAM function
   * whose own value is a map or absent (any other value replaces the Globals'), and for every framework function.
   */
  private ownWithin(fn: LambdaFunction, within: string, key: string): { own: Pair | undefined; merges: boolean } {
    const doc = this.doc!;
    if (fn.kind === 'serverless-framework') {
      const path = FRAMEWORK_KEYS_WITHIN[`${within}.${key}`];
      return { own: path && pairAt(fn.properties, path.own, doc), merges: !!path };
    }
    const value = valueOf(fn.properties, within, doc);
    const map = asMap(value, doc);
    return { own: pairOf(map, key, doc), merges: fn.kind === 'sam' && (value === undefined || map !== undefined) };
  }

  /** `key` of the map `within` as `Globals.Function` or `provider:` sets it for every function. */
  private inheritedWithin(fn: LambdaFunction, within: string, key: string): Pair | undefined {
    const doc = this.doc!;
    if (fn.kind !== 'serverless-framework') return pairOf(asMap(valueOf(this.globals, within, doc), doc), key, doc);
    const path = FRAMEWORK_KEYS_WITHIN[`${within}.${key}`];
    return path && pairAt(this.globals, path.provider, doc);
  }

  /**
   * The functions that take `value`, a setting or an environment variable of `fn`: `fn` alone when it is
   * the function's own; when it is set once in `Globals.Function` or `provider:`, every function that
   * inherits it (none of its own; for a key inside a map setting, see {@link settingWithin}), in template
   * order. A finding on that one line names them all.
   */
  functionsTaking(fn: LambdaFunction, value: Setting | EnvVar): LambdaFunction[] {
    if (!value.inherited) return [fn];
    let taking = this.takers.get(value.node);
    if (!taking) {
      const doc = this.doc!;
      taking = 'key' in value
        ? this.functions.filter((f) => (value.within === undefined ? this.inherits(f, value.key) && !pairOf(f.properties, value.key, doc) : this.takesFromGlobals(f, value.within, value.key)))
        : this.functions.filter((f) => f.environment.some((e) => e.inherited && e.name === value.name));
      this.takers.set(value.node, taking);
    }
    return taking.length > 0 ? taking : [fn];
  }

  /** How a message names the functions that take `value` (see {@link functionsTaking} and {@link functionsText}). */
  namesTaking(fn: LambdaFunction, value: Setting | EnvVar): string {
    return functionsText(this.functionsTaking(fn, value));
  }

  /**
   * Every environment the template gives its functions, as the rules about environment variables judge them: each
   * function's, and, when `functions:` only includes files (`- ${file(./fns/users.yml)}`, whose functions the core does
   * not read), the provider's environment, which every one of those functions takes unless it sets the same name
   * (dev-rods/Traffic-Manager's `provider.environment` of `${ssm:...}` secrets for 25 included files).
   */
  environmentTakers(): readonly EnvironmentTaker[] {
    if (this.takersOfEnvironment) return this.takersOfEnvironment;
    const takers: EnvironmentTaker[] = this.functions.map((fn) => ({ environment: fn.environment, names: (env) => this.namesTaking(fn, env) }));
    const files = [...new Set(this.includedFiles.filter((f) => f.what === 'functions').map((f) => `\`${f.file}\``))];
    if (this.doc && this.kind === 'serverless-framework' && this.functions.length === 0 && files.length > 0) {
      const environment = this.envVars(this.selfMap(valueOf(this.globals, 'environment', this.doc)), true);
      const names = `the functions in ${shortSpokenList(files)}`;
      if (environment.length > 0) takers.push({ environment, names: () => names });
    }
    return (this.takersOfEnvironment = takers);
  }

  private takersOfEnvironment: readonly EnvironmentTaker[] | undefined;

  /**
   * True when a `!Sub` text names the same thing at every deploy of one stack: each of its variables is a pseudo
   * parameter (`AWS::StackName`, `AWS::Region`) or a template parameter that names the stack, its stage or its
   * application (`Stage`, `Env`, `App`, `StackName`: IDENTITY_WORDS) rather than a build (`Version`, `BuildNumber`,
   * `CodeKey`). Guardian's `S3Key: !Sub ${Stack}/${Stage}/${App}/${App}.jar` is one object per stage, overwritten by
   * each release. False for a `!Sub` with a variable map, or a variable of any other kind.
   */
  subFixedPerStack(value: TemplateValue): boolean {
    const doc = this.doc;
    if (!doc || this.kind !== 'cloudformation' || value.intrinsic !== 'Fn::Sub' || value.text === undefined) return false;
    if (isSeq(intrinsicBody(value.node, 'Fn::Sub', doc))) return false;
    const parameters = asMap(valueOf(this.root, 'Parameters', doc), doc);
    let variables = 0;
    for (const match of value.text.matchAll(SUB_VARIABLE)) {
      const name = match[1];
      variables++;
      if (name.startsWith('AWS::')) continue;
      if (!pairOf(parameters, name, doc) || !namesStackIdentity(name)) return false;
    }
    return variables > 0;
  }

  private noEcho: ReadonlySet<string> | undefined;
  private plainStrings: ReadonlySet<string> | undefined;
  private ssmValues: ReadonlySet<string> | undefined;
  private apiStages: ReadonlySet<string> | undefined;

  /**
   * The stage names the template gives its APIs (`StageName` of an API Gateway stage, or of a SAM API), as written:
   * a path segment of the API's URL (`wss://.../Prod`), which a function may be told to build that URL.
   */
  apiStageNames(): ReadonlySet<string> {
    if (this.apiStages) return this.apiStages;
    const names = new Set<string>();
    const doc = this.doc;
    if (doc) {
      for (const resource of this.resources.values()) {
        if (!API_STAGE_TYPES.has(resource.type)) continue;
        const name = scalarString(valueOf(resource.properties, 'StageName', doc), doc);
        if (name !== undefined) names.add(name);
      }
    }
    this.apiStages = names;
    return names;
  }

  /**
   * The template's parameters declared `NoEcho: true` (a CloudFormation template's `Parameters`): values CloudFormation
   * hides in its own console and API, and only there.
   */
  noEchoParameters(): ReadonlySet<string> {
    if (!this.noEcho) this.readParameters();
    return this.noEcho!;
  }

  /**
   * Template parameters of type `String` (or of no type) that are not NoEcho, and whose default is no path or ARN: their
   * values show in CloudFormation's console.
   */
  plainStringParameters(): ReadonlySet<string> {
    if (!this.plainStrings) this.readParameters();
    return this.plainStrings!;
  }

  /**
   * Template parameters of type `AWS::SSM::Parameter::Value<String>`: CloudFormation reads the named parameter's value
   * from Parameter Store when the stack deploys, and the template uses that value.
   */
  ssmValueParameters(): ReadonlySet<string> {
    if (!this.ssmValues) this.readParameters();
    return this.ssmValues!;
  }

  private readParameters(): void {
    const noEcho = new Set<string>();
    const plain = new Set<string>();
    const ssm = new Set<string>();
    const doc = this.doc;
    if (doc && this.kind === 'cloudformation') {
      for (const { key, pair } of mapEntries(valueOf(this.root, 'Parameters', doc), doc)) {
        const parameter = asMap(pair.value, doc);
        const echo = scalarString(valueOf(parameter, 'NoEcho', doc), doc);
        const type = scalarString(valueOf(parameter, 'Type', doc), doc);
        if (echo !== undefined && echo.toLowerCase() === 'true') noEcho.add(key);
        else if (type === 'AWS::SSM::Parameter::Value<String>') ssm.add(key);
        else if (type === undefined || type === 'String') {
          // A default that is a path or an ARN (`/slack/bot_token`) says the parameter locates a secret.
          const fallback = scalarString(valueOf(parameter, 'Default', doc), doc)?.trim() ?? '';
          if (!fallback.startsWith('/') && !fallback.startsWith('arn:')) plain.add(key);
        }
      }
    }
    this.noEcho = noEcho;
    this.plainStrings = plain;
    this.ssmValues = ssm;
  }

  /** The logical id a reference names: `!Ref X`, `!Ref X.Alias`, `!GetAtt X.Arn`, `{ "Fn::GetAtt": ["X", "Arn"] }`. */
  referencedId(node: unknown): string | undefined {
    const doc = this.doc;
    if (!doc) return undefined;
    const n = resolve(node, doc);
    if (!n) return undefined;
    const fn = intrinsicOf(n);
    let body: unknown = n;
    if (isMap(n) && fn) body = valueOf(n, fn, doc);
    // SAM's `!Ref MyFunction.Alias` and `.Version` name the function's published alias or version: the same function.
    if (fn === 'Ref') return scalarString(body, doc)?.replace(/\.(Alias|Version)$/, '');
    if (fn === 'Fn::GetAtt') {
      if (isSeq(body)) return scalarString(seqItems(body, doc)[0], doc);
      return scalarString(body, doc)?.split('.')[0];
    }
    return undefined;
  }

  private isSamTransform(): boolean {
    const doc = this.doc!;
    const transform = valueOf(this.root, 'Transform', doc);
    const names = isSeq(transform) ? seqItems(transform, doc).map((n) => scalarString(n, doc)) : [scalarString(transform, doc)];
    return names.some((n) => n === 'AWS::Serverless-2016-10-31');
  }

  private readResources(resources: YAMLMap | undefined): void {
    const doc = this.doc!;
    for (const { key, pair } of mapEntries(resources, doc)) {
      const node = asMap(pair.value, doc);
      const type = scalarString(valueOf(node, 'Type', doc), doc);
      const idRange = this.rangeOf(pair.key as Node);
      if (!node || !type || !idRange) continue;
      this.resources.set(key, { logicalId: key, idRange, type, node, properties: asMap(valueOf(node, 'Properties', doc), doc) });
    }
  }

  private readCloudFormationFunctions(): void {
    const doc = this.doc!;
    for (const resource of this.resources.values()) {
      const kind = resource.type === 'AWS::Serverless::Function' ? 'sam' : resource.type === 'AWS::Lambda::Function' ? 'lambda' : undefined;
      if (!kind) continue;
      const fn: LambdaFunction = { id: resource.logicalId, idRange: resource.idRange, kind, properties: resource.properties, environment: [], events: [] };
      // Own variables first; SAM merges Globals.Function's variables under them.
      const own = asMap(valueOf(asMap(valueOf(resource.properties, 'Environment', doc), doc), 'Variables', doc), doc);
      fn.environment = this.envVars(own, false);
      if (kind === 'sam') {
        const inherited = asMap(valueOf(asMap(valueOf(this.globals, 'Environment', doc), doc), 'Variables', doc), doc);
        const names = new Set(fn.environment.map((e) => e.name));
        for (const env of this.envVars(inherited, true)) if (!names.has(env.name)) fn.environment.push(env);
        // Its own events, and what other resources say of it (a REST API defined by an OpenAPI body reaches it through a permission).
        fn.events = [...this.samEvents(resource.properties), ...this.lambdaEvents(resource.logicalId)];
      } else {
        fn.events = this.lambdaEvents(resource.logicalId);
      }
      this.functions.push(fn);
    }
  }

  /**
   * `functions:` of a Serverless Framework file: a map of functions, or a list of such maps and of whole files
   * (`- ${file(./functions/users.yml)}`), as the Framework documents it; `functions: ${file(...)}` is one whole file.
   * Functions in other files are not read here (the core reads no file): each such file is kept in includedFiles.
   */
  private readFrameworkFunctions(): void {
    const doc = this.doc!;
    this.included(resolve(valueOf(this.globals, 'environment', doc), doc), 'environment');
    const functions = resolve(valueOf(this.root, 'functions', doc), doc);
    for (const part of isSeq(functions) ? seqItems(functions, doc) : [functions]) {
      const item = resolve(part, doc);
      if (!this.included(item, 'functions')) this.readFunctionMap(item);
    }
    // serverless-lift's queue construct deploys its `worker` as a function of the service, named `<construct>Worker`,
    // with the provider's settings for what it does not set; Lift wires the queue to it (and sets the queue's
    // visibility timeout from the worker's timeout), so it has no events of its own here.
    for (const { key, pair } of mapEntries(resolve(valueOf(this.root, 'constructs', doc), doc), doc)) {
      const construct = asMap(pair.value, doc);
      const worker = pairOf(construct, 'worker', doc);
      if (scalarString(valueOf(construct, 'type', doc), doc) !== 'queue' || !worker || !isMap(worker.value)) continue;
      const idRange = this.rangeOf(worker.key as Node);
      if (idRange) this.addFrameworkFunction(`${key}Worker`, idRange, worker.value, false);
    }
  }

  /** True when `node` is a whole `${file(...)}` value (one key of the file, maybe per stage): kept in includedFiles. */
  private included(node: unknown, what: 'functions' | 'function' | 'environment' | 'events', name?: string): boolean {
    const file = isScalar(node) && typeof node.value === 'string' ? INCLUDED_FILE.exec(node.value.trim()) : null;
    const range = file ? this.rangeOf(node as Node) : undefined;
    if (file && range) this.includedFiles.push({ file: file[1], what, range, ...(name !== undefined ? { name } : {}) });
    return file !== null;
  }

  private readFunctionMap(functions: unknown): void {
    const doc = this.doc!;
    for (const { key, pair } of mapEntries(functions, doc)) {
      // `fn_manager_api: ${file(./services/fn_manager_api/serverless.yml)}`: the function's settings are in that file.
      this.included(resolve(pair.value, doc), 'function', key);
      const idRange = this.rangeOf(pair.key as Node);
      if (idRange) this.addFrameworkFunction(key, idRange, asMap(pair.value, doc), true);
    }
  }

  /** A Serverless Framework function: its own environment, then the provider's for names it does not set. */
  private addFrameworkFunction(id: string, idRange: Range, properties: YAMLMap | undefined, withEvents: boolean): void {
    const doc = this.doc!;
    const own = resolve(valueOf(properties, 'environment', doc), doc);
    this.included(own, 'environment');
    const fn: LambdaFunction = { id, idRange, kind: 'serverless-framework', properties, environment: this.envVars(this.selfMap(own), false), events: [] };
    const names = new Set(fn.environment.map((e) => e.name));
    for (const env of this.envVars(this.selfMap(valueOf(this.globals, 'environment', doc)), true)) if (!names.has(env.name)) fn.environment.push(env);
    // `events: ${file(./events/sync.yml):events}`: the events are in that file (kept in includedFiles).
    if (withEvents && !this.included(resolve(valueOf(properties, 'events', doc), doc), 'events', id)) fn.events = this.frameworkEvents(properties);
    this.functions.push(fn);
  }

  private envVars(map: YAMLMap | undefined, inherited: boolean): EnvVar[] {
    const out: EnvVar[] = [];
    for (const { key, pair } of mapEntries(map, this.doc!)) {
      const nameRange = this.rangeOf(pair.key as Node);
      const value = pair.value === null || pair.value === undefined ? undefined : this.value(pair.value);
      if (!nameRange || !value) continue;
      out.push({ ...value, name: key, nameRange, inherited });
    }
    return out;
  }

  private samEvents(properties: YAMLMap | undefined): FunctionEvent[] {
    const doc = this.doc!;
    const out: FunctionEvent[] = [];
    for (const { key, pair } of mapEntries(valueOf(properties, 'Events', doc), doc)) {
      const event = asMap(pair.value, doc);
      const type = scalarString(valueOf(event, 'Type', doc), doc) ?? '';
      const props = asMap(valueOf(event, 'Properties', doc), doc);
      const range = this.rangeOf(pair.key as Node);
      if (!range) continue;
      const kind: EventType = type === 'Api' ? 'api' : type === 'HttpApi' ? 'http-api' : type === 'SQS' ? 'sqs' : type === 'Schedule' || type === 'ScheduleV2' ? 'schedule' : 'other';
      const source = kind === 'sqs' ? valueOf(props, 'Queue', doc) : kind === 'schedule' ? valueOf(props, 'Schedule', doc) ?? valueOf(props, 'ScheduleExpression', doc) : undefined;
      out.push({ type: kind, name: key, range, source, properties: props });
    }
    return out;
  }

  /** Per function logical id, how the template's API Gateway integrations invoke it, from one walk of the resources. */
  private integrations: Map<string, { sync: boolean; async: boolean }> | undefined;

  /**
   * True when every API Gateway integration of the template that names function `id` in its `uri` (an OpenAPI
   * `x-amazon-apigateway-integration`, a method's `Integration`) asks for an asynchronous invocation
   * (`integration.request.header.X-Amz-Invocation-Type: "'Event'"`), and there is at least one.
   */
  private invokedAsynchronouslyOnly(id: string): boolean {
    if (!this.integrations) {
      const doc = this.doc!;
      const found = new Map<string, { sync: boolean; async: boolean }>();
      const visit = (node: unknown, depth: number): void => {
        if (depth > 64) return;
        if (isSeq(node)) {
          for (const item of node.items) visit(item, depth + 1);
          return;
        }
        if (!isMap(node)) return;
        const uri = valueOf(node, 'uri', doc) ?? valueOf(node, 'Uri', doc);
        if (uri !== undefined && (pairOf(node, 'httpMethod', doc) || pairOf(node, 'IntegrationHttpMethod', doc))) {
          const parameters = asMap(valueOf(node, 'requestParameters', doc) ?? valueOf(node, 'RequestParameters', doc), doc);
          const invocation = scalarString(valueOf(parameters, 'integration.request.header.X-Amz-Invocation-Type', doc), doc);
          const async = invocation !== undefined && invocation.replace(/'/g, '') === 'Event';
          for (const name of [...this.namesIn(uri), ...this.functionsNamedIn(uri)]) {
            const seen = found.get(name) ?? { sync: false, async: false };
            if (async) seen.async = true;
            else seen.sync = true;
            found.set(name, seen);
          }
        }
        for (const item of node.items) if (isPair(item)) visit(item.value, depth + 1);
      };
      for (const resource of this.resources.values()) visit(resource.properties, 0);
      this.integrations = found;
    }
    const seen = this.integrations.get(id);
    return seen !== undefined && seen.async && !seen.sync;
  }

  /**
   * Functions that a `uri` names by their `FunctionName` (`...:function:${AWS::StackName}-ApprovalFunction:live/...` for a
   * function whose `FunctionName` is `!Sub '${AWS::StackName}-ApprovalFunction'`), as the texts are written.
   */
  private functionsNamedIn(uri: unknown): string[] {
    const doc = this.doc!;
    const text = subText(resolve(uri, doc), doc);
    if (!text) return [];
    const out: string[] = [];
    for (const resource of this.resources.values()) {
      if (resource.type !== 'AWS::Serverless::Function' && resource.type !== 'AWS::Lambda::Function') continue;
      const name = subText(resolve(valueOf(resource.properties, 'FunctionName', doc), doc), doc);
      if (!name) continue;
      for (let at = text.indexOf(`function:${name}`); at >= 0; at = text.indexOf(`function:${name}`, at + 1)) {
        const next = text[at + 'function:'.length + name.length];
        if (next === ':' || next === '/' || next === undefined) {
          out.push(resource.logicalId);
          break;
        }
      }
    }
    return out;
  }

  /** Functions by their `FunctionName` as written (a literal, or a `!Sub` template), from one pass over the resources. */
  private byFunctionName: Map<string, string> | undefined;

  /**
   * The function whose `FunctionName` is written as `node` is: a permission that names `!Sub identity-backfill-${Stage}`
   * is for the function whose `FunctionName` is that same `!Sub` (Guardian's identity-backfill stack).
   */
  private functionWithName(node: unknown): string | undefined {
    const doc = this.doc!;
    const text = subText(resolve(node, doc), doc);
    if (!text) return undefined;
    if (!this.byFunctionName) {
      this.byFunctionName = new Map();
      for (const resource of this.resources.values()) {
        if (resource.type !== 'AWS::Serverless::Function' && resource.type !== 'AWS::Lambda::Function') continue;
        const name = subText(resolve(valueOf(resource.properties, 'FunctionName', doc), doc), doc);
        if (name && !this.byFunctionName.has(name)) this.byFunctionName.set(name, resource.logicalId);
      }
    }
    return this.byFunctionName.get(text);
  }

  /** The logical ids a value names: `${X}`/`${X.Arn}` inside `Fn::Sub` strings, `Ref`, `Fn::GetAtt`, in `Fn::Join` pieces. */
  private namesIn(node: unknown): string[] {
    const doc = this.doc!;
    const n = resolve(node, doc);
    const fn = intrinsicOf(n);
    if (fn === 'Ref' || fn === 'Fn::GetAtt') {
      const id = this.referencedId(n);
      return id ? [id] : [];
    }
    const body = fn ? intrinsicBody(n, fn, doc) : n;
    if (fn === 'Fn::Sub') {
      const text = subTemplate(n, doc) ?? '';
      const out: string[] = [];
      for (let at = text.indexOf('${'); at >= 0; at = text.indexOf('${', at + 2)) {
        const end = text.indexOf('}', at);
        if (end < 0) break;
        const name = text.slice(at + 2, end).split('.')[0];
        if (!name.startsWith('AWS::') && !name.startsWith('!')) out.push(name);
      }
      return out;
    }
    if (fn === 'Fn::Join') return seqItems(seqItems(body, doc)[1], doc).flatMap((piece) => this.namesIn(piece));
    return [];
  }

  /** Triggers named by other resources, by function logical id, from one pass over the resources. */
  private lambdaTriggers: Map<string, FunctionEvent[]> | undefined;

  /** Triggers that other resources name: event source mappings, rules, permissions for API Gateway (all of a plain Lambda function's). */
  private lambdaEvents(logicalId: string): FunctionEvent[] {
    if (!this.lambdaTriggers) {
      const doc = this.doc!;
      const triggers = new Map<string, FunctionEvent[]>();
      const add = (id: string | undefined, event: FunctionEvent) => {
        if (!id) return;
        const list = triggers.get(id) ?? [];
        list.push(event);
        triggers.set(id, list);
      };
      for (const resource of this.resources.values()) {
        const props = resource.properties;
        if (resource.type === 'AWS::Lambda::EventSourceMapping') {
          const arn = valueOf(props, 'EventSourceArn', doc);
          const target = this.resources.get(this.referencedId(arn) ?? '');
          if (target?.type === 'AWS::SQS::Queue') add(this.referencedId(valueOf(props, 'FunctionName', doc)), { type: 'sqs', name: resource.logicalId, range: resource.idRange, source: arn });
        } else if (resource.type === 'AWS::Events::Rule' && valueOf(props, 'ScheduleExpression', doc)) {
          const ids = new Set(seqItems(valueOf(props, 'Targets', doc), doc).map((t) => this.referencedId(valueOf(asMap(t, doc), 'Arn', doc))));
          for (const id of ids) add(id, { type: 'schedule', name: resource.logicalId, range: resource.idRange, source: valueOf(props, 'ScheduleExpression', doc) });
        } else if (resource.type === 'AWS::Lambda::Permission' && scalarString(valueOf(props, 'Principal', doc), doc) === 'apigateway.amazonaws.com') {
          const named = valueOf(props, 'FunctionName', doc);
          const id = this.referencedId(named) ?? this.functionWithName(named);
          // The API the permission is for, when its SourceArn names one of the template: a WebSocket API's routes
          // answer through the connection, not the integration's response; an HTTP API waits 30 s.
          const api = this.namesIn(valueOf(props, 'SourceArn', doc)).map((name) => this.resources.get(name)).find((r) => r && API_TYPES.has(r.type));
          const protocol = api ? (scalarString(valueOf(api.properties, 'ProtocolType', doc), doc) ?? '').toUpperCase() : '';
          const type: EventType = api && (api.type === 'AWS::Serverless::HttpApi' || protocol === 'HTTP') ? 'http-api' : 'api';
          // API Gateway does not wait for a function it only ever invokes asynchronously (`X-Amz-Invocation-Type: 'Event'`).
          if (id && protocol !== 'WEBSOCKET' && !this.invokedAsynchronouslyOnly(id)) add(id, { type, name: resource.logicalId, range: resource.idRange, source: undefined, viaPermission: true });
        }
      }
      this.lambdaTriggers = triggers;
    }
    return this.lambdaTriggers.get(logicalId) ?? [];
  }

  private frameworkEvents(properties: YAMLMap | undefined): FunctionEvent[] {
    const doc = this.doc!;
    const out: FunctionEvent[] = [];
    for (const item of seqItems(valueOf(properties, 'events', doc), doc)) {
      const map = asMap(item, doc);
      const first = map?.items.find(isPair);
      const key = first ? keyName(first) : undefined;
      const range = first && this.rangeOf(first.key as Node);
      if (!first || !key || !range) continue;
      const body = resolve(first.value, doc);
      // `async: true` on an `http` event makes API Gateway invoke the function asynchronously (a lambda integration with
      // `X-Amz-Invocation-Type: 'Event'`) and answer at once: it waits for nothing, as for a CloudFormation integration that asks so.
      const asynchronous = key === 'http' && isMap(body) && ['true', 'True', 'TRUE'].includes(scalarString(valueOf(body, 'async', doc), doc) ?? '');
      const kind: EventType = key === 'http' ? (asynchronous ? 'other' : 'api') : key === 'httpApi' ? 'http-api' : key === 'sqs' ? 'sqs' : key === 'schedule' ? 'schedule' : 'other';
      let source: Node | undefined;
      if (kind === 'sqs') source = isMap(body) && !intrinsicOf(body) ? valueOf(body, 'arn', doc) : body;
      else if (kind === 'schedule') source = isMap(body) ? valueOf(body, 'rate', doc) : body;
      out.push({ type: kind, name: key, range, source });
    }
    return out;
  }
}

/** Resource types of the APIs a Lambda permission for API Gateway may name in its SourceArn. */
const API_TYPES = new Set(['AWS::ApiGateway::RestApi', 'AWS::ApiGatewayV2::Api', 'AWS::Serverless::Api', 'AWS::Serverless::HttpApi']);

/** The text of a plain scalar or of an `Fn::Sub` (its template string), as written. */
function subText(node: unknown, doc: Document): string | undefined {
  const fn = intrinsicOf(node);
  if (!fn) return scalarString(node, doc);
  return fn === 'Fn::Sub' ? subTemplate(node, doc) : undefined;
}

/** What an intrinsic function is given: the value of its one-key long form (`Fn::Sub: …`), or the tagged node (`!Sub …`). */
function intrinsicBody(node: unknown, fn: string, doc: Document): unknown {
  return isMap(node) ? valueOf(node, fn, doc) : node;
}

/** The template string of an `Fn::Sub`: the body, or the first item of its list form (`[template, variables]`). */
/**
 * A whole-value Serverless Framework variable read from the deploying machine or a store, with a quoted literal to
 * fall back on: `${env:JWT_SECRET, 'dev-secret'}`, `${ssm:/app/key, "x"}`, `${param:token, 'x'}` (groups: the source,
 * the name, the quote, the literal).
 */
const FALLBACK = /^\$\{(env|ssm|param):([^,{}$]*),\s*(['"])([^'"{}$]*)\3\s*\}$/;

/** A `${Name}` of a `!Sub` text (not the `${!Literal}` escape). */
const SUB_VARIABLE = /\$\{(?!!)([^${}]*)\}/g;

/** Words whose parameter names the stack, its stage or its application, not a build. */
const IDENTITY_WORDS: ReadonlySet<string> = new Set(['stage', 'env', 'environment', 'app', 'application', 'stack', 'project', 'service', 'team']);
/** Words that end such a name without changing what it names (`AppName`, `EnvType`, `StackId`). */
const IDENTITY_TAILS: ReadonlySet<string> = new Set(['name', 'type', 'id']);

/** True when a parameter's name says it names the stack, its stage or its application (`Stage`, `DeploymentStage`, `AppName`). */
function namesStackIdentity(name: string): boolean {
  const words = wordsOf(name).map((w) => w.toLowerCase());
  while (words.length > 1 && IDENTITY_TAILS.has(words[words.length - 1])) words.pop();
  return words.length > 0 && IDENTITY_WORDS.has(words[words.length - 1]);
}

function subTemplate(node: unknown, doc: Document): string | undefined {
  const body = intrinsicBody(node, 'Fn::Sub', doc);
  return scalarString(isSeq(body) ? seqItems(body, doc)[0] : body, doc);
}

/** Resources whose `StageName` names a stage of an API (apiStageNames). */
const API_STAGE_TYPES = new Set(['AWS::ApiGateway::Stage', 'AWS::ApiGatewayV2::Stage', 'AWS::Serverless::Api', 'AWS::Serverless::HttpApi']);

/** The intrinsic function a node is (`Ref`, `Fn::Sub`…), by its short-form tag or its one-key long form. */
export function intrinsicOf(node: unknown): string | undefined {
  const tag = (node as Node | undefined)?.tag;
  if (tag && tag.startsWith('!')) {
    const name = tag.slice(1);
    if (SHORT_FORMS.includes(name)) return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
  }
  if (isMap(node) && node.items.length === 1 && isPair(node.items[0])) {
    const key = keyName(node.items[0] as Pair);
    if (key === 'Ref' || key === 'Condition' || (key && key.startsWith('Fn::'))) return key;
  }
  return undefined;
}

/** The function's timeout in seconds and where it is set; the platform's default when unset (3 s on Lambda, 6 s in the Serverless Framework). */
export function timeoutOf(model: ServerlessModel, fn: LambdaFunction): { seconds: number; setting: Setting | undefined } | undefined {
  const setting = model.setting(fn, 'Timeout');
  if (!setting) return { seconds: fn.kind === 'serverless-framework' ? 6 : 3, setting: undefined };
  if (setting.intrinsic === 'Fn::FindInMap') {
    // `!FindInMap [StageConfig, !Ref Stage, Timeout]`: whichever entry applies, the function may run the least of them.
    const seconds = model.mappedValues(setting.node);
    if (!seconds || seconds.length === 0 || !seconds.every((s) => /^\d+$/.test(s.trim()))) return undefined;
    return { seconds: Math.min(...seconds.map(Number)), setting };
  }
  if (setting.literal === undefined || !/^\d+$/.test(setting.literal.trim())) return undefined;
  return { seconds: Number(setting.literal), setting };
}

/**
 * Where a finding about a function's timeout against one of its events goes: on the function's own `Timeout`; when the
 * timeout is inherited, on the event, with the inherited line as the related place. For the queue-visibility rule, where
 * each queue is its own fix; the API Gateway rule reports an inherited timeout once, on its line, naming the functions.
 */
export function timeoutPlace(model: ServerlessModel, setting: Setting, event: FunctionEvent): { range: Range; related?: RelatedLocation[] } {
  if (!setting.inherited) return { range: setting.range };
  const from = model.kind === 'serverless-framework' ? '`provider`' : '`Globals.Function`';
  return { range: event.range, related: [{ uri: model.source.uri, range: setting.range, message: `the timeout, inherited from ${from}` }] };
}

/** The pair at the end of `path` (map keys) under `map`. */
function pairAt(map: YAMLMap | undefined, path: readonly string[], doc: Document): Pair | undefined {
  let at = map;
  for (let i = 0; i < path.length - 1; i++) at = asMap(valueOf(at, path[i], doc), doc);
  return pairOf(at, path[path.length - 1], doc);
}

/**
 * The steps of a `${self:...}` path (`custom.${opt:stage}.runtime` gives `custom`, `${opt:stage}`, `runtime`): split at
 * the dots outside an inner `${…}`; undefined when a brace is left open or closed twice.
 */
function pathSteps(path: string): string[] | undefined {
  const steps: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return undefined;
    else if (c === '.' && depth === 0) {
      steps.push(path.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0) return undefined;
  steps.push(path.slice(start));
  return steps;
}

/** How a message names functions: "function `a`", "functions `a` and `b`", "functions `a`, `b`, `c` and 2 more". */
export function functionsText(functions: readonly LambdaFunction[]): string {
  // Only the names shown are read: every function of a large template may report the one shared line.
  const ids = functions.slice(0, 4).map((f) => `\`${f.id}\``);
  if (functions.length <= 1) return `function ${ids[0] ?? ''}`.trimEnd();
  return `functions ${shortSpokenList(ids, functions.length)}`;
}

/** True when a name says it migrates a schema or seeds data: `MigrateFunction`, `db-seed`, `runMigrations`, `DBSeeder`. */
export function saysMigration(name: string): boolean {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return /(^|[^a-z])(migrat[a-z]*|seed(s|er|ers|ing|data)?|flyway|liquibase|alembic)([^a-z]|$)/.test(words);
}
