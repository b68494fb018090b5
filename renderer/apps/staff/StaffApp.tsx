import { useState } from 'react';
import { ConnectionMark } from '../../components/ConnectionMark';
import { DEFAULT_TIME_ZONE } from '../../i18n';
import { AuditPanel } from './AuditPanel';
import { LoginForm, SetupForm } from './AuthForms';
import { CounterConsole } from './CounterConsole';
import { DeviceAlert, DevicesPanel } from './DevicesPanel';
import { ROLE_LABEL } from './labels';
import { UsersPanel } from './UsersPanel';
import { COUNTER_ROLES, REPRINT_ROLES } from '../../store/staff';
import { useStaff } from './state';
import '../../styles/staff.css';

type Tab = 'counter' | 'devices' | 'users' | 'audit';

export function StaffApp() {
  const me = useStaff((s) => s.me);
  const meError = useStaff((s) => s.meError);
  const site = useStaff((s) => s.site);
  const connection = useStaff((s) => s.connection);
  const user = me?.user ?? null;

  return (
    <div className="staff" data-testid="staff">
      <StaffHeader />
      <main className="staff__main">
        {!me && !meError && <p className="muted">載入中… Loading…</p>}
        {!me && meError && (
          <div className="card auth-card">
            <p className="inline-error" role="alert">
              {meError}
            </p>
            <button type="button" className="btn" onClick={() => void useStaff.getState().refreshMe().catch(() => undefined)}>
              重試 Retry
            </button>
          </div>
        )}
        {me && me.needsSetup && !user && <SetupForm />}
        {me && !me.needsSetup && !user && <LoginForm />}
        {user && site && (
          <SignedIn
            isAdmin={user.roles.includes('admin')}
            canCall={user.roles.some((r) => COUNTER_ROLES.includes(r))}
            canReprint={user.roles.some((r) => REPRINT_ROLES.includes(r))}
            timeZone={site.timeZone ?? DEFAULT_TIME_ZONE}
          />
        )}
        {user && !site && <p className="muted">載入站台資料… Loading site…</p>}
      </main>
      {user && <ConnectionMark status={connection} />}
    </div>
  );
}

function StaffHeader() {
  const me = useStaff((s) => s.me);
  const site = useStaff((s) => s.site);
  const logout = useStaff((s) => s.logout);
  const user = me?.user ?? null;
  return (
    <header className="staff__head">
      <div className="staff__brand">
        <span className="staff__app" lang="zh-TW">
          櫃台工作台
        </span>
        <span className="staff__app-en" lang="en">
          Staff console
        </span>
        {site && (
          <span className="staff__agency">
            {site.agency.zh} <span lang="en">{site.agency.en}</span>
          </span>
        )}
      </div>
      {user && (
        <div className="staff__user" data-testid="staff-user">
          <span className="staff__user-name">{user.displayName}</span>
          <span className="staff__user-meta">
            {user.username} · {user.roles.map((r) => ROLE_LABEL[r].zh).join('、')}
          </span>
          <button type="button" className="btn btn--on-dark" onClick={() => void logout()} data-testid="logout">
            登出 Sign out
          </button>
        </div>
      )}
    </header>
  );
}

function SignedIn(props: { isAdmin: boolean; canCall: boolean; canReprint: boolean; timeZone: string }) {
  const { isAdmin, canCall, canReprint, timeZone } = props;
  const site = useStaff((s) => s.site);
  const [tab, setTab] = useState<Tab>('counter');
  if (!site) return null;
  const tabs: { id: Tab; zh: string; en: string }[] = [
    { id: 'counter', zh: '櫃台叫號', en: 'Counter' },
    { id: 'devices', zh: '設備狀態', en: 'Devices' },
    ...(isAdmin
      ? ([
          { id: 'users', zh: '帳號管理', en: 'Users' },
          { id: 'audit', zh: '稽核紀錄', en: 'Audit log' },
        ] as const)
      : []),
  ];
  return (
    <>
      <DeviceAlert onOpen={tab === 'devices' ? undefined : () => setTab('devices')} />
      {tabs.length > 1 && (
        <nav className="tabs" role="tablist" aria-label="功能 Sections">
          {tabs.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              aria-selected={tab === t.id}
              className="tabs__tab"
              onClick={() => setTab(t.id)}
              data-testid={`tab-${t.id}`}
            >
              {t.zh} <span lang="en">{t.en}</span>
            </button>
          ))}
        </nav>
      )}
      {tab === 'counter' && <CounterConsole site={site} canCall={canCall} />}
      {tab === 'devices' && <DevicesPanel site={site} canReprint={canReprint} />}
      {tab === 'users' && isAdmin && <UsersPanel />}
      {tab === 'audit' && isAdmin && <AuditPanel timeZone={timeZone} />}
    </>
  );
}
