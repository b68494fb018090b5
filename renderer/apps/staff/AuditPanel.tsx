import { useEffect } from 'react';
import { formatDateTime } from '../../i18n';
import { InlineError } from './Field';
import { useStaff } from './state';

export function AuditPanel({ timeZone }: { timeZone: string }) {
  const audit = useStaff((s) => s.audit);
  const error = useStaff((s) => s.auditError);
  const loadAudit = useStaff((s) => s.loadAudit);

  useEffect(() => {
    void loadAudit();
  }, [loadAudit]);

  const rows = [...(audit ?? [])].sort((a, b) => b.id - a.id);
  return (
    <section className="card">
      <div className="card__head">
        <h2 className="card__title">
          <span lang="zh-TW">稽核紀錄</span>
          <span lang="en" className="card__title-en">
            Audit log
          </span>
        </h2>
        <button type="button" className="btn" onClick={() => void loadAudit()} data-testid="audit-refresh">
          重新整理 Refresh
        </button>
      </div>
      <InlineError message={error} testId="audit-error" />
      <div className="table-scroll">
        <table className="table" data-testid="audit-table">
          <thead>
            <tr>
              <th>時間 When</th>
              <th>人員 Who</th>
              <th>動作 Action</th>
              <th>對象 Target</th>
              <th>內容 Detail</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.id}>
                <td className="nowrap">{formatDateTime(e.at, 'zh-TW', timeZone)}</td>
                <td>{e.actor ?? '—'}</td>
                <td className="mono">{e.action}</td>
                <td className="mono">{e.target}</td>
                <td className="detail">{e.detail}</td>
              </tr>
            ))}
            {audit && rows.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  尚無紀錄 · No entries yet
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
