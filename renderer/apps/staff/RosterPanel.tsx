/**
 * 值班表 Duty roster (bailiffs, clerks): pick a day, edit who is on which
 * shift in which duty, save. The detainees TV shows the shift running now.
 */
import { useEffect, useState } from 'react';
import type { PublicSite } from '../../../core/contract';
import { datePartsIn } from '../../i18n';
import { newRosterRow, type RosterRow } from '../../features/roster/form';
import { bindCourtLive } from './courtLive';
import { InlineError } from './Field';
import { useStaff } from './state';
import '../../styles/court-staff.css';

function todayIn(timeZone: string): string {
  const p = datePartsIn(Date.now(), timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

export function RosterPanel({ site }: { site: PublicSite }) {
  const roster = useStaff((s) => s.roster);
  const loading = useStaff((s) => s.rosterLoading);
  const error = useStaff((s) => s.rosterError);
  const rowErrors = useStaff((s) => s.rosterRowErrors);
  const saving = useStaff((s) => s.rosterSaving);
  const savedAt = useStaff((s) => s.rosterSavedAt);
  const dirty = useStaff((s) => s.rosterDirty);
  // The server's "today" (its clock and time zone), once the board has said it.
  const serverToday = useStaff((s) => s.snapshots['detainees.board']?.date ?? null);
  const [date, setDate] = useState<string | null>(null);
  const day = date ?? serverToday ?? todayIn(site.timeZone);

  useEffect(() => bindCourtLive(useStaff, ['detainees.board']), []);
  useEffect(() => {
    void useStaff.getState().loadRoster(day);
  }, [day]);

  const rows = roster?.date === day ? roster.rows : [];
  const shifts = roster?.shifts ?? [];
  const roles = roster?.roles ?? [];
  // An empty day starts with one line per duty on the first shift (blank lines are not saved).
  useEffect(() => {
    if (roster && roster.date === day && roster.rows.length === 0 && !dirty && roster.roles.length) {
      useStaff.setState({ roster: { ...roster, rows: roster.roles.map((r) => newRosterRow(roster.shifts[0]?.id ?? '', r.id, '')) } });
    }
  }, [roster, day, dirty]);

  const set = (key: string, patch: Partial<RosterRow>) => useStaff.getState().setRosterRows(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  return (
    <section className="card roster" data-testid="roster-panel">
      <div className="roster__head">
        <h2 className="card__title">
          值班表 <span className="card__title-en">Duty roster</span>
        </h2>
        <label className="field roster__date">
          <span className="field__label">
            日期 <span lang="en">Date</span>
          </span>
          <input className="field__input" type="date" value={day} onChange={(e) => e.target.value && setDate(e.target.value)} data-testid="roster-date" />
        </label>
      </div>
      {loading && !roster && <p className="muted">載入中… Loading…</p>}
      <InlineError message={error} testId="roster-error" />
      {roster && roster.date === day && (
        <>
          <table className="table roster__table">
            <thead>
              <tr>
                <th>班別 Shift</th>
                <th>職務 Duty</th>
                <th>姓名 Name</th>
                <th aria-label="移除 Remove" />
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => {
                const err = rowErrors.find((e) => e.index === i);
                return (
                  <tr key={r.key} data-testid="roster-row">
                    <td>
                      <select className="field__input" value={r.shiftId} onChange={(e) => set(r.key, { shiftId: e.target.value })} aria-label="班別 Shift" data-testid="roster-shift">
                        <option value="">—</option>
                        {shifts.map((s) => (
                          <option key={s.id} value={s.id}>
                            {s.zh} {s.en} {s.from}–{s.to}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <select className="field__input" value={r.roleId} onChange={(e) => set(r.key, { roleId: e.target.value })} aria-label="職務 Duty" data-testid="roster-role">
                        <option value="">—</option>
                        {roles.map((x) => (
                          <option key={x.id} value={x.id}>
                            {x.zh} {x.en}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <input className="field__input" value={r.name} onChange={(e) => set(r.key, { name: e.target.value })} maxLength={60} aria-label="姓名 Name" data-testid="roster-name" />
                      {err && (
                        <span className="roster__row-error" role="alert">
                          {err.message}
                        </span>
                      )}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="btn roster__remove"
                        onClick={() => useStaff.getState().setRosterRows(rows.filter((x) => x.key !== r.key))}
                        aria-label="移除 Remove"
                      >
                        ×
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="roster__actions">
            <button
              type="button"
              className="btn"
              onClick={() => useStaff.getState().setRosterRows([...rows, newRosterRow(shifts[0]?.id ?? '', roles.at(-1)?.id ?? '', '')])}
              data-testid="roster-add"
            >
              ＋ 新增一列 Add a line
            </button>
            <button type="button" className="btn btn--primary roster__save" onClick={() => void useStaff.getState().saveRoster()} disabled={saving} data-testid="roster-save">
              {saving ? '儲存中… Saving…' : '儲存 Save'}
            </button>
            {dirty && !saving && <span className="muted">尚未儲存 Not saved yet</span>}
            {savedAt && !dirty && (
              <span className="inline-ok" role="status" data-testid="roster-saved">
                已儲存 Saved
              </span>
            )}
          </div>
          <p className="muted small">空白姓名的列不會儲存 Lines without a name are not saved. 看板只顯示目前班別 The detainees TV shows the shift on duty now.</p>
        </>
      )}
    </section>
  );
}
