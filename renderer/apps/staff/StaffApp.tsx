import { useState } from 'react';
import { ConnectionMark } from '../../components/ConnectionMark';
import { DEFAULT_TIME_ZONE } from '../../i18n';
import { staffAccess } from './access';
import { ROUTES, rolesPass } from '../../../core/contract';
import { AuditPanel } from './AuditPanel';
import { ChecklistPanel } from './ChecklistPanel';
import { landingTab } from './landing';
import { MyAccountPanel } from './MyAccountPanel';
import { LoginForm, SetupForm } from './AuthForms';
import { CounterConsole } from './CounterConsole';
import { DeviceAlert, DevicesPanel } from './DevicesPanel';
import { ROLE_LABEL } from './labels';
import { UsersPanel } from './UsersPanel';
import { DetaineesPanel } from './DetaineesPanel';
import { HearingsPanel } from './HearingsPanel';
import { RosterPanel } from './RosterPanel';
import { EmergencyBanner, EmergencyPanel } from './EmergencyPanel';
import { MarqueePanel } from './MarqueePanel';
import { GuidePanel } from './GuidePanel';
import { HoursPanel } from './HoursPanel';
import { KiosksPanel } from './KiosksPanel';
import { StatsPanel } from './StatsPanel';
import { useStaff } from './state';
import '../../styles/staff.css';

type Tab = 'overview' | 'counter' | 'devices' | 'users' | 'audit' | 'marquee' | 'emergency' | 'hearings' | 'detainees' | 'roster' | 'stats' | 'guide' | 'account' | 'kiosks' | 'hours';

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
          <SignedIn timeZone={site.timeZone ?? DEFAULT_TIME_ZONE} />
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

function SignedIn({ timeZone }: { timeZone: string }) {
  const site = useStaff((s) => s.site);
  const roles = useStaff((s) => s.me?.user?.roles);
  // A site without hearings (a prison) shows no hearings tab, whoever signs in.
  const can = staffAccess(roles, site ?? undefined);
  const canOverview = rolesPass(ROUTES.checklist.access, roles ?? []);
  const canOwnAccount = rolesPass(ROUTES.changeOwnPassword.access, roles ?? []);
  const tabs: { id: Tab; zh: string; en: string }[] = [
    ...(canOverview ? ([{ id: 'overview', zh: '總覽', en: 'Overview' }] as const) : []),
    { id: 'counter', zh: '櫃台叫號', en: 'Counter' },
    ...(can.devices ? ([{ id: 'devices', zh: '設備狀態', en: 'Devices' }] as const) : []),
    ...(can.hearings ? ([{ id: 'hearings', zh: '開庭進度', en: 'Hearings' }] as const) : []),
    ...(can.detainees ? ([{ id: 'detainees', zh: '新收人犯', en: 'New detainees' }] as const) : []),
    ...(can.roster ? ([{ id: 'roster', zh: '值班表', en: 'Duty roster' }] as const) : []),
    ...(can.marquee ? ([{ id: 'marquee', zh: '跑馬燈', en: 'Marquee' }] as const) : []),
    ...(can.guide ? ([{ id: 'guide', zh: '導覽內容', en: 'Guide content' }] as const) : []),
    ...(can.stats ? ([{ id: 'stats', zh: '統計', en: 'Statistics' }] as const) : []),
    ...(can.users ? ([{ id: 'users', zh: '帳號管理', en: 'Users' }] as const) : []),
    ...(can.kiosks ? ([{ id: 'kiosks', zh: '取號機與平板', en: 'Kiosks & tablets' }] as const) : []),
    ...(can.hours ? ([{ id: 'hours', zh: '營業時間', en: 'Opening hours' }] as const) : []),
    ...(can.audit ? ([{ id: 'audit', zh: '稽核紀錄', en: 'Audit log' }] as const) : []),
    ...(can.emergency ? ([{ id: 'emergency', zh: '緊急廣播', en: 'Emergency' }] as const) : []),
    ...(canOwnAccount ? ([{ id: 'account', zh: '我的帳號', en: 'My account' }] as const) : []),
  ];
  // Each role starts on its own work: counter → console, clerk → hearings, bailiff → detainees, desk → marquee, admin → overview.
  const [tab, setTab] = useState<Tab>(() => landingTab(roles ?? [], tabs.map((t) => t.id)));
  if (!site) return null;
  return (
    <>
      {tab !== 'emergency' && <EmergencyBanner isAdmin={can.emergency} />}
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
      {tab === 'overview' && canOverview && <ChecklistPanel tabs={tabs} onOpen={(id) => setTab(id as Tab)} />}
      {tab === 'counter' && <CounterConsole site={site} canCall={can.counter} />}
      {tab === 'devices' && <DevicesPanel site={site} canReprint={can.reprint} />}
      {tab === 'hearings' && can.hearings && <HearingsPanel site={site} canEnter={can.hearingEntry} />}
      {tab === 'detainees' && can.detainees && <DetaineesPanel site={site} />}
      {tab === 'roster' && can.roster && <RosterPanel site={site} />}
      {tab === 'users' && can.users && <UsersPanel />}
      {tab === 'kiosks' && can.kiosks && <KiosksPanel site={site} timeZone={timeZone} />}
      {tab === 'hours' && can.hours && <HoursPanel />}
      {tab === 'audit' && can.audit && <AuditPanel timeZone={timeZone} />}
      {tab === 'marquee' && can.marquee && <MarqueePanel site={site} timeZone={timeZone} />}
      {tab === 'guide' && can.guide && <GuidePanel />}
      {tab === 'stats' && can.stats && <StatsPanel site={site} timeZone={timeZone} />}
      {tab === 'emergency' && can.emergency && <EmergencyPanel />}
      {tab === 'account' && canOwnAccount && <MyAccountPanel />}
    </>
  );
}
