/**
 * A new agency's first-run checklist: what an administrator sets up before the lobby
 * opens, each step done or not as the lobby's own records say (nothing is ticked by
 * hand, so the list cannot claim what is not so), with what was found.
 */
import type { Bilingual, Checklist, ChecklistStep, Role } from '../../contract';

/** What the lobby holds now, gathered by the caller from each area. */
export interface ChecklistFacts {
  /** Enabled accounts, each with its roles. */
  accounts: readonly { roles: readonly Role[] }[];
  /** Ticket kiosk credentials not revoked, and how many of them have connected. */
  kiosks: { active: number; seen: number };
  counters: number;
  /** The services with no opening hours that no admin has looked at (they issue numbers whenever the lobby runs). */
  servicesWithoutHours: readonly Bilingual[];
  services: number;
  /** null: the site has no courtrooms, so there is nothing to import. */
  hearings: { today: number; everEntered: boolean } | null;
  /** Guide sections staff saved or reset. */
  guideSectionsReviewed: number;
  marqueeMessages: number;
  /** Devices and screens raising an alert now, by name; and how many are listed. */
  devices: { alerting: readonly Bilingual[]; listed: number };
}

const TITLES: Record<ChecklistStep, Bilingual> = {
  'first-admin': { zh: '建立第一位系統管理員', en: 'Create the first administrator' },
  'other-users': { zh: '建立同仁帳號', en: 'Create accounts for your colleagues' },
  kiosk: { zh: '設定取號機', en: 'Set up a ticket kiosk' },
  'counters-hours': { zh: '確認櫃台與服務時間', en: 'Check the counters and opening hours' },
  hearings: { zh: '匯入庭期', en: 'Import the hearings' },
  guide: { zh: '檢視導覽內容', en: 'Review the guide content' },
  marquee: { zh: '新增跑馬燈訊息', en: 'Add a marquee message' },
  devices: { zh: '確認設備正常', en: 'Check that the devices are healthy' },
};

const ROLE_WORDS: Record<Role, Bilingual> = {
  admin: { zh: '系統管理員', en: 'administrator' },
  counter: { zh: '櫃台人員', en: 'counter' },
  desk: { zh: '服務台', en: 'information desk' },
  bailiff: { zh: '法警', en: 'bailiff' },
  clerk: { zh: '書記官', en: 'clerk' },
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const names = (list: readonly Bilingual[]): Bilingual => ({ zh: list.map((b) => b.zh).join('、'), en: list.map((b) => b.en).join(', ') });

function item(step: ChecklistStep, done: boolean, found: Bilingual): Checklist['items'][number] {
  return { step, done, title: TITLES[step], found };
}

export function buildChecklist(f: ChecklistFacts): Checklist {
  const admins = f.accounts.filter((a) => a.roles.includes('admin')).length;
  const byRole = (Object.keys(ROLE_WORDS) as Role[])
    .map((r) => ({ r, n: f.accounts.filter((a) => a.roles.includes(r)).length }))
    .filter((x) => x.n > 0);
  const items = [
    item('first-admin', admins > 0, { zh: `${admins} 位系統管理員`, en: plural(admins, 'administrator', 'administrators') }),
    item(
      'other-users',
      f.accounts.length > 1,
      f.accounts.length > 1
        ? {
            zh: `${f.accounts.length} 個帳號：${byRole.map((x) => `${ROLE_WORDS[x.r].zh} ${x.n}`).join('、')}`,
            en: `${plural(f.accounts.length, 'account', 'accounts')}: ${byRole.map((x) => `${ROLE_WORDS[x.r].en} ${x.n}`).join(', ')}`,
          }
        : { zh: '目前只有您的帳號', en: 'Only your own account so far' },
    ),
    item(
      'kiosk',
      f.kiosks.seen > 0,
      f.kiosks.seen > 0
        ? { zh: `${f.kiosks.seen} 部取號機已連線`, en: `${plural(f.kiosks.seen, 'ticket kiosk has', 'ticket kiosks have')} connected` }
        : f.kiosks.active > 0
          ? { zh: `已發出 ${f.kiosks.active} 個取號機憑證，尚未連線`, en: `${plural(f.kiosks.active, 'kiosk credential', 'kiosk credentials')} issued, none connected yet` }
          : { zh: '尚未設定取號機', en: 'No ticket kiosk set up yet' },
    ),
    item(
      'counters-hours',
      f.counters > 0 && f.servicesWithoutHours.length === 0,
      f.servicesWithoutHours.length === 0
        ? { zh: `${f.counters} 個櫃台；${f.services} 項服務皆已設定服務時間`, en: `${plural(f.counters, 'counter', 'counters')}; all ${f.services} services have opening hours` }
        : {
            zh: `${f.counters} 個櫃台；未設定服務時間（隨時可取號）：${names(f.servicesWithoutHours).zh}`,
            en: `${plural(f.counters, 'counter', 'counters')}; no opening hours (numbers at any hour): ${names(f.servicesWithoutHours).en}`,
          },
    ),
    ...(f.hearings
      ? [
          item(
            'hearings',
            f.hearings.today > 0 || f.hearings.everEntered,
            f.hearings.today > 0
              ? { zh: `今日 ${f.hearings.today} 筆庭期`, en: `${plural(f.hearings.today, 'hearing', 'hearings')} today` }
              : f.hearings.everEntered
                ? { zh: '已匯入過庭期；今日沒有庭期', en: 'Hearings were imported before; none today' }
                : { zh: '尚未匯入或輸入任何庭期', en: 'No hearing imported or entered yet' },
          ),
        ]
      : []),
    item(
      'guide',
      f.guideSectionsReviewed > 0,
      f.guideSectionsReviewed > 0
        ? { zh: `已編修 ${f.guideSectionsReviewed} 個段落`, en: `${plural(f.guideSectionsReviewed, 'section', 'sections')} edited` }
        : { zh: '仍是站台預設內容，尚未檢視', en: "Still the site file's content, not reviewed yet" },
    ),
    item(
      'marquee',
      f.marqueeMessages > 0,
      f.marqueeMessages > 0
        ? { zh: `${f.marqueeMessages} 則訊息`, en: plural(f.marqueeMessages, 'message', 'messages') }
        : { zh: '尚無跑馬燈訊息', en: 'No marquee message yet' },
    ),
    item(
      'devices',
      f.devices.alerting.length === 0,
      f.devices.alerting.length === 0
        ? { zh: `${f.devices.listed} 項設備與畫面皆無警示`, en: `No alert from the ${plural(f.devices.listed, 'device or screen', 'devices and screens')}` }
        : { zh: `需處理：${names(f.devices.alerting).zh}`, en: `Needs attention: ${names(f.devices.alerting).en}` },
    ),
  ];
  return { items };
}
