/**
 * A question about one Kubernetes object, answered from its YAML once per object.
 *
 * Rules ask the same object the same thing many times (is it a fragment, how many replicas,
 * which containers run): a 50,000-line manifest asked each of them tens of thousands of times.
 * An object and its tree do not change after parsing, so the first answer holds for as long as
 * the object lives (a WeakMap: the answer goes with the object).
 *
 * Pure: no I/O.
 */
import type { Document } from 'yaml';
import type { Container, KubeObject, KubernetesModel } from './model';

export function perObject<T>(read: (object: KubeObject) => T): (object: KubeObject) => T {
  const answers = new WeakMap<KubeObject, { value: T }>();
  return (object) => {
    let answer = answers.get(object);
    if (!answer) {
      answer = { value: read(object) };
      answers.set(object, answer);
    }
    return answer.value;
  };
}

/**
 * A question about one container whose answer also depends on the model and document asking (ranges are
 * worked out by the model of the file being analysed): answered once per container, model and document.
 */
export function perContainer<T>(read: (model: KubernetesModel, container: Container, doc: Document) => T): (model: KubernetesModel, container: Container, doc: Document) => T {
  const answers = new WeakMap<Container, { model: KubernetesModel; doc: Document; value: T }>();
  return (model, container, doc) => {
    let answer = answers.get(container);
    if (!answer || answer.model !== model || answer.doc !== doc) {
      answer = { model, doc, value: read(model, container, doc) };
      answers.set(container, answer);
    }
    return answer.value;
  };
}
