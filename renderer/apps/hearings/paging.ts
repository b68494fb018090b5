/**
 * When a board holds more rooms (or a room more hearings) than its canvas
 * shows at a size read from across a hall, it turns pages: as many as fit,
 * spread evenly over the pages, each page for `rotate` seconds, with a
 * "1/2" mark so a reader knows to wait for the rest.
 */
import { useNow } from '../../components/useNow';
import { pageOf } from '../../features/hearings/board';
import type { Orientation } from './canvas';

/** Seconds a page shows unless the TV's address says `?rotate=N` (3–120). */
export const DEFAULT_ROTATE_SECONDS = 12;

export function rotateSecondsFrom(search: string): number {
  const raw = new URLSearchParams(search).get('rotate');
  const n = raw === null ? NaN : Number(raw);
  return Number.isFinite(n) ? Math.min(120, Math.max(3, Math.round(n))) : DEFAULT_ROTATE_SECONDS;
}

/**
 * Room rows one page of /hearings holds at the board's reading sizes
 * (hearings.css: a row needs ~156 px across and ~300 px upright, where its
 * next hearings sit below the one in session).
 */
export function roomsPerPage(_orientation: Orientation): number {
  return 4;
}

/** Lines of the coming-up table one page of /hearings/<room> holds (hearings.css `.line-table`, `.line-cards`). */
export function linesPerPage(orientation: Orientation): number {
  return orientation === 'portrait' ? 7 : 4;
}

/** `max` per page at most, spread evenly: 6 rooms at 4 a page show as 3 + 3, not 4 + 2. */
export function evenPerPage(count: number, max: number): number {
  if (count <= max) return Math.max(1, count);
  return Math.ceil(count / Math.ceil(count / max));
}

export interface Paged<T> {
  items: T[];
  /** 1-based */
  page: number;
  pages: number;
  /** Rows a page is laid out for (the last page keeps the others' row height). */
  perPage: number;
}

/** The page showing now; pages turn every `rotateMs`. */
export function usePaged<T>(items: readonly T[], max: number, rotateMs: number): Paged<T> {
  const now = useNow(1000).getTime();
  const perPage = evenPerPage(items.length, max);
  return { ...pageOf(items, perPage, now, rotateMs), perPage };
}
