/**
 * The emergency broadcast for staff: a banner over every staff tab while one
 * is on (admins can clear it there), and the 緊急廣播 Emergency tab (admins
 * only) to raise one — kind, Chinese, English, an optional end — after a
 * confirm step, see what the public screens show, and clear it.
 */
import { useState, type FormEvent } from 'react';
import { EMERGENCY_KINDS, raiseEmergencyRequestSchema, type Emergency } from '../../../core/contract';
import { EmergencyIcon, EmergencyView } from '../../components/EmergencyOverlay';
import { localInputToIso, siteClock } from '../../components/marquee/datetime';
import { EMERGENCY_LABEL, type EmergencyKind } from '../../components/marquee/labels';
import { useLiveTopic } from '../../components/marquee/useLiveTopic';
import { useStaff } from './state';
import '../../styles/marquee.css';

/** Over every staff tab while an emergency is on. */
export function EmergencyBanner({ isAdmin }: { isAdmin: boolean }) {
  const state = useLiveTopic('emergency');
  const busy = useStaff((s) => s.emergencyBusy);
  const clear = useStaff((s) => s.clearEmergency);
  const e = state?.active ?? null;
  if (!e) return null;
  const label = EMERGENCY_LABEL[e.kind];
  return (
    <div className={`em-banner em-banner--${e.kind}`} role="alert" data-testid="emergency-banner" data-kind={e.kind}>
      <EmergencyIcon kind={e.kind} />
      <div className="em-banner__text">
        <span>
          緊急廣播中 <span lang="en">Emergency broadcast on</span> · {label.zh} {label.en} · {siteClock(e.raisedAt)}
          {e.endsAt ? ` – ${siteClock(e.endsAt)}` : ''}
        </span>
        <strong lang="zh-TW">{e.zh}</strong>
        <span lang="en">{e.en}</span>
      </div>
      {isAdmin && (
        <button type="button" className="btn" disabled={busy !== null} onClick={() => void clear()} data-testid="emergency-banner-clear">
          解除 Clear
        </button>
      )}
    </div>
  );
}

interface RaiseDraft {
  kind: EmergencyKind;
  zh: string;
  en: string;
  endsAt: string;
}

const EMPTY: RaiseDraft = { kind: 'earthquake', zh: '', en: '', endsAt: '' };

export function EmergencyPanel() {
  const state = useLiveTopic('emergency');
  const active = state?.active ?? null;
  const busy = useStaff((s) => s.emergencyBusy);
  const serverError = useStaff((s) => s.emergencyError);
  const raise = useStaff((s) => s.raiseEmergency);
  const clear = useStaff((s) => s.clearEmergency);
  const [draft, setDraft] = useState<RaiseDraft>(EMPTY);
  const [confirming, setConfirming] = useState<Parameters<typeof raise>[0] | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const error = localError ?? serverError;

  const set = <K extends keyof RaiseDraft>(k: K, v: RaiseDraft[K]) => {
    setDraft({ ...draft, [k]: v });
    setLocalError(null);
    setConfirming(null);
  };

  const onRaise = (ev: FormEvent) => {
    ev.preventDefault();
    const endsAt = localInputToIso(draft.endsAt);
    if (endsAt === undefined) {
      setLocalError('endsAt: not a date and time');
      return;
    }
    const parsed = raiseEmergencyRequestSchema.safeParse({ kind: draft.kind, zh: draft.zh, en: draft.en, endsAt });
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      setLocalError(`${i?.path.length ? `${i.path.join('.')}: ` : ''}${i?.message ?? 'invalid'}`);
      return;
    }
    setLocalError(null);
    setConfirming(parsed.data);
  };

  const onConfirm = async () => {
    if (!confirming) return;
    const raised = await raise(confirming);
    if (raised) {
      setConfirming(null);
      setDraft(EMPTY);
    }
  };

  return (
    <div className="em-admin" data-testid="emergency-panel">
      <section className="card" aria-labelledby="em-state-title" data-testid="emergency-state" data-active={active ? active.id : ''}>
        <h2 className="card__title" id="em-state-title">
          <span lang="zh-TW">目前狀態</span>
          <span lang="en" className="card__title-en">
            Now
          </span>
        </h2>
        {active ? (
          <>
            <p className="card__text">
              所有公共螢幕與 LED 跑馬燈正顯示此緊急廣播 · Every public screen and LED sign shows this now
            </p>
            <EmergencyView emergency={active} compact testId="emergency-preview-active" />
            <button type="button" className="btn btn--primary btn--block" disabled={busy !== null} onClick={() => void clear()} data-testid="emergency-clear">
              解除緊急廣播 Clear the emergency
            </button>
          </>
        ) : (
          <p className="card__text" data-testid="emergency-none">
            目前沒有緊急廣播 · No emergency broadcast is on
          </p>
        )}
      </section>

      <form className="card mq-form" onSubmit={onRaise} noValidate data-testid="emergency-form">
        <h2 className="card__title">
          <span lang="zh-TW">發布緊急廣播</span>
          <span lang="en" className="card__title-en">
            Raise an emergency
          </span>
        </h2>
        <fieldset>
          <legend className="field__label">
            種類 <span lang="en">Kind</span>
          </legend>
          <div className="em-kinds">
            {EMERGENCY_KINDS.map((k) => (
              <label key={k} className={`em-kind em-kind--${k}`}>
                <input type="radio" name="emergency-kind" value={k} checked={draft.kind === k} onChange={() => set('kind', k)} data-testid={`emergency-kind-${k}`} />
                <EmergencyIcon kind={k} />
                <span lang="zh-TW">{EMERGENCY_LABEL[k].zh}</span>
                <span lang="en">{EMERGENCY_LABEL[k].en}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label className="field__label" htmlFor="em-zh">
            中文內容 <span lang="en">Chinese text</span>
          </label>
          <textarea id="em-zh" className="field__input" lang="zh-TW" maxLength={300} value={draft.zh} onChange={(e) => set('zh', e.target.value)} data-testid="emergency-zh" />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="em-en">
            英文內容 <span lang="en">English text</span>
          </label>
          <textarea id="em-en" className="field__input" lang="en" maxLength={300} value={draft.en} onChange={(e) => set('en', e.target.value)} data-testid="emergency-en" />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="em-ends">
            自動結束（選填） <span lang="en">Ends by itself at (optional)</span>
          </label>
          <input id="em-ends" type="datetime-local" className="field__input" value={draft.endsAt} onChange={(e) => set('endsAt', e.target.value)} data-testid="emergency-ends" />
          <span className="field__hint">空白 = 直到解除 · empty = until cleared</span>
        </div>
        {error && (
          <p className="inline-error" role="alert" data-testid="emergency-error">
            {error}
          </p>
        )}
        {!confirming && (
          <button type="submit" className="btn btn--danger btn--block" disabled={busy !== null} data-testid="emergency-raise">
            發布… Raise…
          </button>
        )}
        {confirming && <Confirm request={confirming} replaces={active} busy={busy !== null} onConfirm={() => void onConfirm()} onCancel={() => setConfirming(null)} />}
      </form>
    </div>
  );
}

function Confirm(props: {
  request: { kind: EmergencyKind; zh: string; en: string; endsAt: string | null };
  replaces: Emergency | null;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { request, replaces, busy, onConfirm, onCancel } = props;
  return (
    <div className="em-confirm" role="alertdialog" aria-labelledby="em-confirm-title" data-testid="emergency-confirm-box">
      <strong id="em-confirm-title">
        確定發布？所有公共螢幕與 LED 跑馬燈將立即全畫面顯示此訊息。 <span lang="en">Raise it? Every public screen and LED sign shows it full-screen at once.</span>
      </strong>
      {replaces && <span>這將取代目前的緊急廣播 · This replaces the emergency on now.</span>}
      <EmergencyView emergency={{ ...request, raisedAt: new Date().toISOString(), endsAt: request.endsAt }} compact testId="emergency-preview" />
      <div className="mq-form__buttons">
        <button type="button" className="btn btn--danger" disabled={busy} onClick={onConfirm} data-testid="emergency-confirm">
          確定發布 Raise now
        </button>
        <button type="button" className="btn" onClick={onCancel} data-testid="emergency-cancel">
          取消 Cancel
        </button>
      </div>
    </div>
  );
}
