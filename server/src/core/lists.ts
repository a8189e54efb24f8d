/** Small helpers over lists that several parts of the core use. */

/** How many numbers of the ascending list `sorted` are below `value`: the index of the first at or above it (a binary search). */
export function countBelow(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Appends `value` to the list `map` keeps under `key`, starting the list when there is none. */
export function addTo<K, T>(map: Map<K, T[]>, key: K, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A list as a sentence says it: `a`, `a and b`, `a, b and c` (or with `or`). */
export function spokenList(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/**
 * A list of `total` items said as {@link spokenList} says it, the first three named and the rest counted when there are
 * more than four: `a, b, c and 2 more`. `items` may hold only the first four (a caller that names only what it shows).
 */
export function shortSpokenList(items: readonly string[], total = items.length): string {
  return total > 4 ? spokenList([...items.slice(0, 3), `${total - 3} more`]) : spokenList(items.slice(0, total));
}
