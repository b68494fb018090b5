export { seededRandom as rng } from '../../helpers/random';
import type { ByteTransport, TransportState, WriteOptions } from '../../../hardware/transports/types';

/** Bytes as upper-case hex pairs separated by spaces: "A5 A5 01". */
export function hex(bytes: ArrayLike<number>): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

/** "a5 a5 01" or "A5A501" → bytes. */
export function fromHex(text: string): Uint8Array {
  const clean = text.replace(/[^0-9a-fA-F]/g, '');
  return Uint8Array.from(clean.match(/../g) ?? [], (h) => parseInt(h, 16));
}


/** Cuts bytes into random slices of 1..max bytes. */
export function randomChunks(bytes: Uint8Array, rand: () => number, max = 7): Uint8Array[] {
  const out: Uint8Array[] = [];
  let i = 0;
  while (i < bytes.length) {
    const n = 1 + Math.floor(rand() * max);
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}

export async function until(check: () => boolean, ms = 2000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`${what} not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * Wraps the host end of a link so that every write the driver makes reaches
 * the far end as random slices (each its own write), like a serial line that
 * delivers a frame over several reads.
 */
export function chunking(inner: ByteTransport, rand: () => number, max = 7): ByteTransport {
  return {
    get canRead() {
      return inner.canRead;
    },
    get state(): TransportState {
      return inner.state;
    },
    async write(bytes: Uint8Array, options?: WriteOptions) {
      for (const c of randomChunks(bytes, rand, max)) await inner.write(c, options);
    },
    onData: (l) => inner.onData(l),
    onState: (l) => inner.onState(l),
    close: () => inner.close(),
  };
}
