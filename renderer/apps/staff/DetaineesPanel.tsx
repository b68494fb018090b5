/**
 * 新收人犯 New detainees (bailiffs): record a person brought in, then move
 * them through the stages with one tap, and record the outcome after the last
 * stage; correct a record or delete one entered by mistake. Full names and the
 * offence note stay on this page: the public board gets masked names and stages only.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { detaineeInputSchema, type Detainee, type PublicSite } from '../../../core/contract';
import { formatTime } from '../../i18n';
import { detaineeChoices, stageLabel, type DetaineeSteps } from '../../features/detainees/steps';
import { bindCourtLive } from './courtLive';
import { InlineError } from './Field';
import { useStaff } from './state';
import '../../styles/court-staff.css';

export function DetaineesPanel({ site }: { site: PublicSite }) {
  const detainees = useStaff((s) => s.detainees);
  // The site's own stages and outcomes, sent with the list (they load together).
  const steps = useStaff((s) => s.detaineeSteps) ?? NO_STEPS;
  const error = useStaff((s) => s.detaineesError);

  useEffect(() => {
    void useStaff.getState().loadDetainees();
    return bindCourtLive(useStaff, ['detainees.board']);
  }, []);

  const agencies = [...new Set((detainees ?? []).map((d) => d.agency))];
  const open = (detainees ?? []).filter((d) => detaineeChoices(d.stage, steps).kind !== 'final');
  const done = (detainees ?? []).filter((d) => detaineeChoices(d.stage, steps).kind === 'final');

  return (
    <div className="court court--detainees" data-testid="detainees-panel">
      <RecordForm site={site} agencies={agencies} />
      <section className="card">
        <h2 className="card__title">
          今日新收 <span className="card__title-en">Received today</span>
        </h2>
        <InlineError message={error} testId="detainees-error" />
        {detainees === null && !error && <p className="muted">載入中… Loading…</p>}
        {detainees !== null && detainees.length === 0 && <p className="muted">今日尚無新收人犯 No one received today</p>}
        <ul className="detainee-list" data-testid="detainee-list">
          {[...open, ...done].map((d) => (
            <DetaineeRow key={d.id} d={d} steps={steps} site={site} agencies={agencies} />
          ))}
        </ul>
      </section>
    </div>
  );
}

const NO_STEPS: DetaineeSteps = { stages: [], outcomes: [] };

/** A second tap within this long deletes a record. */
const CONFIRM_MS = 5000;

function DetaineeRow({ d, steps, site, agencies }: { d: Detainee; steps: DetaineeSteps; site: PublicSite; agencies: string[] }) {
  const staging = useStaff((s) => s.staging);
  const stageError = useStaff((s) => (s.stageError?.id === d.id ? s.stageError.message : null));
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  // A record entered by mistake: the first tap asks, the second (within CONFIRM_MS) deletes it.
  const tapDelete = () => {
    if (timer.current) clearTimeout(timer.current);
    if (!confirming) {
      setConfirming(true);
      timer.current = setTimeout(() => setConfirming(false), CONFIRM_MS);
      return;
    }
    setConfirming(false);
    void useStaff.getState().deleteDetainee(d.id);
  };
  const choices = detaineeChoices(d.stage, steps);
  const stage = stageLabel(d.stage, steps);
  return (
    <li className={`detainee${choices.kind === 'final' ? ' detainee--final' : ''}`} data-testid={`staff-detainee-${d.id}`} data-stage={d.stage}>
      <div className="detainee__who">
        <span className="detainee__name">{d.name}</span>
        <span className="detainee__meta num">
          {d.broughtAt} · {d.agency}
        </span>
        {d.offence && (
          <span className="detainee__offence">
            <span className="secret-tag">不公開</span> {d.offence}
          </span>
        )}
      </div>
      <div className="detainee__stage">
        <span className={`stage-tag${choices.kind === 'final' ? ' stage-tag--final' : ''}`} data-testid="staff-stage">
          {stage.zh} <span lang="en">{stage.en}</span>
        </span>
      </div>
      <div className="detainee__actions">
        {choices.kind === 'stages' &&
          choices.options.map((s, i) => (
            <button
              key={s.id}
              type="button"
              className={`move-btn ${i === 0 ? 'move-btn--go' : 'move-btn--step move-btn--minor'}`}
              disabled={staging !== null}
              onClick={() => void useStaff.getState().setDetaineeStage(d.id, s.id)}
              data-testid={`stage-${d.id}-${s.id}`}
            >
              <span>{i === 0 ? `→ ${s.zh}` : s.zh}</span>
              <span lang="en">{s.en}</span>
            </button>
          ))}
        {choices.kind === 'outcomes' && (
          <>
            <span className="detainee__outcome-label">
              結果 <span lang="en">Outcome</span>
            </span>
            {choices.options.map((o) => (
              <button
                key={o.id}
                type="button"
                className="move-btn move-btn--done"
                disabled={staging !== null}
                onClick={() => void useStaff.getState().setDetaineeStage(d.id, o.id)}
                data-testid={`stage-${d.id}-${o.id}`}
              >
                <span>{o.zh}</span>
                <span lang="en">{o.en}</span>
              </button>
            ))}
          </>
        )}
        <div className="detainee__fix">
          <button type="button" className="btn" aria-expanded={editing} onClick={() => setEditing((v) => !v)} data-testid={`detainee-edit-toggle-${d.id}`}>
            {editing ? '收合 Close' : '修改 Edit'}
          </button>
          <button
            type="button"
            className={`btn detainee__delete${confirming ? ' move-btn--confirm' : ''}`}
            disabled={staging !== null}
            onClick={tapDelete}
            data-testid={`detainee-delete-${d.id}`}
          >
            {confirming ? '確定刪除此筆紀錄？ Tap again to delete it' : '刪除 Delete'}
          </button>
        </div>
      </div>
      {stageError && <InlineError message={stageError} testId={`staff-detainee-${d.id}-error`} />}
      {editing && (
        <div className="detainee__edit">
          <DetaineeForm site={site} agencies={agencies} detainee={d} onDone={() => setEditing(false)} />
        </div>
      )}
    </li>
  );
}

function nowHhmm(timeZone: string): string {
  return formatTime(Date.now(), timeZone);
}

function RecordForm({ site, agencies }: { site: PublicSite; agencies: string[] }) {
  return (
    <section className="card">
      <h2 className="card__title">
        登錄新收人犯 <span className="card__title-en">Record a person brought in</span>
      </h2>
      <DetaineeForm site={site} agencies={agencies} />
    </section>
  );
}

const FIELD_NAMES = { name: '姓名 Name', broughtAt: '解送時間 Brought at', agency: '解送機關 Agency', offence: '案由 Offence' } as const;

/**
 * A person brought in, or (with `detainee`) a bailiff's correction of what was
 * recorded: the same fields and checks either way. The stage is not here: it
 * moves only forward, by the row's buttons.
 */
function DetaineeForm({ site, agencies, detainee, onDone }: { site: PublicSite; agencies: string[]; detainee?: Detainee; onDone?: () => void }) {
  const editing = detainee !== undefined;
  const busy = useStaff((s) => (editing ? s.savingDetainee !== null : s.recording));
  const serverError = useStaff((s) => (editing ? (s.detaineeEditError?.id === detainee.id ? s.detaineeEditError.message : null) : s.recordError));
  const [name, setName] = useState(detainee?.name ?? '');
  const [broughtAt, setBroughtAt] = useState(() => detainee?.broughtAt ?? nowHhmm(site.timeZone));
  const [agency, setAgency] = useState(detainee?.agency ?? '');
  const [offence, setOffence] = useState(detainee?.offence ?? '');
  const [local, setLocal] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const agenciesId = useId();
  // The record form's fields keep their plain names; a correction's carry the record's id.
  const named = (field: keyof typeof FIELD_NAMES) => (editing ? `${field}-${detainee.id}` : field);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = detaineeInputSchema.safeParse({ name, broughtAt, agency, ...(offence.trim() ? { offence } : {}) });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = FIELD_NAMES[String(issue?.path[0]) as keyof typeof FIELD_NAMES] ?? '';
      setLocal(`${field}: ${issue?.message ?? 'invalid'}`);
      return;
    }
    setLocal(null);
    if (editing) {
      if (await useStaff.getState().updateDetainee(detainee.id, parsed.data)) onDone?.();
      return;
    }
    if (await useStaff.getState().recordDetainee(parsed.data)) {
      setSaved(parsed.data.name);
      setName('');
      setOffence('');
      setBroughtAt(nowHhmm(site.timeZone));
    }
  };

  return (
    <>
      {editing && (
        <h3 className="hearing-form__title">
          修改紀錄 <span lang="en">Edit the record of</span> {detainee.name}
        </h3>
      )}
      <form className="detainee-form" onSubmit={(e) => void submit(e)} data-testid={editing ? `detainee-edit-${detainee.id}` : 'detainee-form'} noValidate>
        <label className="field">
          <span className="field__label">
            姓名 <span lang="en">Name</span>
          </span>
          <input className="field__input" value={name} onChange={(e) => setName(e.target.value)} name={named('name')} maxLength={60} autoComplete="off" required />
        </label>
        <label className="field">
          <span className="field__label">
            解送時間 <span lang="en">Brought at</span>
          </span>
          <input className="field__input" type="time" value={broughtAt} onChange={(e) => setBroughtAt(e.target.value)} name={named('broughtAt')} required />
        </label>
        <label className="field detainee-form__agency">
          <span className="field__label">
            解送機關 <span lang="en">Bringing agency</span>
          </span>
          <input className="field__input" value={agency} onChange={(e) => setAgency(e.target.value)} list={agenciesId} name={named('agency')} maxLength={60} placeholder="臺東縣警察局臺東分局" required />
          <datalist id={agenciesId}>
            {agencies.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </label>
        <label className="field detainee-form__offence">
          <span className="field__label">
            案由 <span lang="en">Offence note</span> <span className="secret-tag">不公開 not shown publicly</span>
          </span>
          <input className="field__input" value={offence} onChange={(e) => setOffence(e.target.value)} name={named('offence')} maxLength={200} autoComplete="off" />
        </label>
        <div className="detainee-form__submit">
          {editing ? (
            <div className="hearing-form__buttons">
              <button type="submit" className="btn btn--primary" disabled={busy} data-testid={`detainee-save-${detainee.id}`}>
                {busy ? '儲存中… Saving…' : '儲存修改 Save changes'}
              </button>
              <button type="button" className="btn" onClick={onDone} data-testid={`detainee-discard-${detainee.id}`}>
                放棄修改 Discard changes
              </button>
            </div>
          ) : (
            <button type="submit" className="btn btn--primary btn--block" disabled={busy} data-testid="detainee-submit">
              {busy ? '登錄中… Saving…' : '登錄 Record'}
            </button>
          )}
        </div>
      </form>
      <InlineError message={local ?? serverError} testId={editing ? `detainee-edit-error-${detainee.id}` : 'detainee-form-error'} />
      {saved && !local && !serverError && (
        <p className="inline-ok" role="status" data-testid="detainee-saved">
          已登錄 Recorded: {saved}
        </p>
      )}
    </>
  );
}
