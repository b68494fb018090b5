/**
 * The public hearings board as the TVs and phones read it: a room by id, what
 * of a room changed, which page of a long list is showing. Names reach the
 * boards already masked by the server; nothing here masks or unmasks.
 */
import type { HearingsBoard } from '../../../core/contract';

type Pair = { zh: string; en: string };

/** 2 → { zh: '2 樓', en: '2F' }; -1 → { zh: '地下 1 樓', en: 'B1' }. */
export function floorLabel(floor: number): Pair {
  return floor < 0 ? { zh: `地下 ${-floor} 樓`, en: `B${-floor}` } : { zh: `${floor} 樓`, en: `${floor}F` };
}

export type BoardRoom = HearingsBoard['rooms'][number];

/** What a phone following one case compares between snapshots: its room only (the board is re-sent every few seconds). */
export function roomKey(board: HearingsBoard | undefined, roomId: string): string | null {
  const room = board?.rooms.find((r) => r.courtroomId === roomId);
  return room ? JSON.stringify(room) : null;
}

/** The room a /hearings/<room> TV shows: by id, case-insensitive. */
export function roomOf(board: HearingsBoard | undefined, roomId: string): BoardRoom | null {
  const id = roomId.toLowerCase();
  return board?.rooms.find((r) => r.courtroomId.toLowerCase() === id) ?? null;
}

/** '/hearings/r1' → 'r1'; '/hearings' → null. */
export function roomIdFromPath(pathname: string): string | null {
  const m = /^\/hearings\/([^/?#]+)\/?$/.exec(pathname);
  return m?.[1] ? decodeURIComponent(m[1]) : null;
}

/** `?names=0` (or no/false/off) shows case numbers only. */
export function namesShown(search: string): boolean {
  const v = new URLSearchParams(search).get('names');
  return v === null || !['0', 'no', 'false', 'off'].includes(v.toLowerCase());
}

/** Rows a paged board shows at once, and which page is showing now (pages turn every `pageMs`). */
export function pageOf<T>(items: readonly T[], perPage: number, now: number, pageMs: number): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const page = pages === 1 ? 0 : Math.floor(now / pageMs) % pages;
  return { items: items.slice(page * perPage, page * perPage + perPage), page: page + 1, pages };
}
