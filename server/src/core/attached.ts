/**
 * A cache whose entries are kept on their keys: the contract of a WeakMap (an answer lives exactly as long as
 * the object it is about) without a table that outlives them.
 *
 * Why not a WeakMap: a module's WeakMap lives for the whole process, so its table soon sits in V8's old
 * generation, and V8's young-generation collector treats the values such a table holds as live until the
 * next full collection, whether or not their keys still are. A value that points back into its parse (a
 * stage's ARG list, a command's words) then kept the whole parse of a finished analysis alive through the
 * next scavenge, and promoted it at the one after. Measured with `--trace-gc-nvp` on 1,000-line Dockerfiles
 * analysed back to back: 1.4 MB of every analysis outlived it, and 2.5 MB were promoted per scavenge; with the
 * answers kept on their keys, 0.4 MB outlived it, and the collector took a third of the time.
 *
 * The entry is a non-enumerable symbol property: spreads, `Object.keys`, JSON and deep equality do not see it.
 * Keys must be extensible objects of our own parses (instructions, stages, commands); not for objects that
 * are copied with their own property descriptors, as `yaml`'s nodes clone themselves (the copy would carry
 * the original's answer), which is why the Kubernetes model's caches stay WeakMaps. There the effect was not
 * measurable: a 1,000-line manifest's analysis allocates more than the young generation holds, so what it
 * keeps outlives a scavenge anyway.
 *
 * Pure: no I/O.
 */
export class AttachedCache<K extends object, V> {
  private readonly slot: symbol;

  constructor(description: string) {
    this.slot = Symbol(description);
  }

  has(key: K): boolean {
    return Object.prototype.hasOwnProperty.call(key, this.slot);
  }

  get(key: K): V | undefined {
    return (key as unknown as Record<symbol, V | undefined>)[this.slot];
  }

  set(key: K, value: V): V {
    Object.defineProperty(key, this.slot, { value, writable: true, configurable: true, enumerable: false });
    return value;
  }
}
