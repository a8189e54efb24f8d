/**
 * Small, alias- and merge-key-aware accessors over the `yaml` package's AST, so
 * rules read `container.get('image')` instead of walking pairs by hand, and every
 * value they report on still carries its exact source range.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Alias, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

/**
 * What the Helm renderer (core/helm) writes where a template's value cannot be known. The
 * accessors below treat it as "no value": a scalar that is only this reads as undefined, a
 * map holding it as a key may hold any key (a lookup of a missing key answers with the
 * placeholder's pair), and it is never listed as an entry. Rules are precise by construction.
 */
export const HELM_UNKNOWN = '__helm_unknown__';

/**
 * How the `yaml` package is asked to read a manifest or template that these accessors then read. `merge` stays off:
 * since yaml 2.6 the package reads a `<<` key as a Symbol, and the accessors below expand `<<` merge keys themselves,
 * lazily, as Kubernetes and the Serverless Framework do. (`stringKeys` would save another 4% of the parse, but it
 * rejects a document with a collection as a key, and `replicas: {{replicas}}` in an unrendered template is one.)
 */
export const YAML_PARSE_OPTIONS = { prettyErrors: false, merge: false, uniqueKeys: false, strict: false } as const;

/** Upper bound on alias hops while resolving one value: aliases cannot make a lookup explode. */
const MAX_ALIAS_HOPS = 32;

/**
 * Each alias of a document mapped to the node it names, computed in one walk of the document.
 * `Alias.resolve(doc)` walks the whole document on every call, so resolving every alias of a large
 * document that way is quadratic. Same rule as the `yaml` package: the last anchor of that name
 * that comes before the alias, in document order.
 */
const aliasTargets = new WeakMap<Document, Map<Alias, Node | undefined>>();

function aliasTargetsOf(doc: Document): Map<Alias, Node | undefined> {
  let targets = aliasTargets.get(doc);
  if (!targets) {
    const built = new Map<Alias, Node | undefined>();
    const latest = new Map<string, Node>();
    // Document order (a node before its children, keys before values), walked with a stack of its own: the
    // package's visit() costs a third of a 50,000-line manifest's model, and recursion could exhaust the stack.
    const pending: unknown[] = [doc.contents];
    while (pending.length > 0) {
      const node = pending.pop();
      if (isAlias(node)) {
        built.set(node, latest.get(node.source));
        continue;
      }
      if ((isScalar(node) || isMap(node) || isSeq(node)) && node.anchor) latest.set(node.anchor, node);
      if (isMap(node) || isSeq(node)) {
        const items = node.items as unknown[];
        for (let i = items.length - 1; i >= 0; i--) {
          const item = items[i];
          if (isPair(item)) pending.push(item.value, item.key);
          else pending.push(item);
        }
      }
    }
    targets = built;
    aliasTargets.set(doc, targets);
  }
  return targets;
}

export function resolve(node: unknown, doc: Document, hops = 0): Node | undefined {
  let current = node;
  while (isAlias(current)) {
    if (hops++ > MAX_ALIAS_HOPS) return undefined;
    const targets = aliasTargetsOf(doc);
    // An alias outside the walked document (built after parsing): fall back on the package's own lookup.
    current = targets.has(current) ? targets.get(current) : current.resolve(doc);
  }
  return (current ?? undefined) as Node | undefined;
}

export function asMap(node: unknown, doc: Document): YAMLMap | undefined {
  const n = resolve(node, doc);
  return isMap(n) ? n : undefined;
}

export function asSeq(node: unknown, doc: Document): YAMLSeq | undefined {
  const n = resolve(node, doc);
  return isSeq(n) ? n : undefined;
}

export function keyName(pair: Pair): string | undefined {
  const key = pair.key;
  if (isScalar(key)) return String(key.value);
  return undefined;
}

/** A map's pairs by key name (the first of each), its `<<` merge pairs and its first Helm placeholder key. */
interface MapIndex {
  size: number;
  byKey: Map<string, Pair>;
  merges: Pair[];
  unknown: Pair | undefined;
}

/**
 * Rules ask the same container, pod and metadata maps for one key after another: each map is indexed on its
 * first question instead of scanned for every one (the scan was the largest cost of rules on manifests).
 * The index is rebuilt if the map's length changed since.
 */
const mapIndexes = new WeakMap<YAMLMap, MapIndex>();

function indexOf(map: YAMLMap): MapIndex {
  let index = mapIndexes.get(map);
  if (!index || index.size !== map.items.length) {
    index = { size: map.items.length, byKey: new Map(), merges: [], unknown: undefined };
    for (const item of map.items) {
      if (!isPair(item)) continue;
      const name = keyName(item);
      if (name === undefined) continue;
      // A key written twice: the last one counts, as for CloudFormation and the API server (see duplicateKeyProblems).
      index.byKey.set(name, item);
      if (name === '<<') index.merges.push(item);
      if (name === HELM_UNKNOWN) index.unknown ??= item;
    }
    mapIndexes.set(map, index);
  }
  return index;
}

/** The pair for `key` in `map`, looking through `<<` merge keys (own keys win). */
export function pairOf(map: YAMLMap | undefined, key: string, doc: Document, depth = 0): Pair | undefined {
  if (!map || depth > MAX_ALIAS_HOPS) return undefined;
  if (map.items.length <= SMALL_MAP) return smallPairOf(map, key, doc, depth);
  const index = indexOf(map);
  const own = index.byKey.get(key);
  if (own) return own;
  return mergedPairOf(index.merges, key, doc, depth) ?? index.unknown;
}

/** Maps this small are scanned: cheaper than building (and keeping) an index, as most maps of a manifest are. */
const SMALL_MAP = 8;

/** pairOf on a small map, by a scan with the same answers as the index: own key, then merges, then a placeholder. */
function smallPairOf(map: YAMLMap, key: string, doc: Document, depth: number): Pair | undefined {
  let merges: Pair[] | undefined;
  let unknown: Pair | undefined;
  // From the end: of a key written twice, the last counts.
  const items = map.items;
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (!isPair(item)) continue;
    // Most keys are plain strings: compared as they are, without keyName's conversion.
    const raw = isScalar(item.key) ? item.key.value : undefined;
    const name = typeof raw === 'string' ? raw : keyName(item);
    if (name === key) return item;
    if (name === '<<') (merges ??= []).unshift(item);
    else if (name === HELM_UNKNOWN) unknown = item;
  }
  return (merges && mergedPairOf(merges, key, doc, depth)) ?? unknown;
}

function mergedPairOf(merges: readonly Pair[], key: string, doc: Document, depth: number): Pair | undefined {
  for (const merge of merges) {
    const sources = asSeq(merge.value, doc)?.items ?? [merge.value];
    for (const source of sources) {
      const merged = pairOf(asMap(source, doc), key, doc, depth + 1);
      if (merged) return merged;
    }
  }
  return undefined;
}

/** The (alias-resolved) value node for `key`. */
export function valueOf(map: YAMLMap | undefined, key: string, doc: Document): Node | undefined {
  const pair = pairOf(map, key, doc);
  return pair ? resolve(pair.value, doc) : undefined;
}

/** Follows a path of keys (strings) and sequence indices (numbers). */
export function nodeAt(root: unknown, path: (string | number)[], doc: Document): Node | undefined {
  let current: Node | undefined = resolve(root, doc);
  for (const step of path) {
    if (typeof step === 'number') {
      const seq = isSeq(current) ? current : undefined;
      current = seq ? resolve(seq.items[step], doc) : undefined;
    } else {
      current = isMap(current) ? valueOf(current, step, doc) : undefined;
    }
    if (!current) return undefined;
  }
  return current;
}

/** Scalar value as a string (numbers and booleans included), or undefined for collections and nulls. */
export function scalarString(node: unknown, doc: Document): string | undefined {
  const n = resolve(node, doc);
  if (!isScalar(n) || n.value === null || n.value === undefined || n.value === HELM_UNKNOWN) return undefined;
  return String(n.value);
}

export function scalarNumber(node: unknown, doc: Document): number | undefined {
  const n = resolve(node, doc);
  if (!isScalar(n)) return undefined;
  if (typeof n.value === 'number') return n.value;
  if (typeof n.value === 'string' && /^\d+$/.test(n.value)) return Number(n.value);
  return undefined;
}


/**
 * `read` of each item, the undefined answers left out, in an array built by pushing.
 *
 * The lists of the model (containers, ports, env entries, sequence items) are read in the rules' hottest loops.
 * Built with `.map().filter()`, they came out with another element kind once V8 optimised the builder (holey
 * instead of packed), and every rule loop compiled for the first kind was deoptimised ("wrong map") and compiled
 * again: on a 50,000-line manifest, in its third analysis. Pushing gives the same kind at every tier.
 */
export function collect<T, U>(items: readonly T[], read: (item: T) => U | undefined): U[] {
  const out: U[] = [];
  for (const item of items) {
    const value = read(item);
    if (value !== undefined) out.push(value);
  }
  return out;
}

/** Items of a sequence, alias-resolved. */
export function seqItems(node: unknown, doc: Document): Node[] {
  return collect(asSeq(node, doc)?.items ?? [], (item) => resolve(item, doc) ?? undefined);
}

/** Pairs of a map with their string keys (merge keys expanded, own keys first). */
export function mapEntries(node: unknown, doc: Document, depth = 0): { key: string; pair: Pair }[] {
  const map = asMap(node, doc);
  if (!map || depth > MAX_ALIAS_HOPS) return [];
  const seen = new Set<string>();
  const entries: { key: string; pair: Pair }[] = [];
  for (const item of map.items) {
    if (!isPair(item)) continue;
    const name = keyName(item);
    if (name === undefined || name === '<<' || name === HELM_UNKNOWN) continue;
    seen.add(name);
    entries.push({ key: name, pair: item });
  }
  for (const item of map.items) {
    if (!isPair(item) || keyName(item) !== '<<') continue;
    const sources = asSeq(item.value, doc)?.items ?? [item.value];
    for (const source of sources) {
      for (const entry of mapEntries(source, doc, depth + 1)) {
        if (!seen.has(entry.key)) {
          seen.add(entry.key);
          entries.push(entry);
        }
      }
    }
  }
  return entries;
}

/**
 * A node as plain data, read through the accessors: aliases resolved, `<<` merge keys expanded (own keys first), Helm
 * placeholder keys left out. `undefined` when it would take more than `limit` nodes, so an alias bomb stays small.
 */
export function plainData(node: unknown, doc: Document, limit = 1000): unknown {
  let left = limit;
  const read = (value: unknown): unknown => {
    if (--left < 0) return undefined;
    const n = resolve(value, doc);
    if (isMap(n)) {
      const out: Record<string, unknown> = {};
      for (const { key, pair } of mapEntries(n, doc)) out[key] = read(pair.value);
      return out;
    }
    if (isSeq(n)) return n.items.map(read);
    return isScalar(n) ? n.value : null;
  };
  const data = read(node);
  return left < 0 ? undefined : data;
}
