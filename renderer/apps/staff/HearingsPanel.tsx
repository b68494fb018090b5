/**
 * 開庭進度 Hearings (clerks and bailiffs): today's hearings by courtroom, each
 * with one-tap buttons for the moves the server allows, and the undo of a 庭畢
 * tapped too soon; full names here (staff only). Clerks also import the day's
 * file (CSV or JSON, rooms by name), enter a hearing by hand, correct or delete one.
 */
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { FINAL_HEARING_STATES, hearingInputSchema, PERSON_ROLES, type Hearing, type HearingState, type PublicSite } from '../../../core/contract';
import { hearingButtons, undoButtons, type HearingButton } from '../../features/hearings/buttons';
import { bytesToBase64, importFormatOf } from '../../features/hearings/import-file';
import { StatePill } from '../hearings/parts';
import { bindCourtLive } from './courtLive';
import { InlineError } from './Field';
import { useStaff } from './state';
import '../../styles/hearings.css';
import '../../styles/court-staff.css';

export const PERSON_ROLE_LABEL: Record<(typeof PERSON_ROLES)[number], { zh: string; en: string }> = {
  defendant: { zh: '被告', en: 'Defendant' },
  witness: { zh: '證人', en: 'Witness' },
  complainant: { zh: '告訴人', en: 'Complainant' },
  victim: { zh: '被害人', en: 'Victim' },
  other: { zh: '其他', en: 'Other' },
};

/** A second tap within this long confirms postponing or cancelling. */
const CONFIRM_MS = 5000;

export function HearingsPanel({ site, canEnter }: { site: PublicSite; canEnter: boolean }) {
  const hearings = useStaff((s) => s.hearings);
  const error = useStaff((s) => s.hearingsError);
  const [showForm, setShowForm] = useState(false);

  useEffect(() => {
    void useStaff.getState().loadHearings();
    return bindCourtLive(useStaff, ['hearings.board']);
  }, []);

  const byRoom = site.courtrooms.map((room) => ({ room, list: (hearings ?? []).filter((h) => h.courtroomId === room.id) }));
  const elsewhere = (hearings ?? []).filter((h) => !site.courtrooms.some((r) => r.id === h.courtroomId));

  return (
    <div className="court" data-testid="hearings-panel">
      {canEnter && (
        <section className="card court__tools">
          <ImportFile site={site} />
          <button type="button" className="btn court__add-toggle" aria-expanded={showForm} onClick={() => setShowForm((v) => !v)} data-testid="hearing-add-toggle">
            {showForm ? '收合 Close' : '＋ 新增庭期 Add a hearing'}
          </button>
          {showForm && <HearingForm site={site} />}
        </section>
      )}
      <InlineError message={error} testId="hearings-error" />
      {hearings === null && !error && <p className="muted">載入中… Loading…</p>}
      {hearings !== null && hearings.length === 0 && (
        <p className="card muted" data-testid="hearings-empty">
          今日尚無庭期 No hearings today{canEnter ? ' — 請匯入庭期檔 import the day’s file' : ''}
        </p>
      )}
      {hearings !== null &&
        byRoom
          .filter((g) => g.list.length > 0)
          .map(({ room, list }) => (
            <section key={room.id} className="card court-room" data-testid={`staff-room-${room.id}`}>
              <h2 className="card__title">
                {room.name.zh}
                <span className="card__title-en">
                  {room.name.en} · {room.floor}F
                </span>
              </h2>
              <ul className="hearing-list">
                {list.map((h) => (
                  <HearingRow key={h.id} h={h} site={site} canEdit={canEnter} />
                ))}
              </ul>
            </section>
          ))}
      {elsewhere.length > 0 && (
        <section className="card">
          <h2 className="card__title">其他法庭 Other rooms</h2>
          <ul className="hearing-list">
            {elsewhere.map((h) => (
              <HearingRow key={h.id} h={h} site={site} canEdit={canEnter} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** The confirmation state of the delete button, beside the move buttons'. */
const DELETE = 'delete' as const;

function HearingRow({ h, site, canEdit }: { h: Hearing; site: PublicSite; canEdit: boolean }) {
  const moving = useStaff((s) => s.moving);
  const [editing, setEditing] = useState(false);
  const moveError = useStaff((s) => (s.moveError?.id === h.id ? s.moveError.message : null));
  const [confirming, setConfirming] = useState<HearingState | typeof DELETE | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  const final = FINAL_HEARING_STATES.includes(h.state);
  const buttons = hearingButtons(h.state);
  const undos = undoButtons(h.state);

  // A hearing imported or entered by mistake: the first tap asks, the second (within CONFIRM_MS) deletes it with its persons.
  const tapDelete = () => {
    if (confirming !== DELETE) {
      setConfirming(DELETE);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => setConfirming(null), CONFIRM_MS);
      return;
    }
    setConfirming(null);
    void useStaff.getState().deleteHearing(h.id);
  };

  const tap = (b: HearingButton) => {
    if (b.confirm && confirming !== b.to) {
      setConfirming(b.to);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => setConfirming(null), CONFIRM_MS);
      return;
    }
    setConfirming(null);
    void useStaff.getState().moveHearing(h.id, b.to);
  };

  return (
    <li className={`hearing${final ? ' hearing--final' : ''} hearing--${h.state}`} data-testid={`hearing-${h.id}`} data-case={h.caseNumber} data-state={h.state}>
      <div className="hearing__when num">
        <span className="hearing__time">{h.time}</span>
        {h.estimatedStart && h.estimatedStart !== h.time && <span className="hearing__est">預估 {h.estimatedStart}</span>}
      </div>
      <div className="hearing__what">
        <div className="hearing__line">
          <span className="hearing__case">{h.caseNumber}</span>
          <span className="hearing__meta">
            {h.division}股 · 檢察官 {h.prosecutor}
          </span>
          <StatePill state={h.state} className="hearing__state" testId="hearing-state" />
        </div>
        {h.persons.length > 0 && (
          <div className="hearing__persons" data-testid="hearing-persons">
            {h.persons.map((p, i) => (
              <span key={i} className="person">
                <span className="person__role">{PERSON_ROLE_LABEL[p.role].zh}</span> {p.name}
              </span>
            ))}
          </div>
        )}
        {moveError && <InlineError message={moveError} testId={`hearing-${h.id}-error`} />}
        {canEdit && (
          <div className="hearing__fix">
            <button type="button" className="btn hearing__edit-toggle" aria-expanded={editing} onClick={() => setEditing((v) => !v)} data-testid={`edit-${h.id}`}>
              {editing ? '收合 Close' : '修改 Edit'}
            </button>
            <button
              type="button"
              className={`btn hearing__delete${confirming === DELETE ? ' move-btn--confirm' : ''}`}
              disabled={moving !== null}
              onClick={tapDelete}
              data-testid={`delete-${h.id}`}
            >
              {confirming === DELETE ? '確定刪除此庭期及到庭人？ Tap again to delete it' : '刪除 Delete'}
            </button>
          </div>
        )}
      </div>
      <div className="hearing__actions">
        {buttons.map((b) => (
          <button
            key={b.to}
            type="button"
            className={`move-btn move-btn--${b.tone}${confirming === b.to ? ' move-btn--confirm' : ''}`}
            disabled={moving !== null}
            onClick={() => tap(b)}
            data-testid={`move-${h.id}-${b.to}`}
          >
            {confirming === b.to ? (
              <>
                <span>確定{b.label.zh}？</span>
                <span lang="en">Tap to confirm</span>
              </>
            ) : (
              <>
                <span>{b.label.zh}</span>
                <span lang="en">{b.label.en}</span>
              </>
            )}
          </button>
        ))}
        {undos.map((u) => (
          <button
            key={u.to}
            type="button"
            className="move-btn move-btn--undo"
            disabled={moving !== null}
            onClick={() => void useStaff.getState().moveHearing(h.id, u.to)}
            data-testid={`undo-${h.id}-${u.to}`}
          >
            <span>{u.label.zh}</span>
            <span lang="en">{u.label.en}</span>
          </button>
        ))}
      </div>
      {editing && (
        <div className="hearing__edit">
          <HearingForm site={site} hearing={h} onDone={() => setEditing(false)} />
        </div>
      )}
    </li>
  );
}

function ImportFile({ site }: { site: PublicSite }) {
  const importing = useStaff((s) => s.importing);
  const result = useStaff((s) => s.importResult);
  const refused = useStaff((s) => s.importError);
  const [local, setLocal] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const example = site.courtrooms[0];

  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = ''; // the same file may be chosen again after a fix
    if (!file) return;
    const format = importFormatOf(file.name, file.type);
    if (!format) {
      setLocal(`${file.name}：請選擇 CSV 或 JSON 檔 Choose a CSV or JSON file`);
      return;
    }
    if (file.size > 6 * 1024 * 1024) {
      setLocal(`${file.name}：檔案大於 6 MB The file is larger than 6 MB`);
      return;
    }
    setLocal(null);
    const contentBase64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
    await useStaff.getState().importFile(file.name, { format, contentBase64 });
  };

  return (
    <div className="import" data-testid="hearings-import">
      <label className="btn btn--primary import__pick">
        {importing ? '匯入中… Importing…' : '匯入庭期檔 Import hearings (CSV / JSON)'}
        <input
          ref={input}
          type="file"
          accept=".csv,.json,text/csv,application/json"
          className="visually-hidden"
          disabled={importing}
          onChange={(e) => void pick(e)}
          data-testid="hearings-file"
        />
      </label>
      <span className="muted small" data-testid="import-columns">
        欄位 Columns: 日期, 時間, 法庭{example ? `（寫名稱 by name: ${example.name.zh} / ${example.name.en}）` : ''}, 案號, 股別, 檢察官, 到庭人（王小明(被告):A1B2C3; …）
      </span>
      <InlineError message={local} testId="import-local-error" />
      {result && (
        <p className="inline-ok" role="status" data-testid="import-result">
          {result.file}：匯入 {result.imported} 筆 imported
          {result.updated > 0 && `，更新 ${result.updated} 筆 updated`}（{result.encoding === 'big5' ? 'Big5' : 'UTF-8'}）
        </p>
      )}
      {refused && (
        <div className="import__refused" role="alert" data-testid="import-refused">
          <p className="inline-error">
            {refused.file}：未匯入 Nothing imported — {refused.message}
          </p>
          {refused.rows.length > 0 && (
            <ul className="import__rows">
              {refused.rows.map((r, i) => (
                <li key={i} data-testid="import-refused-row" data-row={r.row ?? ''}>
                  {r.row !== null && (
                    <strong className="import__row-no">
                      第 {r.row} 列 Row {r.row}
                    </strong>
                  )}{' '}
                  {r.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

interface PersonDraft {
  name: string;
  role: (typeof PERSON_ROLES)[number];
  code: string;
}

/** A hearing's persons as the form edits them (a code left out is an empty box). */
function draftsOf(h: Hearing | undefined): PersonDraft[] {
  if (!h || h.persons.length === 0) return [{ name: '', role: 'defendant', code: '' }];
  return h.persons.map((p) => ({ name: p.name, role: p.role, code: p.code ?? '' }));
}

/**
 * A hearing entered by hand, or (with `hearing`) a clerk's correction of one:
 * the same fields and checks either way; the room is chosen by its name.
 */
function HearingForm({ site, hearing, onDone }: { site: PublicSite; hearing?: Hearing; onDone?: () => void }) {
  const editing = hearing !== undefined;
  const busy = useStaff((s) => (editing ? s.saving !== null : s.creating));
  const serverError = useStaff((s) => (editing ? (s.editError?.id === hearing.id ? s.editError.message : null) : s.hearingCreateError));
  const created = useStaff((s) => (editing ? null : s.createdCase));
  const boardDate = useStaff((s) => s.snapshots['hearings.board']?.date ?? null);
  const [date, setDate] = useState(hearing?.date ?? '');
  const [time, setTime] = useState(hearing?.time ?? '09:00');
  const [room, setRoom] = useState(hearing?.courtroomId ?? site.courtrooms[0]?.id ?? '');
  const [caseNumber, setCaseNumber] = useState(hearing?.caseNumber ?? '');
  const [division, setDivision] = useState(hearing?.division ?? '');
  const [prosecutor, setProsecutor] = useState(hearing?.prosecutor ?? '');
  const [persons, setPersons] = useState<PersonDraft[]>(() => draftsOf(hearing));
  const [local, setLocal] = useState<string | null>(null);
  const day = date || boardDate || '';
  const knownRoom = site.courtrooms.some((r) => r.id === room);
  const testId = editing ? `hearing-edit-${hearing.id}` : 'hearing-form';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = hearingInputSchema.safeParse({
      date: day,
      time,
      courtroomId: room,
      caseNumber: caseNumber.trim(),
      division: division.trim(),
      prosecutor: prosecutor.trim(),
      persons: persons
        .filter((p) => p.name.trim())
        .map((p) => (p.code.trim() ? { name: p.name.trim(), role: p.role, code: p.code.trim() } : { name: p.name.trim(), role: p.role })),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setLocal(`${issue?.path.join('.') ?? ''}: ${issue?.message ?? '格式不符 invalid'}`);
      return;
    }
    setLocal(null);
    if (editing) {
      if (await useStaff.getState().updateHearing(hearing.id, parsed.data)) onDone?.();
      return;
    }
    if (await useStaff.getState().createHearing(parsed.data)) {
      setCaseNumber('');
      setPersons([{ name: '', role: 'defendant', code: '' }]);
    }
  };

  const setPerson = (i: number, patch: Partial<PersonDraft>) => setPersons((ps) => ps.map((p, j) => (j === i ? { ...p, ...patch } : p)));

  return (
    <form className={`hearing-form${editing ? ' hearing-form--edit' : ''}`} onSubmit={(e) => void submit(e)} data-testid={testId} noValidate>
      {editing && (
        <h3 className="hearing-form__title">
          修改庭期 <span lang="en">Edit hearing</span> {hearing.caseNumber}
        </h3>
      )}
      <div className="hearing-form__grid">
        <label className="field">
          <span className="field__label">
            日期 <span lang="en">Date</span>
          </span>
          <input className="field__input" type="date" value={day} onChange={(e) => setDate(e.target.value)} name="date" required />
        </label>
        <label className="field">
          <span className="field__label">
            時間 <span lang="en">Time</span>
          </span>
          <input className="field__input" type="time" value={time} onChange={(e) => setTime(e.target.value)} name="time" required />
        </label>
        <label className="field">
          <span className="field__label">
            法庭 <span lang="en">Courtroom</span>
          </span>
          <select className="field__input" value={room} onChange={(e) => setRoom(e.target.value)} name="courtroom">
            {!knownRoom && (
              <option value={room} disabled>
                {site.courtrooms.length ? '請選擇法庭 Choose a courtroom' : '本署未設定法庭 This site has no courtrooms'}
              </option>
            )}
            {site.courtrooms.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name.zh} {r.name.en}
              </option>
            ))}
          </select>
        </label>
        <label className="field hearing-form__case">
          <span className="field__label">
            案號 <span lang="en">Case number</span>
          </span>
          <input className="field__input" value={caseNumber} onChange={(e) => setCaseNumber(e.target.value)} placeholder="113年度偵字第1234號" name="caseNumber" required />
        </label>
        <label className="field">
          <span className="field__label">
            股別 <span lang="en">Division</span>
          </span>
          <input className="field__input" value={division} onChange={(e) => setDivision(e.target.value)} maxLength={4} placeholder="信" name="division" required />
        </label>
        <label className="field">
          <span className="field__label">
            檢察官 <span lang="en">Prosecutor</span>
          </span>
          <input className="field__input" value={prosecutor} onChange={(e) => setProsecutor(e.target.value)} name="prosecutor" required />
        </label>
      </div>
      <fieldset className="hearing-form__persons">
        <legend className="field__label">
          到庭人 <span lang="en">Persons summoned</span>
        </legend>
        {persons.map((p, i) => (
          <div className="person-row" key={i}>
            <input className="field__input" value={p.name} onChange={(e) => setPerson(i, { name: e.target.value })} placeholder="姓名 Name" aria-label="姓名 Name" name={`person-${i}-name`} />
            <select className="field__input" value={p.role} onChange={(e) => setPerson(i, { role: e.target.value as PersonDraft['role'] })} aria-label="身分 Role">
              {PERSON_ROLES.map((r) => (
                <option key={r} value={r}>
                  {PERSON_ROLE_LABEL[r].zh} {PERSON_ROLE_LABEL[r].en}
                </option>
              ))}
            </select>
            <input
              className="field__input mono"
              value={p.code}
              onChange={(e) => setPerson(i, { code: e.target.value.replace(/[^A-Za-z0-9]/g, '') })}
              placeholder="傳票驗證碼 Code"
              aria-label="傳票驗證碼 Summons code"
              maxLength={12}
              name={`person-${i}-code`}
            />
            <button type="button" className="btn" onClick={() => setPersons((ps) => ps.filter((_, j) => j !== i))} disabled={persons.length === 1} aria-label="移除 Remove">
              ×
            </button>
          </div>
        ))}
        <button type="button" className="btn" onClick={() => setPersons((ps) => [...ps, { name: '', role: 'witness', code: '' }])}>
          ＋ 加一人 Add a person
        </button>
      </fieldset>
      <InlineError message={local ?? serverError} testId={editing ? `hearing-edit-error-${hearing.id}` : 'hearing-form-error'} />
      {created && !local && !serverError && (
        <p className="inline-ok" role="status" data-testid="hearing-created">
          已新增 Added {created}
        </p>
      )}
      {editing ? (
        <div className="hearing-form__buttons">
          <button type="submit" className="btn btn--primary" disabled={busy} data-testid={`hearing-save-${hearing.id}`}>
            {busy ? '儲存中… Saving…' : '儲存修改 Save changes'}
          </button>
          <button type="button" className="btn" onClick={onDone} data-testid={`hearing-discard-${hearing.id}`}>
            放棄修改 Discard changes
          </button>
        </div>
      ) : (
        <button type="submit" className="btn btn--primary btn--block" disabled={busy} data-testid="hearing-submit">
          {busy ? '新增中… Saving…' : '新增庭期 Add hearing'}
        </button>
      )}
    </form>
  );
}
