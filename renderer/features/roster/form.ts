/** The duty roster's form: editable rows, and the request the server takes (checked row by row). */
import { rosterDayRequestSchema, type DetaineeStep, type RosterDayRequest } from '../../../core/contract';

export interface RosterRow {
  /** Local key for React; not sent. */
  key: string;
  shiftId: string;
  roleId: string;
  name: string;
}

export interface RosterOption extends DetaineeStep {
  from?: string;
  to?: string;
}

let rowSeq = 0;
export function newRosterRow(shiftId = '', roleId = '', name = ''): RosterRow {
  rowSeq += 1;
  return { key: `r${rowSeq}`, shiftId, roleId, name };
}

/** The server's entries as editable rows. */
export function rosterRowsFrom(entries: readonly { shiftId: string; roleId: string; name: string }[]): RosterRow[] {
  return entries.map((e) => newRosterRow(e.shiftId, e.roleId, e.name));
}

export type RosterFormResult =
  | { ok: true; request: RosterDayRequest }
  | { ok: false; errors: { index: number; message: string }[] };

/**
 * The rows as the request the server takes: names trimmed, rows left without
 * a name dropped (an extra empty row is not an error); a row with a name but
 * no shift or role, or a name too long, is refused with its row number.
 */
export function rosterRequestFrom(rows: readonly RosterRow[]): RosterFormResult {
  const errors: { index: number; message: string }[] = [];
  const entries: RosterDayRequest['entries'] = [];
  rows.forEach((r, index) => {
    const name = r.name.trim().replace(/\s+/g, ' ');
    if (!name) return;
    if (!r.shiftId) errors.push({ index, message: '請選擇班別 Choose a shift' });
    else if (!r.roleId) errors.push({ index, message: '請選擇職務 Choose a duty' });
    else if (name.length > 60) errors.push({ index, message: '姓名過長 The name is longer than 60 characters' });
    else entries.push({ shiftId: r.shiftId, roleId: r.roleId, name });
  });
  if (errors.length) return { ok: false, errors };
  const parsed = rosterDayRequestSchema.safeParse({ entries });
  if (!parsed.success) return { ok: false, errors: [{ index: -1, message: parsed.error.issues[0]?.message ?? 'invalid' }] };
  return { ok: true, request: parsed.data };
}
