import type { Bilingual } from '../../contract';

/** A courtroom as staff know it: by its name on the door, in either language; the id is the system's. */
export interface NamedRoom {
  id: string;
  name: Bilingual;
}

/**
 * A room name as it was typed or exported: full-width letters and digits
 * (ｒ１, Ｉｎｖｅｓｔｉｇａｔｉｏｎ), any case, spaces or none all name the same room.
 */
function keyOf(written: string): string {
  return written.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/**
 * Finds the room a clerk means: its Chinese name (第一偵查庭), its English
 * name (Investigation Court 1) or its id (r1). Null when the site has no such room.
 */
export function courtroomFinder(rooms: readonly NamedRoom[]): (written: string) => NamedRoom | null {
  const byKey = new Map<string, NamedRoom>();
  // Ids first: an id is never shadowed by another room's name.
  for (const r of rooms) byKey.set(keyOf(r.id), r);
  for (const r of rooms) {
    for (const name of [r.name.zh, r.name.en]) {
      const key = keyOf(name);
      if (key && !byKey.has(key)) byKey.set(key, r);
    }
  }
  return (written) => byKey.get(keyOf(written)) ?? null;
}

/** The site's rooms as a clerk would write them, both languages: "第一偵查庭 (Investigation Court 1), …". */
export function courtroomNames(rooms: readonly NamedRoom[]): string {
  return rooms.map((r) => `${r.name.zh} (${r.name.en})`).join(', ');
}

/** Why a room was refused, naming what was written and listing the rooms this site has, in both languages. */
export function unknownCourtroom(written: string, rooms: readonly NamedRoom[]): string {
  const head = `法庭 courtroom「${written}」：本署沒有這個法庭 / no courtroom "${written}" at this site`;
  if (rooms.length === 0) return `${head}; this site has no courtrooms / 本署未設定法庭.`;
  return `${head}. 本署法庭 Courtrooms here: ${courtroomNames(rooms)}.`;
}
