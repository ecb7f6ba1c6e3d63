/**
 * Runs tasks one at a time in arrival order. Every write to the index (upserts, deletes,
 * optimize, rebuild's table swap) goes through one queue so LanceDB never sees two of our
 * commits race each other.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  run<T>(task: () => Promise<T>): Promise<T> {
    this.pending++;
    const result = this.tail.then(task);
    this.tail = result
      .catch(() => undefined)
      .finally(() => {
        this.pending--;
      });
    return result;
  }

  get size(): number {
    return this.pending;
  }

  /** Resolves once everything queued so far has finished (successfully or not). */
  async idle(): Promise<void> {
    while (this.pending > 0) await this.tail;
  }
}
