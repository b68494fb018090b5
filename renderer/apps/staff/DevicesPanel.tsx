import { useState, type FormEvent } from 'react';
import { ROUTES, reprintRequestSchema, rolesPass, type DeviceHealth, type PrintJob, type PublicSite, type Role, type SignHealthWarning } from '../../../core/contract';
import { formatDateTime, formatTime } from '../../i18n';
import { alarmsFor, deviceLines, forgettable } from '../../features/devices-health/alarms';
import type { ReprintSource } from '../../features/reprint/slice';
import { InlineError } from './Field';
import { LINK_LABEL, PRINTER_STATE_LABEL, deviceAlertHint, deviceAlertText } from './labels';
import { useStaff } from './state';

const NO_ROLES: readonly Role[] = [];

/** A compact banner shown above every staff tab while a device needs attention. */
export function DeviceAlert({ onOpen }: { onOpen?: (() => void) | undefined }) {
  const health = useStaff((s) => s.snapshots['devices.health']);
  const roles = useStaff((s) => s.me?.user?.roles) ?? NO_ROLES;
  const alerts = alarmsFor(health, roles);
  // A clock jump is urgent: staff should check the computer's time now, not when they next open the devices tab.
  const urgent = (health?.notices ?? []).filter((n) => n.code === 'clock-jump');
  if (alerts.length === 0 && urgent.length === 0) return null;
  const level = alerts.some((d) => d.alert === 'error') ? 'error' : 'warning';
  return (
    <div className={`device-alert device-alert--${level}`} role="alert" data-testid="device-alert" data-level={level}>
      <span className="device-alert__icon" aria-hidden="true">
        {level === 'error' ? '!' : 'i'}
      </span>
      <ul className="device-alert__list">
        {alerts.map((d) => {
          const text = deviceAlertText(d);
          const hint = deviceAlertHint(d);
          return (
            <li key={d.id} data-testid={`device-alert-${d.id}`} data-alert={d.alert ?? ''} data-state={d.state}>
              <strong>
                <span lang="zh-TW">{text.zh}</span> <span lang="en">{text.en}</span>
              </strong>
              <span className="device-alert__hint">
                {' '}
                · <span lang="zh-TW">{hint.zh}</span> <span lang="en">{hint.en}</span>
              </span>
            </li>
          );
        })}
        {urgent.map((n) => (
          <li key={n.code} data-testid={`device-alert-notice-${n.code}`}>
            <span lang="zh-TW">{n.text.zh}</span> <span lang="en">{n.text.en}</span>
          </li>
        ))}
        {(health?.failedJobs.length ?? 0) > 0 && (
          <li data-testid="device-alert-failed">
            <span lang="zh-TW">{health?.failedJobs.length} 張號碼單未印出</span>{' '}
            <span lang="en">
              {health?.failedJobs.length} ticket{health?.failedJobs.length === 1 ? '' : 's'} did not print
            </span>
          </li>
        )}
      </ul>
      {onOpen && (
        <button type="button" className="btn device-alert__open" onClick={onOpen} data-testid="device-alert-open">
          查看設備 View devices
        </button>
      )}
    </div>
  );
}

export function DevicesPanel({ site, canReprint }: { site: PublicSite; canReprint: boolean }) {
  const health = useStaff((s) => s.snapshots['devices.health']);
  const connection = useStaff((s) => s.connection);
  const roles = useStaff((s) => s.me?.user?.roles) ?? NO_ROLES;
  const canForget = rolesPass(ROUTES.forgetScreen.access, roles);

  if (!health) {
    return (
      <section className="card" data-testid="devices-panel">
        <p className="muted">
          {connection === 'open' ? '載入設備狀態… Loading device status…' : '連線中… Connecting…'}
        </p>
      </section>
    );
  }

  return (
    <div className="devices-grid" data-testid="devices-panel">
      <section className="card">
        <h2 className="card__title">
          <span lang="zh-TW">設備狀態</span>
          <span lang="en" className="card__title-en">
            Devices
          </span>
        </h2>
        <div className="table-scroll">
          <table className="table" data-testid="devices-table">
            <thead>
              <tr>
                <th>設備 Device</th>
                <th>狀態 State</th>
                <th>連線 Link</th>
                <th>狀態回報 Status report</th>
                <th>自 Since</th>
              </tr>
            </thead>
            <tbody>
              {deviceLines(health, roles).map((d) => (
                <DeviceRow key={d.id} device={d} timeZone={site.timeZone} canForget={canForget} />
              ))}
              {health.devices.length === 0 && (
                <tr>
                  <td colSpan={5} className="muted">
                    沒有設定設備 · No devices configured
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        {health.notices.map((n) => (
          <p key={n.code} className="devices-notice" data-testid={`devices-notice-${n.code}`}>
            <span lang="zh-TW">{n.text.zh}</span> <span lang="en">{n.text.en}</span>
          </p>
        ))}
        {health.devices.some((d) => d.screen && !d.screen.expected) && (
          <p className="muted small" data-testid="screens-quiet-note">
            <span lang="zh-TW">未列在站台設定檔（expectedScreens）的畫面只列出、不發警示，關閉一段時間後自動移除。</span>{' '}
            <span lang="en">Screens the site file does not list (expectedScreens) are shown without alarms and dropped a while after they close.</span>
          </p>
        )}
        <p className="muted small" data-testid="pending-jobs">
          列印佇列 {health.pendingJobs} 張 · {health.pendingJobs} job{health.pendingJobs === 1 ? '' : 's'} waiting to print
        </p>
      </section>

      <FailedJobs site={site} jobs={health.failedJobs} canReprint={canReprint} />
      <ReprintForm canReprint={canReprint} />
    </div>
  );
}

/** The short flag beside a sign's state; the sentence and the messages concerned go under its name. */
const SIGN_WARNING_LABEL: Record<SignHealthWarning['code'], { zh: string; en: string }> = {
  'text-cut': { zh: '訊息被截斷', en: 'Text cut' },
  'chars-unshown': { zh: '有字無法顯示', en: 'Characters not shown' },
};

/** A message's start, enough to recognise it in the marquee list. */
function clip(text: string, max = 30): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}

function SignWarnings({ device: d }: { device: DeviceHealth }) {
  return (
    <>
      {(d.signWarnings ?? []).map((w) => (
        <div
          key={w.code}
          className="small detail"
          data-testid={`device-sign-warning-${d.id}-${w.code}`}
          data-messages={w.messages.map((m) => m.id ?? 'emergency').join(',')}
        >
          <strong>
            <span lang="zh-TW">{w.text.zh}</span> · <span lang="en">{w.text.en}</span>
          </strong>
          {w.messages.map((m, i) => (
            <div key={i} data-testid={`device-sign-warning-${d.id}-${w.code}-message`}>
              {m.id === null ? (
                <span className="muted">
                  緊急廣播 <span lang="en">Emergency</span>:{' '}
                </span>
              ) : null}
              <span lang="zh-TW">「{clip(m.zh)}」</span> <span lang="en" className="muted">
                {clip(m.en)}
              </span>
            </div>
          ))}
        </div>
      ))}
    </>
  );
}

function DeviceRow({ device: d, timeZone, canForget }: { device: DeviceHealth; timeZone: string; canForget: boolean }) {
  if (d.kind === 'screen' && d.screen) return <ScreenRow device={d} screen={d.screen} timeZone={timeZone} canForget={canForget} />;
  const state = PRINTER_STATE_LABEL[d.state];
  const link = LINK_LABEL[d.link];
  const tone = d.alert === 'error' ? 'bad' : d.alert === 'warning' ? 'warn' : 'ok';
  const signWarnings = d.signWarnings ?? [];
  return (
    <tr
      data-testid={`device-${d.id}`}
      data-state={d.state}
      data-link={d.link}
      data-alert={d.alert ?? ''}
      {...(signWarnings.length > 0 ? { 'data-sign-warnings': signWarnings.map((w) => w.code).join(',') } : {})}
    >
      <td>
        <strong>{d.name.zh}</strong> <span className="muted">{d.name.en}</span>
        {d.detail && <div className="muted small">{d.detail}</div>}
        <SignWarnings device={d} />
      </td>
      <td>
        <span className={`pill pill--${tone}`} data-testid={`device-state-${d.id}`}>
          {state.zh} <span lang="en">{state.en}</span>
        </span>
        {signWarnings.map((w) => (
          <span key={w.code}>
            {' '}
            <span className="pill pill--warn" data-testid={`device-sign-flag-${d.id}-${w.code}`}>
              {SIGN_WARNING_LABEL[w.code].zh} <span lang="en">{SIGN_WARNING_LABEL[w.code].en}</span>
            </span>
          </span>
        ))}
      </td>
      <td>
        <span className={`pill pill--${d.link === 'open' ? 'ok' : d.link === 'connecting' ? 'warn' : 'bad'}`}>
          {link.zh} <span lang="en">{link.en}</span>
        </span>
      </td>
      <td>
        {d.statusReadable ? (
          <span>
            可讀取 <span className="muted">Readable</span>
          </span>
        ) : (
          <span data-testid={`device-unreadable-${d.id}`}>
            無法讀取狀態 <span className="muted">Status not readable</span>
          </span>
        )}
      </td>
      <td className="nowrap">{formatDateTime(d.since, 'zh-TW', timeZone)}</td>
    </tr>
  );
}

/** A screen's state as staff read it: a closed screen nobody declared is no fault. */
function screenState(d: DeviceHealth, expected: boolean): { zh: string; en: string } {
  if (d.state === 'online') return { zh: '在線', en: 'Online' };
  if (d.state === 'unknown') return { zh: '尚未連線', en: 'Not connected yet' };
  return expected ? { zh: '離線', en: 'Offline' } : { zh: '已關閉', en: 'Closed' };
}

/**
 * A screen line: declared (meant to be up) or not. Only an alarm shows red; a quiet line
 * is grey, and an admin may forget a closed screen nobody declared.
 */
function ScreenRow({ device: d, screen, timeZone, canForget }: { device: DeviceHealth; screen: NonNullable<DeviceHealth['screen']>; timeZone: string; canForget: boolean }) {
  const forgetting = useStaff((s) => s.forgettingScreen);
  const error = useStaff((s) => s.forgetScreenError);
  const forget = useStaff((s) => s.forgetScreen);
  const tone = d.alert === 'error' ? 'bad' : d.state === 'online' ? 'ok' : 'quiet';
  const state = screenState(d, screen.expected);
  const link = LINK_LABEL[d.link];
  return (
    <tr
      data-testid={`device-${d.id}`}
      data-state={d.state}
      data-link={d.link}
      data-alert={d.alert ?? ''}
      data-expected={screen.expected}
      className={tone === 'quiet' ? 'device-row--quiet' : undefined}
    >
      <td>
        <strong>{d.name.zh}</strong> <span className="muted">{d.name.en}</span>{' '}
        <span className={`screen-chip${screen.expected ? ' screen-chip--expected' : ''}`} data-testid={`device-screen-kind-${d.id}`}>
          {screen.expected ? (
            <>
              應開啟 <span lang="en">Meant to be up</span>
            </>
          ) : (
            <>
              未列管 <span lang="en">Not listed</span>
            </>
          )}
        </span>
        <div className="muted small">
          <span className="mono">{screen.path}</span>
          {screen.address && <> · {screen.address}</>}
          {screen.lastSeen && (
            <>
              {' '}
              · 最後回應 <span lang="en">last heartbeat</span> {formatDateTime(screen.lastSeen, 'zh-TW', timeZone)}
            </>
          )}
        </div>
        {canForget && forgettable(d) && (
          <button
            type="button"
            className="btn screen-forget"
            disabled={forgetting !== null}
            onClick={() => void forget(d.id)}
            data-testid={`device-forget-${d.id}`}
            aria-label={`移除 ${d.name.zh} · Forget ${d.name.en}`}
          >
            {forgetting === d.id ? '移除中… Forgetting…' : '移除 Forget'}
          </button>
        )}
        {error?.id === d.id && <InlineError message={error.message} testId="device-forget-error" />}
      </td>
      <td>
        <span className={`pill pill--${tone}`} data-testid={`device-state-${d.id}`}>
          {state.zh} <span lang="en">{state.en}</span>
        </span>
      </td>
      <td>
        <span className={`pill pill--${d.link === 'open' ? 'ok' : tone}`}>
          {link.zh} <span lang="en">{link.en}</span>
        </span>
      </td>
      <td>
        <span>
          可讀取 <span className="muted">Readable</span>
        </span>
      </td>
      <td className="nowrap">{formatDateTime(d.since, 'zh-TW', timeZone)}</td>
    </tr>
  );
}

function ReprintResult({ source }: { source: ReprintSource }) {
  const done = useStaff((s) => s.reprintDone);
  const error = useStaff((s) => s.reprintError);
  if (error && error.source === source) {
    return <InlineError message={`${error.number}: ${error.message}`} testId="reprint-error" />;
  }
  if (done && done.source === source) {
    return (
      <p className="inline-ok" role="status" data-testid="reprint-ok" data-number={done.number} data-status={done.job.status}>
        已送出補印 {done.number} · Reprint sent ({JOB_STATUS[done.job.status]})
      </p>
    );
  }
  return null;
}

const JOB_STATUS: Record<PrintJob['status'], string> = {
  pending: '等待列印 pending',
  printing: '列印中 printing',
  printed: '已印出 printed',
  failed: '列印失敗 failed',
};

function FailedJobs({ site, jobs, canReprint }: { site: PublicSite; jobs: PrintJob[]; canReprint: boolean }) {
  const reprint = useStaff((s) => s.reprint);
  const reprinting = useStaff((s) => s.reprinting);
  const rows = [...jobs].sort((a, b) => b.id - a.id);
  return (
    <section className="card">
      <h2 className="card__title">
        <span lang="zh-TW">今日未印出的號碼單</span>
        <span lang="en" className="card__title-en">
          Tickets that did not print today
        </span>
      </h2>
      <div className="table-scroll">
        <table className="table" data-testid="failed-jobs">
          <thead>
            <tr>
              <th className="nowrap">號碼 Number</th>
              <th>服務 Service</th>
              <th className="nowrap">時間 Time</th>
              <th className="num-col nowrap">嘗試 Tries</th>
              <th>原因 Reason</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((j) => {
              const svc = site.services.find((s) => s.id === j.serviceId);
              return (
                <tr key={j.id} data-testid={`failed-job-${j.ticketNumber}`}>
                  <td>
                    <span className="job-number num">{j.ticketNumber}</span>
                    {j.kind === 'reprint' && (
                      <span className="role-chip job-kind" title="補印失敗 A reprint that failed">
                        補印 Reprint
                      </span>
                    )}
                  </td>
                  <td>
                    {svc ? (
                      <>
                        {svc.name.zh} <span className="muted">{svc.name.en}</span>
                      </>
                    ) : (
                      <span className="mono">{j.serviceId}</span>
                    )}
                  </td>
                  <td className="nowrap">{formatTime(j.createdAt, site.timeZone)}</td>
                  <td className="num-col">{j.attempts}</td>
                  <td className="detail">{j.error ?? '—'}</td>
                  <td className="nowrap">
                    <button
                      type="button"
                      className="btn btn--primary"
                      disabled={!canReprint || reprinting !== null}
                      onClick={() => void reprint(j.ticketNumber, 'list')}
                      data-testid={`reprint-${j.ticketNumber}`}
                    >
                      {reprinting === j.ticketNumber ? '補印中… Reprinting…' : '補印 Reprint'}
                    </button>
                  </td>
                </tr>
              );
            })}
            {rows.length === 0 && (
              <tr>
                <td colSpan={6} className="muted" data-testid="failed-jobs-empty">
                  今天沒有列印失敗的號碼單 · No failed prints today
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {/* a reprint started from this list reports here; one started from the form reports there */}
      <ReprintResult source="list" />
    </section>
  );
}

function ReprintForm({ canReprint }: { canReprint: boolean }) {
  const reprint = useStaff((s) => s.reprint);
  const reprinting = useStaff((s) => s.reprinting);
  const [localError, setLocalError] = useState<string | null>(null);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const raw = String(new FormData(form).get('reprintNumber') ?? '')
      .trim()
      .toUpperCase();
    const parsed = reprintRequestSchema.safeParse({ number: raw });
    if (!parsed.success) {
      setLocalError('請輸入號碼，例如 A012 · Enter a ticket number such as A012');
      return;
    }
    setLocalError(null);
    if (await reprint(parsed.data.number, 'form')) form.reset();
  };

  return (
    <form className="card reprint-form" onSubmit={onSubmit} noValidate data-testid="reprint-form">
      <h2 className="card__title">
        <span lang="zh-TW">補印號碼單</span>
        <span lang="en" className="card__title-en">
          Reprint a ticket
        </span>
      </h2>
      <p className="card__text">
        <span lang="zh-TW">可補印今天發出的任一號碼單。</span> <span lang="en">Reprints any ticket issued today.</span>
      </p>
      <div className="reprint-form__row">
        <div className="field">
          <label htmlFor="reprint-number" className="field__label">
            <span lang="zh-TW">號碼</span> <span lang="en">Ticket number</span>
          </label>
          <input
            id="reprint-number"
            name="reprintNumber"
            className="field__input reprint-form__input"
            placeholder="A012"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={8}
            disabled={!canReprint}
          />
        </div>
        <button type="submit" className="btn btn--primary reprint-form__submit" disabled={!canReprint || reprinting !== null} data-testid="reprint-submit">
          補印 Reprint
        </button>
      </div>
      {!canReprint && (
        <p className="console__hint" role="note">
          此帳號沒有補印權限 · This account cannot reprint tickets
        </p>
      )}
      {localError ? <InlineError message={localError} testId="reprint-error" /> : <ReprintResult source="form" />}
    </form>
  );
}
