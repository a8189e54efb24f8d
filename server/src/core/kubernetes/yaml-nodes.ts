/**
 * Small, alias- and merge-key-aware accessors over the `yaml` package's AST, so
 * rules read `container.get('image')` instead of walking pairs by hand, and every
 * value they report on still carries its exact source range.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

/** Upper bound on alias hops while resolving one value: aliases cannot make a lookup explode. */
const MAX_ALIAS_HOPS = 32;

export function resolve(node: unknown, doc: Document, hops = 0): Node | undefined {
  let current = node;
  while (isAlias(current)) {
    if (hops++ > MAX_ALIAS_HOPS) return undefined;
    current = current.resolve(doc);
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

/** The pair for `key` in `map`, looking through `<<` merge keys (own keys win). */
export function pairOf(map: YAMLMap | undefined, key: string, doc: Document, depth = 0): Pair | undefined {
  if (!map || depth > MAX_ALIAS_HOPS) return undefined;
  let merged: Pair | undefined;
  for (const item of map.items) {
    if (!isPair(item)) continue;
    const name = keyName(item);
    if (name === key) return item;
    if (name === '<<' && !merged) {
      const sources = asSeq(item.value, doc)?.items ?? [item.value];
      for (const source of sources) {
        merged = pairOf(asMap(source, doc), key, doc, depth + 1);
        if (merged) break;
      }
    }
  }
  return merged;
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
  if (!isScalar(n) || n.value === null || n.value === undefined) return undefined;
  return String(n.value);
}

export function scalarNumber(node: unknown, doc: Document): number | undefined {
  const n = resolve(node, doc);
  if (!isScalar(n)) return undefined;
  if (typeof n.value === 'number') return n.value;
  if (typeof n.value === 'string' && /^\d+$/.test(n.value)) return Number(n.value);
  return undefined;
}


/** Items of a sequence, alias-resolved. */
export function seqItems(node: unknown, doc: Document): Node[] {
  return (asSeq(node, doc)?.items ?? []).map((item) => resolve(item, doc)).filter((n): n is Node => !!n);
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
    if (name === undefined || name === '<<') continue;
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
