import { useEffect, useId, type FormEvent } from 'react';
import type { AuditQuery } from '../../../core/contract';
import { AUDIT_PAGE_SIZE } from '../../features/accounts/slice';
import { formatDateTime } from '../../i18n';
import { InlineError } from './Field';
import { useStaff } from './state';
import '../../styles/accounts.css';

/** 稽核紀錄: who did what and when, in sentences, filtered by action, person and days, a page at a time. */
export function AuditPanel({ timeZone }: { timeZone: string }) {
  const page = useStaff((s) => s.auditPage);
  const error = useStaff((s) => s.auditError);
  const query = useStaff((s) => s.auditQuery);
  const loadAudit = useStaff((s) => s.loadAudit);
  const ids = useId();

  useEffect(() => {
    void loadAudit();
  }, [loadAudit]);

  const onFilter = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const text = (k: string) => String(data.get(k) ?? '') || undefined;
    const q: AuditQuery = { page: 1, pageSize: AUDIT_PAGE_SIZE, action: text('action'), actor: text('actor'), from: text('from'), to: text('to') };
    // Days given the wrong way round are read as the range they mean.
    if (q.from && q.to && q.from > q.to) [q.from, q.to] = [q.to, q.from];
    void loadAudit(q);
  };

  const pages = page ? Math.max(1, Math.ceil(page.total / page.pageSize)) : 1;
  const current = page?.page ?? 1;
  const goTo = (n: number) => void loadAudit({ ...query, page: n });

  return (
    <section className="card" data-testid="audit-panel">
      <div className="card__head">
        <h2 className="card__title">
          <span lang="zh-TW">稽核紀錄</span>
          <span lang="en" className="card__title-en">
            Audit log
          </span>
        </h2>
        <button type="button" className="btn" onClick={() => void loadAudit()} data-testid="audit-refresh">
          重新整理 <span lang="en">Refresh</span>
        </button>
      </div>

      {/* A new filter keys the form, so a cleared filter shows cleared fields. */}
      <form className="audit-filter" onSubmit={onFilter} data-testid="audit-filter" key={JSON.stringify([query.action, query.actor, query.from, query.to])}>
        <div className="field">
          <label className="field__label" htmlFor={`${ids}-action`}>
            動作 <span lang="en">Action</span>
          </label>
          <select id={`${ids}-action`} name="action" className="field__input" defaultValue={query.action ?? ''} data-testid="audit-action">
            <option value="">所有動作 · All actions</option>
            <option value="user.">帳號變更（全部）· Accounts (all)</option>
            {page?.actions.map((a) => (
              <option key={a.action} value={a.action}>
                {a.label.zh} · {a.label.en}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${ids}-actor`}>
            人員 <span lang="en">Who</span>
          </label>
          <select id={`${ids}-actor`} name="actor" className="field__input" defaultValue={query.actor ?? ''} data-testid="audit-actor">
            <option value="">所有人員 · Everyone</option>
            {page?.actors.map((a) => (
              <option key={a.username} value={a.username}>
                {a.name}（{a.username}）
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${ids}-from`}>
            起日 <span lang="en">From</span>
          </label>
          <input id={`${ids}-from`} name="from" type="date" className="field__input" defaultValue={query.from ?? ''} data-testid="audit-from" />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${ids}-to`}>
            迄日 <span lang="en">To</span>
          </label>
          <input id={`${ids}-to`} name="to" type="date" className="field__input" defaultValue={query.to ?? ''} data-testid="audit-to" />
        </div>
        <div className="audit-filter__buttons">
          <button type="submit" className="btn btn--primary" data-testid="audit-apply">
            篩選 <span lang="en">Filter</span>
          </button>
          <button type="button" className="btn" onClick={() => void loadAudit({ page: 1, pageSize: AUDIT_PAGE_SIZE })} data-testid="audit-clear">
            清除 <span lang="en">Clear</span>
          </button>
        </div>
      </form>

      <InlineError message={error} testId="audit-error" />
      {page && (
        <p className="audit-count" role="status" data-testid="audit-count">
          共 {page.total} 筆 · {page.total === 1 ? '1 entry' : `${page.total} entries`}
        </p>
      )}
      <table className="table audit-table" data-testid="audit-table">
        <thead>
          <tr>
            <th className="audit-table__when">時間 When</th>
            <th className="audit-table__who">人員 Who</th>
            <th>經過 What happened</th>
          </tr>
        </thead>
        <tbody>
          {page?.entries.map((e) => (
            <tr key={e.id} data-testid="audit-row" data-action={e.action}>
              <td className="nowrap">{formatDateTime(e.at, 'zh-TW', timeZone)}</td>
              <td>
                {e.actorName ?? e.actor ?? (
                  <span className="muted">
                    系統 <span lang="en">The lobby</span>
                  </span>
                )}
                {e.actor && <span className="audit-table__username mono">{e.actor}</span>}
              </td>
              <td className="audit-sentence">
                <span lang="zh-TW" className="audit-sentence__zh" data-testid="audit-zh">
                  {e.summary.zh}
                </span>
                <span lang="en" className="audit-sentence__en" data-testid="audit-en">
                  {e.summary.en}
                </span>
              </td>
            </tr>
          ))}
          {page && page.entries.length === 0 && (
            <tr>
              <td colSpan={3} className="muted">
                沒有符合的紀錄 · No entries match
              </td>
            </tr>
          )}
        </tbody>
      </table>

      {page && pages > 1 && (
        <nav className="pager" aria-label="頁次 Pages" data-testid="audit-pager">
          <button type="button" className="btn" disabled={current <= 1} onClick={() => goTo(current - 1)} data-testid="audit-prev">
            上一頁 <span lang="en">Previous</span>
          </button>
          <span className="pager__where" data-testid="audit-page">
            第 {current}/{pages} 頁 · Page {current} of {pages}
          </span>
          <button type="button" className="btn" disabled={current >= pages} onClick={() => goTo(current + 1)} data-testid="audit-next">
            下一頁 <span lang="en">Next</span>
          </button>
        </nav>
      )}
    </section>
  );
}
