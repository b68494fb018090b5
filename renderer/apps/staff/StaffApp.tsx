import { useState } from 'react';
import { rolesPass, TOPIC_ACCESS } from '../../../core/contract';
import { ConnectionMark } from '../../components/ConnectionMark';
import { DEFAULT_TIME_ZONE } from '../../i18n';
import { AuditPanel } from './AuditPanel';
import { LoginForm, SetupForm } from './AuthForms';
import { CounterConsole } from './CounterConsole';
import { DeviceAlert, DevicesPanel } from './DevicesPanel';
import { ROLE_LABEL } from './labels';
import { UsersPanel } from './UsersPanel';
import { DetaineesPanel } from './DetaineesPanel';
import { HearingsPanel } from './HearingsPanel';
import { RosterPanel } from './RosterPanel';
import { DETAINEES_TAB_ROLES, HEARING_ENTRY_ROLES, HEARINGS_TAB_ROLES, ROSTER_TAB_ROLES, hasRole } from '../../store/court';
import { EmergencyBanner, EmergencyPanel } from './EmergencyPanel';
import { MarqueePanel } from './MarqueePanel';
import { GuidePanel } from './GuidePanel';
import { StatsPanel } from './StatsPanel';
import { COUNTER_ROLES, REPRINT_ROLES } from '../../store/staff';
import { useStaff } from './state';
import '../../styles/staff.css';

type Tab = 'counter' | 'devices' | 'users' | 'audit' | 'marquee' | 'emergency' | 'hearings' | 'detainees' | 'roster' | 'stats' | 'guide';

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
  const roles = useStaff((s) => s.me?.user?.roles);
  // Bailiffs and clerks start on their own work, not on the counter console.
  const [tab, setTab] = useState<Tab>(() => (canCall ? 'counter' : hasRole(roles, HEARINGS_TAB_ROLES) ? 'hearings' : hasRole(roles, ROSTER_TAB_ROLES) ? 'roster' : 'counter'));
  const canMarquee = useStaff((s) => (s.me?.user?.roles ?? []).some((r) => r === 'desk' || r === 'admin'));
  if (!site) return null;
  const tabs: { id: Tab; zh: string; en: string }[] = [
    { id: 'counter', zh: '櫃台叫號', en: 'Counter' },
    // The device view is the devices.health topic: only for the roles that may follow it.
    ...(rolesPass(TOPIC_ACCESS['devices.health'], roles ?? []) ? ([{ id: 'devices', zh: '設備狀態', en: 'Devices' }] as const) : []),
    ...(hasRole(roles, HEARINGS_TAB_ROLES) ? ([{ id: 'hearings', zh: '開庭進度', en: 'Hearings' }] as const) : []),
    ...(hasRole(roles, DETAINEES_TAB_ROLES) ? ([{ id: 'detainees', zh: '新收人犯', en: 'New detainees' }] as const) : []),
    ...(hasRole(roles, ROSTER_TAB_ROLES) ? ([{ id: 'roster', zh: '值班表', en: 'Duty roster' }] as const) : []),
    ...(canMarquee ? ([{ id: 'marquee', zh: '跑馬燈', en: 'Marquee' }] as const) : []),
    ...(canMarquee ? ([{ id: 'guide', zh: '導覽內容', en: 'Guide content' }] as const) : []),
    ...(canMarquee ? ([{ id: 'stats', zh: '統計', en: 'Statistics' }] as const) : []),
    ...(isAdmin
      ? ([
          { id: 'users', zh: '帳號管理', en: 'Users' },
          { id: 'audit', zh: '稽核紀錄', en: 'Audit log' },
          { id: 'emergency', zh: '緊急廣播', en: 'Emergency' },
        ] as const)
      : []),
  ];
  return (
    <>
      {tab !== 'emergency' && <EmergencyBanner isAdmin={isAdmin} />}
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
      {tab === 'hearings' && hasRole(roles, HEARINGS_TAB_ROLES) && <HearingsPanel site={site} canEnter={hasRole(roles, HEARING_ENTRY_ROLES)} />}
      {tab === 'detainees' && hasRole(roles, DETAINEES_TAB_ROLES) && <DetaineesPanel site={site} />}
      {tab === 'roster' && hasRole(roles, ROSTER_TAB_ROLES) && <RosterPanel site={site} />}
      {tab === 'users' && isAdmin && <UsersPanel />}
      {tab === 'audit' && isAdmin && <AuditPanel timeZone={timeZone} />}
      {tab === 'marquee' && canMarquee && <MarqueePanel site={site} timeZone={timeZone} />}
      {tab === 'guide' && canMarquee && <GuidePanel />}
      {tab === 'stats' && canMarquee && <StatsPanel site={site} timeZone={timeZone} />}
      {tab === 'emergency' && isAdmin && <EmergencyPanel />}
    </>
  );
}
