/** Bucket width: 6 s, one tenth of the minute the report rounds to. */
export const BUCKET_MS = 6000;
/** About 70 days: a longer wait (a forgotten carried-over ticket) counts as this long. */
const MAX_BUCKET = 1_000_000;

/**
 * Counts of durations in 6-second buckets. Percentiles from it are exact to the
 * bucket, and days' histograms add up, so a range's median and p90 come from
 * the stored days without reading a ticket.
 */
export class Histogram {
  private counts = new Float64Array(64);
  private top = -1;
  n = 0;

  add(bucket: number, count: number): void {
    const b = Math.min(Math.max(0, Math.trunc(bucket)), MAX_BUCKET);
    if (b >= this.counts.length) {
      const grown = new Float64Array(Math.max(b + 1, this.counts.length * 2));
      grown.set(this.counts);
      this.counts = grown;
    }
    this.counts[b]! += count;
    this.n += count;
    if (b > this.top) this.top = b;
  }

  merge(other: Histogram): void {
    for (let b = 0; b <= other.top; b++) if (other.counts[b]) this.add(b, other.counts[b]!);
  }

  /** Nearest rank (the ⌈p·n/100⌉-th smallest), in ms; null when empty. */
  percentile(p: number): number | null {
    const rank = Math.ceil((p / 100) * this.n);
    let seen = 0;
    for (let b = 0; b <= this.top; b++) {
      seen += this.counts[b]!;
      if (seen >= rank && seen > 0) return b * BUCKET_MS;
    }
    return null;
  }

  /** Stored form: little-endian uint32 pairs (bucket, count) of the non-empty buckets. */
  encode(): Buffer {
    const pairs: number[] = [];
    for (let b = 0; b <= this.top; b++) if (this.counts[b]) pairs.push(b, this.counts[b]!);
    const buf = Buffer.allocUnsafe(pairs.length * 4);
    pairs.forEach((v, i) => buf.writeUInt32LE(v, i * 4));
    return buf;
  }

  addEncoded(buf: Uint8Array): void {
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    for (let i = 0; i + 8 <= buf.byteLength; i += 8) this.add(view.getUint32(i, true), view.getUint32(i + 4, true));
  }
}

/** Histograms by group (service or counter id). */
export class HistogramSet {
  readonly groups = new Map<string, Histogram>();

  of(group: string): Histogram {
    let h = this.groups.get(group);
    if (!h) this.groups.set(group, (h = new Histogram()));
    return h;
  }

  merge(other: HistogramSet): void {
    for (const [g, h] of other.groups) this.of(g).merge(h);
  }
}
