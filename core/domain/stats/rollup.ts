import { addDays } from '../../store/clock';
import type { Db } from '../../store/db';
import type { Steps } from '../turns';
import { Figures, HISTOGRAM_KINDS, type HistogramKind } from './figures';

/**
 * Closed days kept as their figures. A day closes when it has ended and none of
 * its tickets is still open (a carried-over queue can call yesterday's ticket
 * today): from then on nothing about it changes, so it is read from its tickets
 * once and stored. Stored days count only under the UTC offset they were made
 * with (the hour chart depends on it).
 */
export function createRollup(db: Db, read: (from: string, to: string, utcOffsetSeconds: number) => Figures) {
  const stmts = {
    sealed: db.prepare('SELECT day FROM stats_days WHERE day BETWEEN ? AND ? AND utc_offset = ?').pluck(),
    summaries: db.prepare('SELECT day, summary FROM stats_days WHERE day BETWEEN ? AND ? AND utc_offset = ?'),
    histograms: db.prepare(
      `SELECT h.kind, h.grp, h.pairs FROM stats_histograms h JOIN stats_days d ON d.day = h.day
       WHERE h.day BETWEEN ? AND ? AND d.utc_offset = ?`,
    ),
    open: db.prepare(`SELECT 1 FROM tickets WHERE day = ? AND status IN ('waiting','called','serving','skipped') LIMIT 1`).pluck(),
    putDay: db.prepare('INSERT OR REPLACE INTO stats_days (day, utc_offset, summary, rolled_at) VALUES (?, ?, ?, ?)'),
    clearHistograms: db.prepare('DELETE FROM stats_histograms WHERE day = ?'),
    putHistogram: db.prepare('INSERT INTO stats_histograms (day, kind, grp, pairs) VALUES (?, ?, ?, ?)'),
  };

  const store = db.transaction((day: string, offset: number, f: Figures, now: number) => {
    stmts.putDay.run(day, offset, f.summaryJson(), now);
    stmts.clearHistograms.run(day);
    for (const kind of HISTOGRAM_KINDS) {
      for (const [grp, h] of f.histograms[kind].groups) stmts.putHistogram.run(day, kind, grp, h.encode());
    }
  });

  /**
   * Stores every day in [from, to] that is closed and not stored yet; `to` should be before today.
   * A step per day (a few ms over ~2,000 tickets): a year's backlog in one go held the loop for seconds.
   */
  function* seal(from: string, to: string, offset: number, now: number): Steps<void> {
    const done = new Set(stmts.sealed.all(from, to, offset) as string[]);
    for (let day = from; day <= to; day = addDays(day, 1)) {
      if (done.has(day)) continue;
      // Checked in the same step as the day is read and stored: nothing can reopen it in between.
      if (stmts.open.get(day) === undefined) store(day, offset, read(day, day, offset), now);
      yield;
    }
  }

  /** The stored days of [from, to] (which are now in `into`), so the caller reads only the others live. */
  function load(from: string, to: string, offset: number, into: Figures): Set<string> {
    const stored = new Set<string>();
    for (const r of stmts.summaries.all(from, to, offset) as { day: string; summary: string }[]) {
      into.addSummaryJson(r.summary);
      stored.add(r.day);
    }
    for (const r of stmts.histograms.iterate(from, to, offset) as Iterable<{ kind: HistogramKind; grp: string; pairs: Buffer }>) {
      into.histograms[r.kind].of(r.grp).addEncoded(r.pairs);
    }
    return stored;
  }

  return { seal, load };
}
