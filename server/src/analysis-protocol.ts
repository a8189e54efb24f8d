/**
 * Messages between the language server's main thread and its analysis workers.
 * Everything here crosses a `postMessage` boundary, so it is plain data: texts in,
 * findings out. The workers keep their own parse of every document the main thread
 * has synchronised to them, so relations between Kubernetes files are computed
 * inside the worker and no YAML node ever crosses the boundary.
 */
import type { RuleFailure } from './core/analyze';
import type { Configuration, Finding, ParseProblem, Target } from './core/types';
import type { RelationSignature } from './core/kubernetes/relation-index';

/**
 * A document as the worker should see it: an open document, or a workspace file read from
 * disk by the main thread (negative versions). Sent again whenever its version changes.
 */
export interface SyncMessage {
  kind: 'sync';
  uri: string;
  languageId: string;
  version: number;
  text: string;
}

/** The document is closed (or must not be read any more): drop it and its parse. */
export interface ForgetMessage {
  kind: 'forget';
  uri: string;
}

export interface AnalyseMessage {
  kind: 'analyse';
  id: number;
  uri: string;
  version: number;
  /**
   * The effective configuration of this file, computed by the main thread: its
   * `.twelve-factor-lens.json` (rules, then matching overrides), then the editor settings.
   */
  configuration: Configuration;
}

/**
 * Other tools' templates of manifests in the workspace (`deployment.tpl` for envsubst), which no worker reads: the
 * applications that hold one keep objects nobody sees (ApplicationIndex.holdsUnreadTemplates). Sent whole when it changes.
 */
export interface TemplatesMessage {
  kind: 'templates';
  uris: readonly string[];
}

export type ToWorker = SyncMessage | ForgetMessage | AnalyseMessage | TemplatesMessage;

export interface ReadyMessage {
  kind: 'ready';
}

export interface ResultMessage {
  kind: 'result';
  id: number;
  uri: string;
  version: number;
  findings: Finding[];
  ruleFailures: RuleFailure[];
  /** Whether the document holds Kubernetes objects (other documents may relate to them). */
  hasObjects: boolean;
  /** What each of its Kubernetes objects relates to: the server re-checks only the open files related to a change. */
  relations?: RelationSignature[];
  /** What of the document was not read (binary data, nested too deeply), which the editor says; absent when none. */
  unread?: ParseProblem[];
  /** What its content turned out to be (a YAML file may be a SAM template); absent when none of the targets (core isNotATarget). */
  target?: Target;
}

/** The analysis threw outside any rule (rules are contained by the core itself). */
export interface FailureMessage {
  kind: 'failure';
  id: number;
  error: string;
}

export type FromWorker = ReadyMessage | ResultMessage | FailureMessage;

/** What the server entry passes to each worker at start-up. */
export interface WorkerOptions {
  /**
   * Protocol tests only: the worker sleeps this long before analysing a document whose
   * uri contains {@link TEST_DELAY_MARKER}. Read from an environment variable by the
   * server entry, never by the core.
   */
  testDelayMs?: number;
}

export const TEST_DELAY_MARKER = 'twelve-factor-lens-test-stuck';
