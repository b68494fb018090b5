/**
 * A set of listeners with the subscribe-returns-unsubscribe shape every
 * ByteTransport (and the printer driver) uses. Emitting iterates over a copy,
 * so a listener may unsubscribe itself, or another one, while being called.
 */
export class Listeners<Args extends unknown[]> {
  private readonly set = new Set<(...args: Args) => void>();

  /** Returns the unsubscribe function. */
  add(listener: (...args: Args) => void): () => void {
    this.set.add(listener);
    return () => {
      this.set.delete(listener);
    };
  }

  emit(...args: Args): void {
    for (const l of [...this.set]) l(...args);
  }

  clear(): void {
    this.set.clear();
  }

  get size(): number {
    return this.set.size;
  }
}
