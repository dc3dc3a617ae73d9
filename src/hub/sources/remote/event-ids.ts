/**
 * The ids of the events a remote source sent, so that a replay (the same id again, after a lost
 * answer or a reconnection) is not applied twice. Bounded: the latest `limit` ids are kept (the
 * oldest go first), which covers any replay window a source has in practice.
 */
export class EventIds {
  private readonly ids = new Set<string>();

  constructor(private readonly limit = 100_000) {}

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string): void {
    this.ids.add(id);
    if (this.ids.size <= this.limit) return;
    const oldest = this.ids.values().next();
    if (!oldest.done) this.ids.delete(oldest.value);
  }
}
