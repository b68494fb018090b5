export type Stop = () => void | Promise<void>;

/** Something the lobby started: every wire function returns its own stop. */
export interface Started {
  stop: Stop;
}

/**
 * The stops of what the lobby started, run in the reverse order: the
 * listeners started last stop taking requests first, the log started first
 * is flushed last. One stop that fails does not keep the others (the
 * database's close above all) from running; its error is thrown at the end.
 */
export function createShutdown() {
  const stops: Stop[] = [];
  return {
    /** Remembers `started` to be stopped, and hands it back: the boot list reads one line per step. */
    keep<T extends Started>(started: T): T {
      stops.push(() => started.stop());
      return started;
    },
    async run(): Promise<void> {
      let failure: { err: unknown } | null = null;
      while (stops.length > 0) {
        try {
          await stops.pop()!();
        } catch (err) {
          failure ??= { err };
        }
      }
      if (failure) throw failure.err;
    },
  };
}
