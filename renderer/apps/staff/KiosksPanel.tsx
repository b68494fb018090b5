/**
 * 取號機與平板 Kiosks & tablets (admin): the ticket kiosks and counter rating tablets
 * set up in a browser, when each was last seen; a one-time set-up link (and its QR)
 * for a new one; revoking one that is lost or replaced (audited by the server).
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { ratingCounterOf, type KioskPurpose, type PublicSite } from '../../../core/contract';
import { QrImage } from '../../components/QrImage';
import { formatDateTime } from '../../i18n';
import type { KioskRow } from '../../features/kiosks/slice';
import { InlineError } from './Field';
import { useStaff } from './state';
import '../../styles/kiosks-hours.css';

/** What a credential is for, as staff call it: a ticket kiosk, or the rating tablet of a counter named as on its sign. */
export function purposeText(purpose: KioskPurpose, site: PublicSite): { zh: string; en: string } {
  const counterId = ratingCounterOf(purpose);
  if (counterId === null) return { zh: '取號機', en: 'Ticket kiosk' };
  const c = site.counters.find((x) => x.id === counterId);
  return { zh: `評價平板：${c?.name.zh ?? counterId}`, en: `Rating tablet: ${c?.name.en ?? counterId}` };
}

export function KiosksPanel({ site, timeZone }: { site: PublicSite; timeZone: string }) {
  const kiosks = useStaff((s) => s.kiosks);
  const kiosksError = useStaff((s) => s.kiosksError);
  const loadKiosks = useStaff((s) => s.loadKiosks);
  const actionError = useStaff((s) => s.kioskActionError);
  const forgetLink = useStaff((s) => s.forgetKioskLink);

  useEffect(() => {
    void loadKiosks();
    // A set-up link is shown once: leaving the tab forgets it.
    return forgetLink;
  }, [loadKiosks, forgetLink]);

  return (
    <div className="admin-grid kiosks" data-testid="kiosks-panel">
      <section className="card">
        <h2 className="card__title">
          <span lang="zh-TW">已設定的取號機與平板</span>
          <span lang="en" className="card__title-en">
            Kiosks and tablets set up
          </span>
        </h2>
        <InlineError message={kiosksError} testId="kiosks-error" />
        <InlineError message={actionError} testId="kiosk-action-error" />
        {kiosks && kiosks.length === 0 && (
          <p className="card__text">
            尚未設定任何取號機或平板 <span lang="en">No kiosk or tablet is set up yet</span>
          </p>
        )}
        {kiosks && kiosks.length > 0 && (
          <table className="table" data-testid="kiosks-table">
            <thead>
              <tr>
                <th>名稱 Name</th>
                <th>用途 Purpose</th>
                <th>最後連線 Last seen</th>
                <th>
                  <span className="visually-hidden">狀態 Status</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {kiosks.map((k) => (
                <KioskLine key={k.id} kiosk={k} site={site} timeZone={timeZone} />
              ))}
            </tbody>
          </table>
        )}
      </section>
      <ProvisionForm site={site} timeZone={timeZone} />
    </div>
  );
}

function KioskLine({ kiosk, site, timeZone }: { kiosk: KioskRow; site: PublicSite; timeZone: string }) {
  const busy = useStaff((s) => s.kioskBusy);
  const revoke = useStaff((s) => s.revokeKiosk);
  // Revoking cuts a device off at once: asked twice, in the row itself.
  const [asking, setAsking] = useState(false);
  const purpose = purposeText(kiosk.purpose, site);
  return (
    <tr data-testid={`kiosk-${kiosk.id}`} className={kiosk.revoked ? 'kiosks__revoked' : undefined}>
      <td>{kiosk.name}</td>
      <td>
        {purpose.zh} <span lang="en" className="muted">{purpose.en}</span>
      </td>
      <td className="nowrap">
        {kiosk.lastSeenAt ? (
          formatDateTime(kiosk.lastSeenAt, 'zh-TW', timeZone)
        ) : (
          <span className="muted">
            尚未連線 <span lang="en">Not seen yet</span>
          </span>
        )}
      </td>
      <td className="kiosks__status">
        {kiosk.revoked ? (
          <span className="kiosks__chip" data-testid={`kiosk-${kiosk.id}-revoked`}>
            已撤銷 <span lang="en">Revoked</span>
          </span>
        ) : asking ? (
          <span className="kiosks__confirm" role="group" aria-label="確定撤銷？Revoke this device?">
            <span className="kiosks__confirm-q">
              確定撤銷？<span lang="en">Revoke it?</span>
            </span>
            <button type="button" className="btn btn--danger" disabled={busy !== null} onClick={() => void revoke(kiosk.id).then(() => setAsking(false))} data-testid={`kiosk-${kiosk.id}-revoke-yes`}>
              撤銷 <span lang="en">Revoke</span>
            </button>
            <button type="button" className="btn" onClick={() => setAsking(false)}>
              取消 <span lang="en">Cancel</span>
            </button>
          </span>
        ) : (
          <button type="button" className="btn" disabled={busy !== null} onClick={() => setAsking(true)} data-testid={`kiosk-${kiosk.id}-revoke`}>
            撤銷 <span lang="en">Revoke</span>
          </button>
        )}
      </td>
    </tr>
  );
}

function ProvisionForm({ site, timeZone }: { site: PublicSite; timeZone: string }) {
  const busy = useStaff((s) => s.kioskBusy === 'link');
  const provision = useStaff((s) => s.provisionKiosk);
  const link = useStaff((s) => s.kioskLink);
  const [kind, setKind] = useState<'tickets' | 'rating'>('tickets');
  const [counterId, setCounterId] = useState(site.counters[0]?.id ?? '');
  const [name, setName] = useState('');
  const ids = { kind: useId(), counter: useId(), name: useId() };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const purpose: KioskPurpose = kind === 'rating' ? `rating:${counterId}` : 'tickets';
    void provision({ purpose, ...(name.trim() ? { name: name.trim() } : {}) });
  };

  return (
    <section className="card" aria-labelledby={ids.kind}>
      <h2 className="card__title" id={ids.kind}>
        <span lang="zh-TW">設定新的取號機或平板</span>
        <span lang="en" className="card__title-en">
          Set up a kiosk or tablet
        </span>
      </h2>
      <form className="kiosks__form" onSubmit={onSubmit} data-testid="kiosk-provision-form">
        <fieldset className="roles">
          <legend className="field__label">
            用途 <span lang="en">Purpose</span>
          </legend>
          <label className="roles__item">
            <input type="radio" name="kind" value="tickets" checked={kind === 'tickets'} onChange={() => setKind('tickets')} data-testid="kiosk-kind-tickets" />
            取號機 <span className="muted">Ticket kiosk</span>
          </label>
          <label className="roles__item">
            <input type="radio" name="kind" value="rating" checked={kind === 'rating'} onChange={() => setKind('rating')} data-testid="kiosk-kind-rating" />
            櫃台評價平板 <span className="muted">Counter rating tablet</span>
          </label>
        </fieldset>
        {kind === 'rating' && (
          <div className="field">
            <label htmlFor={ids.counter} className="field__label">
              <span lang="zh-TW">櫃台</span> <span lang="en">Counter</span>
            </label>
            <select id={ids.counter} className="field__input" value={counterId} onChange={(e) => setCounterId(e.target.value)} data-testid="kiosk-counter">
              {site.counters.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name.zh} {c.name.en}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={ids.name} className="field__label">
            <span lang="zh-TW">名稱（選填）</span> <span lang="en">Name (optional)</span>
          </label>
          <input id={ids.name} className="field__input" value={name} maxLength={60} onChange={(e) => setName(e.target.value)} placeholder="大廳取號機 Hall kiosk" data-testid="kiosk-name" />
        </div>
        <button type="submit" className="btn btn--primary" disabled={busy} data-testid="kiosk-provision-submit">
          產生設定連結 <span lang="en">Make a set-up link</span>
        </button>
      </form>
      {link && (
        <div className="kiosks__link" role="status" data-testid="kiosk-link">
          <p className="kiosks__link-for">
            {purposeText(link.request.purpose ?? 'tickets', site).zh} <span lang="en">{purposeText(link.request.purpose ?? 'tickets', site).en}</span>
            {link.request.name ? ` · ${link.request.name}` : ''}
          </p>
          <QrImage payload={link.url} modulePx={4} alt="設定連結的 QR 碼 QR code of the set-up link" testId="kiosk-link-qr" className="kiosks__qr" />
          <p className="kiosks__url mono" data-testid="kiosk-link-url">
            {link.url}
          </p>
          <p className="kiosks__expiry" data-testid="kiosk-link-expiry">
            只能使用一次，有效至 {formatDateTime(link.expiresAt, 'zh-TW', timeZone)}
            <br />
            <span lang="en">One use only, valid until {formatDateTime(link.expiresAt, 'en', timeZone)}</span>
          </p>
          <p className="card__text">
            在取號機或平板的瀏覽器開啟此連結，或以其相機掃描 QR 碼。
            <br />
            <span lang="en">Open this link in the kiosk’s or tablet’s browser, or scan the QR code with it.</span>
          </p>
        </div>
      )}
    </section>
  );
}
