/**
 * Coalesces the lookups that arrive while a query is out into one query for all of them (the
 * DataLoader pattern): under load a service makes a few large round trips instead of one per
 * request, and an idle one answers the first lookup at once (after the current I/O turn).
 */
export class BatchLoader<K, V> {
  private queue: { key: K; resolve: (v: V) => void; reject: (e: unknown) => void }[] = [];
  private inFlight = 0;
  private scheduled = false;
  /** queries made and keys they carried (for the service's health figures) */
  readonly stats = { queries: 0, keys: 0 };

  /**
   * @param load answers a list of keys with one value per key, in order
   * @param maxBatch most keys per query
   * @param maxInFlight most queries out at once (the rest wait and ride along in the next one)
   */
  constructor(
    private readonly load: (keys: K[]) => Promise<V[]>,
    private readonly maxBatch = 256,
    private readonly maxInFlight = 2,
  ) {}

  get(key: K): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      this.queue.push({ key, resolve, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled || this.inFlight >= this.maxInFlight) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.dispatch();
    });
  }

  private dispatch() {
    while (this.queue.length > 0 && this.inFlight < this.maxInFlight) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight++;
      this.stats.queries++;
      this.stats.keys += batch.length;
      this.load(batch.map((b) => b.key))
        .then(
          (values) => batch.forEach((b, i) => b.resolve(values[i]!)),
          (error: unknown) => batch.forEach((b) => b.reject(error)),
        )
        .finally(() => {
          this.inFlight--;
          if (this.queue.length > 0) this.schedule();
        });
    }
  }
}
