/**
 * A map that counts its changes, so that a reader can tell cheaply whether anything changed since it last looked
 * (the workspace index's files and configuration files, the server's open documents by canonical URI).
 */
export class CountingMap<K, V> extends Map<K, V> {
  changes = 0;

  override set(key: K, value: V): this {
    this.changes++;
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    const deleted = super.delete(key);
    if (deleted) this.changes++;
    return deleted;
  }

  override clear(): void {
    this.changes++;
    super.clear();
  }
}
