/**
 * The audit log as an administrator reads it: each action a sentence in Chinese and in
 * English, with the facts its change record holds ("王○明 把 A012 重印 / 王○明 reprinted
 * A012"). The rows keep their JSON; the words are made when they are read, so an old row
 * reads in today's words and an action these pages do not know still reads as a sentence.
 */
import { ROLE_WORDS, type Bilingual, type HearingState, type Role } from '../contract';

/** The site's names for the ids a change record holds. */
export interface AuditNames {
  courtroom(id: string): Bilingual | undefined;
  /** A detainee stage or outcome. */
  detaineeStep(id: string): Bilingual | undefined;
  counter(id: string): Bilingual | undefined;
}

type Words = { zh: string; en: string };

/** A change record read field by field: a value of the wrong type reads as absent, never as a crash. */
class Detail {
  constructor(private readonly d: Record<string, unknown>) {}
  str(k: string): string | undefined {
    const v = this.d[k];
    return typeof v === 'string' && v !== '' ? v : undefined;
  }
  num(k: string): number | undefined {
    const v = this.d[k];
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  }
  bool(k: string): boolean | undefined {
    const v = this.d[k];
    return typeof v === 'boolean' ? v : undefined;
  }
  strings(k: string): string[] | undefined {
    const v = this.d[k];
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
  }
  /** How many items a list holds (0 when it is not a list). */
  count(k: string): number {
    const v = this.d[k];
    return Array.isArray(v) ? v.length : 0;
  }
  sub(k: string): Detail {
    const v = this.d[k];
    return new Detail(v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  }
}

const STATE_WORDS: Record<HearingState, Words> = {
  scheduled: { zh: '排定', en: 'Scheduled' },
  checked_in: { zh: '已報到', en: 'Checked in' },
  waiting: { zh: '候訊', en: 'Waiting' },
  in_session: { zh: '開庭中', en: 'In session' },
  recess: { zh: '休庭', en: 'Recess' },
  finished: { zh: '庭畢', en: 'Finished' },
  postponed: { zh: '改期', en: 'Postponed' },
  cancelled: { zh: '取消', en: 'Cancelled' },
};

const GUIDE_SECTION_WORDS: Record<string, Words> = {
  offices: { zh: '科室位置', en: 'Offices' },
  procedures: { zh: '常見申辦', en: 'Procedures' },
  faq: { zh: '常見問題', en: 'FAQ' },
  online: { zh: '線上服務', en: 'Online services' },
};

const HEARING_FIELD_WORDS: Record<string, Words> = {
  date: { zh: '日期', en: 'date' },
  time: { zh: '時間', en: 'time' },
  courtroomId: { zh: '法庭', en: 'courtroom' },
  caseNumber: { zh: '案號', en: 'case number' },
  division: { zh: '股別', en: 'division' },
  prosecutor: { zh: '檢察官', en: 'prosecutor' },
  persons: { zh: '當事人', en: 'persons' },
};

const DETAINEE_FIELD_WORDS: Record<string, Words> = {
  name: { zh: '姓名', en: 'name' },
  broughtAt: { zh: '解送時間', en: 'time brought in' },
  agency: { zh: '解送機關', en: 'agency' },
  offence: { zh: '案由', en: 'offence' },
};

const RETENTION_WORDS: Record<string, Words> = {
  hearings: { zh: '庭期', en: 'hearings' },
  roster: { zh: '值班表', en: 'duty rosters' },
  detainees: { zh: '新收人犯紀錄', en: 'detainee records' },
  'ticket-tokens': { zh: '號碼單手機連結', en: 'ticket phone links' },
  sessions: { zh: '登入工作階段', en: 'sign-in sessions' },
  'kiosk-codes': { zh: '取號機設定連結', en: 'kiosk set-up links' },
  'kiosk-credentials': { zh: '已撤銷的取號機憑證', en: 'revoked kiosk credentials' },
  audit: { zh: '稽核紀錄', en: 'audit rows' },
  'inbox-files': { zh: '庭期匯入檔', en: 'hearing import files' },
  logs: { zh: '系統日誌', en: 'log files' },
  backups: { zh: '備份中的資料', en: 'rows in kept backups' },
};

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A site day (2026-11-26) as people read it: 民國115年11月26日, 26 November 2026. */
export function dayWords(day: string): Words {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!m) return { zh: day, en: day };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return { zh: `民國${y - 1911}年${mo}月${d}日`, en: `${d} ${MONTHS_EN[mo - 1] ?? ''} ${y}` };
}

const list = (words: readonly Words[]): Words => ({ zh: words.map((w) => w.zh).join('、'), en: words.map((w) => w.en).join(', ') });
const roles = (ids: readonly string[]): Words => list(ids.map((r) => ROLE_WORDS[r as Role] ?? { zh: r, en: r }));
const state = (s: string | undefined): Words => STATE_WORDS[s as HearingState] ?? { zh: s ?? '?', en: s ?? '?' };
const fields = (ids: readonly string[], table: Record<string, Words>): Words => list(ids.map((f) => table[f] ?? { zh: f, en: f }));
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The part of a target after its kind: `user:lin` → lin. */
function targetId(target: string): string {
  const i = target.indexOf(':');
  return i < 0 ? target : target.slice(i + 1);
}

type Sentence = (who: Words, d: Detail, target: string, names: AuditNames) => Words;

/** A kiosk credential's purpose in words: a ticket kiosk, or a counter's rating tablet. */
function purposeWords(purpose: string | undefined, names: AuditNames): Words {
  if (purpose?.startsWith('rating:')) {
    const id = purpose.slice('rating:'.length);
    const counter = names.counter(id) ?? { zh: id, en: id };
    return { zh: `${counter.zh}的評價平板`, en: `the rating tablet of ${counter.en}` };
  }
  return { zh: '取號機', en: 'ticket kiosk' };
}

function userUpdate(who: Words, d: Detail, target: string): Words {
  const user = targetId(target);
  const parts: Words[] = [];
  const name = d.sub('displayName');
  if (name.str('to')) parts.push({ zh: `名稱由 ${name.str('from') ?? '?'} 改為 ${name.str('to')!}`, en: `name from ${name.str('from') ?? '?'} to ${name.str('to')!}` });
  const r = d.sub('roles');
  const to = r.strings('to') ?? d.strings('roles');
  if (to) {
    const from = r.strings('from');
    parts.push(
      from
        ? { zh: `角色由 ${roles(from).zh} 改為 ${roles(to).zh}`, en: `roles from ${roles(from).en} to ${roles(to).en}` }
        : { zh: `角色設為 ${roles(to).zh}`, en: `roles set to ${roles(to).en}` },
    );
  }
  const disabled = d.bool('disabled');
  if (disabled !== undefined && parts.length === 0) {
    return disabled ? { zh: `${who.zh} 停用帳號 ${user}`, en: `${who.en} disabled the account ${user}` } : { zh: `${who.zh} 重新啟用帳號 ${user}`, en: `${who.en} enabled the account ${user} again` };
  }
  if (disabled !== undefined) parts.push(disabled ? { zh: '停用', en: 'disabled' } : { zh: '重新啟用', en: 'enabled again' });
  if (parts.length === 0) return { zh: `${who.zh} 儲存帳號 ${user}（無變更）`, en: `${who.en} saved the account ${user} (no change)` };
  return { zh: `${who.zh} 修改帳號 ${user}：${parts.map((p) => p.zh).join('；')}`, en: `${who.en} changed the account ${user}: ${parts.map((p) => p.en).join('; ')}` };
}

const SENTENCES: Record<string, { label: Words; say: Sentence }> = {
  'user.setup': {
    label: { zh: '首次設定', en: 'First set-up' },
    say: (who) => ({ zh: `${who.zh} 完成首次設定，成為第一位系統管理員`, en: `${who.en} set the lobby up as its first administrator` }),
  },
  'user.create': {
    label: { zh: '新增帳號', en: 'Account created' },
    say: (who, d, target) => {
      const r = roles(d.strings('roles') ?? []);
      const name = d.str('displayName');
      return {
        zh: `${who.zh} 新增帳號 ${targetId(target)}${name ? `（${name}）` : ''}，角色：${r.zh}`,
        en: `${who.en} created the account ${targetId(target)}${name ? ` (${name})` : ''} with roles: ${r.en}`,
      };
    },
  },
  'user.update': { label: { zh: '修改帳號', en: 'Account changed' }, say: userUpdate },
  'user.password.reset': {
    label: { zh: '重設密碼', en: 'Password reset' },
    say: (who, d, target) => {
      const n = d.num('endedSessions') ?? 0;
      return {
        zh: `${who.zh} 重設 ${targetId(target)} 的密碼${n ? `，並登出其 ${n} 個工作階段` : ''}`,
        en: `${who.en} reset the password of ${targetId(target)}${n ? `, ending ${plural(n, 'session', 'sessions')}` : ''}`,
      };
    },
  },
  'user.password.change': {
    label: { zh: '變更自己的密碼', en: 'Own password changed' },
    say: (who, d) => {
      const n = d.num('endedSessions') ?? 0;
      return {
        zh: `${who.zh} 變更了自己的密碼${n ? `，並登出其他 ${n} 個工作階段` : ''}`,
        en: `${who.en} changed their own password${n ? `, ending ${plural(n, 'other session', 'other sessions')}` : ''}`,
      };
    },
  },
  'user.password.refused': {
    label: { zh: '變更密碼失敗', en: 'Password change refused' },
    say: (who, d) => ({
      zh: `${who.zh} 變更密碼失敗：目前的密碼不正確（${d.str('address') ?? '?'}）`,
      en: `${who.en} could not change their password: wrong current password (from ${d.str('address') ?? '?'})`,
    }),
  },
  login: {
    label: { zh: '登入', en: 'Signed in' },
    say: (who, d) => ({ zh: `${who.zh} 登入（${d.str('address') ?? '?'}）`, en: `${who.en} signed in (from ${d.str('address') ?? '?'})` }),
  },
  'login.failed': {
    label: { zh: '登入失敗', en: 'Sign-in failed' },
    say: (_who, d, target) => ({
      zh: `以帳號 ${targetId(target)} 登入失敗（${d.str('address') ?? '?'}）`,
      en: `A sign-in as ${targetId(target)} failed (from ${d.str('address') ?? '?'})`,
    }),
  },
  'login.throttled': {
    label: { zh: '登入暫停', en: 'Sign-in slowed' },
    say: (_who, d, target) => {
      const s = d.num('waitSeconds') ?? 0;
      return {
        zh: `帳號 ${targetId(target)} 登入失敗 ${d.num('failures') ?? '?'} 次，須等候 ${s} 秒（${d.str('address') ?? '?'}）`,
        en: `${d.num('failures') ?? '?'} failed sign-ins as ${targetId(target)}: the next try waits ${plural(s, 'second', 'seconds')} (from ${d.str('address') ?? '?'})`,
      };
    },
  },
  'login.unlock': {
    label: { zh: '解除登入限制', en: 'Sign-in waits ended' },
    say: (who, d, target) => ({
      zh: `${who.zh} 解除 ${targetId(target)} 的登入限制（${d.num('cleared') ?? 0} 項）`,
      en: `${who.en} ended the sign-in waits of ${targetId(target)} (${d.num('cleared') ?? 0})`,
    }),
  },
  logout: { label: { zh: '登出', en: 'Signed out' }, say: (who) => ({ zh: `${who.zh} 登出`, en: `${who.en} signed out` }) },
  'kiosk.provision': {
    label: { zh: '設定取號機', en: 'Kiosk set up' },
    say: (who, d, _t, names) => {
      const p = purposeWords(d.str('purpose'), names);
      return {
        zh: `${who.zh} 發出的設定連結啟用了${p.zh}「${d.str('name') ?? '?'}」`,
        en: `A set-up link from ${who.en} set up ${p.en} “${d.str('name') ?? '?'}”`,
      };
    },
  },
  'kiosk.built-in': {
    label: { zh: '取號機視窗啟動', en: 'Kiosk window started' },
    say: (_who, d) => ({ zh: `本機取號機視窗「${d.str('name') ?? '?'}」取得憑證`, en: `The lobby's kiosk window “${d.str('name') ?? '?'}” got its credential` }),
  },
  'kiosk.issued': {
    label: { zh: '發給取號機憑證', en: 'Kiosk credential issued' },
    say: (_who, d) => ({ zh: `系統發給取號機「${d.str('name') ?? '?'}」憑證`, en: `The lobby issued a credential to the kiosk “${d.str('name') ?? '?'}”` }),
  },
  'kiosk.revoke': {
    label: { zh: '撤銷取號機', en: 'Kiosk revoked' },
    say: (who, _d, target) => ({ zh: `${who.zh} 撤銷取號機憑證 #${targetId(target)}`, en: `${who.en} revoked kiosk credential #${targetId(target)}` }),
  },
  'hours.set': {
    label: { zh: '修改營業時間', en: 'Opening hours changed' },
    say: (who, _d, target) => ({ zh: `${who.zh} 修改服務 ${targetId(target)} 的營業時間`, en: `${who.en} changed the opening hours of service ${targetId(target)}` }),
  },
  'hours.reset': {
    label: { zh: '營業時間改回站台設定', en: 'Opening hours back to the site file' },
    say: (who, _d, target) => ({ zh: `${who.zh} 把服務 ${targetId(target)} 的營業時間改回站台設定檔`, en: `${who.en} set the opening hours of service ${targetId(target)} back to the site file's` }),
  },
  'ticket.reprint': {
    label: { zh: '重印號碼單', en: 'Ticket reprinted' },
    say: (who, _d, target) => ({ zh: `${who.zh} 把 ${targetId(target)} 重印`, en: `${who.en} reprinted ${targetId(target)}` }),
  },
  'marquee.create': {
    label: { zh: '新增跑馬燈', en: 'Marquee message added' },
    say: (who, d, target) => {
      const m = d.sub('after');
      return { zh: `${who.zh} 新增跑馬燈訊息 #${targetId(target)}「${m.str('zh') ?? ''}」`, en: `${who.en} added marquee message #${targetId(target)} “${m.str('en') ?? ''}”` };
    },
  },
  'marquee.update': {
    label: { zh: '修改跑馬燈', en: 'Marquee message changed' },
    say: (who, d, target) => {
      const m = d.sub('after');
      return { zh: `${who.zh} 修改跑馬燈訊息 #${targetId(target)}「${m.str('zh') ?? ''}」`, en: `${who.en} changed marquee message #${targetId(target)} “${m.str('en') ?? ''}”` };
    },
  },
  'marquee.delete': {
    label: { zh: '刪除跑馬燈', en: 'Marquee message deleted' },
    say: (who, d, target) => {
      const m = d.sub('before');
      return { zh: `${who.zh} 刪除跑馬燈訊息 #${targetId(target)}「${m.str('zh') ?? ''}」`, en: `${who.en} deleted marquee message #${targetId(target)} “${m.str('en') ?? ''}”` };
    },
  },
  'emergency.raise': {
    label: { zh: '發布緊急廣播', en: 'Emergency raised' },
    say: (who, d) => ({ zh: `${who.zh} 發布緊急廣播「${d.str('zh') ?? ''}」`, en: `${who.en} raised an emergency broadcast “${d.str('en') ?? ''}”` }),
  },
  'emergency.clear': {
    label: { zh: '解除緊急廣播', en: 'Emergency cleared' },
    say: (who, d) =>
      d.str('replacedBy')
        ? { zh: `${who.zh} 以新的緊急廣播取代前一則`, en: `${who.en} replaced the emergency broadcast with a new one` }
        : { zh: `${who.zh} 解除緊急廣播`, en: `${who.en} cleared the emergency broadcast` },
  },
  'hearing.create': {
    label: { zh: '新增庭期', en: 'Hearing added' },
    say: (who, d) => {
      const day = dayWords(d.str('date') ?? '');
      return { zh: `${who.zh} 新增${day.zh}的庭期 ${d.str('caseNumber') ?? '?'}`, en: `${who.en} added the hearing ${d.str('caseNumber') ?? '?'} on ${day.en}` };
    },
  },
  'hearings.import': {
    label: { zh: '匯入庭期', en: 'Hearings imported' },
    say: (who, d) => {
      const imported = d.num('imported');
      const updated = d.num('updated');
      const counts = imported !== undefined ? { zh: `：新增 ${imported} 筆、更新 ${updated ?? 0} 筆`, en: `: ${imported} added, ${updated ?? 0} updated` } : { zh: '', en: '' };
      return { zh: `${who.zh} 匯入庭期檔案${counts.zh}`, en: `${who.en} imported a hearings file${counts.en}` };
    },
  },
  'hearing.state': {
    label: { zh: '庭期進度', en: 'Hearing moved' },
    say: (who, d) => {
      const [from, to] = [state(d.str('from')), state(d.str('to'))];
      return { zh: `${who.zh} 將 ${d.str('caseNumber') ?? '?'} 由「${from.zh}」改為「${to.zh}」`, en: `${who.en} moved ${d.str('caseNumber') ?? '?'} from ${from.en} to ${to.en}` };
    },
  },
  'hearing.undo': {
    label: { zh: '復原庭畢', en: 'Finished undone' },
    say: (who, d) => {
      const to = state(d.str('to'));
      return { zh: `${who.zh} 復原 ${d.str('caseNumber') ?? '?'} 的庭畢，改回「${to.zh}」`, en: `${who.en} undid Finished for ${d.str('caseNumber') ?? '?'}: back to ${to.en}` };
    },
  },
  'hearing.update': {
    label: { zh: '修改庭期', en: 'Hearing corrected' },
    say: (who, d) => {
      const f = fields(d.strings('changed') ?? [], HEARING_FIELD_WORDS);
      return { zh: `${who.zh} 修改庭期 ${d.str('caseNumber') ?? '?'}（${f.zh}）`, en: `${who.en} corrected the hearing ${d.str('caseNumber') ?? '?'} (${f.en})` };
    },
  },
  'hearing.delete': {
    label: { zh: '刪除庭期', en: 'Hearing deleted' },
    say: (who, d, _t, names) => {
      const day = dayWords(d.str('date') ?? '');
      const id = d.str('courtroomId');
      const room = (id && names.courtroom(id)) || { zh: id ?? '?', en: id ?? '?' };
      return {
        zh: `${who.zh} 刪除${day.zh}${room.zh}的庭期 ${d.str('caseNumber') ?? '?'}`,
        en: `${who.en} deleted the hearing ${d.str('caseNumber') ?? '?'} (${room.en}, ${day.en})`,
      };
    },
  },
  'detainee.record': {
    label: { zh: '登記新收', en: 'Detainee recorded' },
    say: (who, d) => ({ zh: `${who.zh} 登記新收 ${d.str('name') ?? '?'}（${d.str('agency') ?? '?'}）`, en: `${who.en} recorded ${d.str('name') ?? '?'} brought in by ${d.str('agency') ?? '?'}` }),
  },
  'detainee.stage': {
    label: { zh: '新收進度', en: 'Detainee stage' },
    say: (who, d, _t, names) => {
      const step = (id: string | undefined) => (id && names.detaineeStep(id)) || { zh: id ?? '?', en: id ?? '?' };
      const [from, to] = [step(d.str('from')), step(d.str('to'))];
      return { zh: `${who.zh} 將 ${d.str('name') ?? '?'} 由「${from.zh}」改為「${to.zh}」`, en: `${who.en} moved ${d.str('name') ?? '?'} from ${from.en} to ${to.en}` };
    },
  },
  'detainee.update': {
    label: { zh: '更正新收紀錄', en: 'Detainee corrected' },
    say: (who, d) => {
      const f = fields(d.strings('changed') ?? [], DETAINEE_FIELD_WORDS);
      return { zh: `${who.zh} 更正 ${d.str('name') ?? '?'} 的紀錄（${f.zh}）`, en: `${who.en} corrected the record of ${d.str('name') ?? '?'} (${f.en})` };
    },
  },
  'detainee.delete': {
    label: { zh: '刪除新收紀錄', en: 'Detainee deleted' },
    say: (who, d) => ({ zh: `${who.zh} 刪除 ${d.str('name') ?? '?'} 的紀錄`, en: `${who.en} deleted the record of ${d.str('name') ?? '?'}` }),
  },
  'detainee.purge': {
    label: { zh: '清除新收紀錄', en: 'Detainee records purged' },
    say: (_who, d) => {
      const day = dayWords(d.str('before') ?? '');
      return { zh: `系統清除${day.zh}以前的新收紀錄 ${d.num('deleted') ?? 0} 筆`, en: `The lobby purged ${d.num('deleted') ?? 0} detainee records from before ${day.en}` };
    },
  },
  'roster.update': {
    label: { zh: '修改值班表', en: 'Roster changed' },
    say: (who, d, target) => {
      const day = dayWords(targetId(target));
      const n = d.count('after');
      return { zh: `${who.zh} 修改${day.zh}的值班表（${n} 人）`, en: `${who.en} changed the duty roster of ${day.en} (${plural(n, 'entry', 'entries')})` };
    },
  },
  'guide.section.update': {
    label: { zh: '修改導覽內容', en: 'Guide edited' },
    say: (who, d, target) => {
      const s = GUIDE_SECTION_WORDS[d.str('section') ?? targetId(target)] ?? { zh: targetId(target), en: targetId(target) };
      return { zh: `${who.zh} 修改導覽內容「${s.zh}」`, en: `${who.en} edited the guide section ${s.en}` };
    },
  },
  'guide.section.reset': {
    label: { zh: '還原導覽內容', en: 'Guide reset' },
    say: (who, d, target) => {
      const s = GUIDE_SECTION_WORDS[d.str('section') ?? targetId(target)] ?? { zh: targetId(target), en: targetId(target) };
      return { zh: `${who.zh} 將導覽內容「${s.zh}」還原為站台預設`, en: `${who.en} reset the guide section ${s.en} to the site's own` };
    },
  },
  'retention.purge': {
    label: { zh: '清除逾期資料', en: 'Data past its limit purged' },
    say: (_who, d, target) => {
      const kind = RETENTION_WORDS[target] ?? { zh: target, en: target };
      return { zh: `系統依保存期限清除${kind.zh} ${d.num('count') ?? 0} 筆`, en: `The lobby purged ${d.num('count') ?? 0} ${kind.en} past their keeping limit` };
    },
  },
  'device.sim-fault': {
    label: { zh: '模擬印表機故障', en: 'Simulated printer fault' },
    say: (who, d) => {
      const fault = d.str('fault');
      return fault
        ? { zh: `${who.zh} 在模擬器設定印表機狀態：${fault}`, en: `${who.en} set the simulated printer to ${fault}` }
        : { zh: `${who.zh} 清除模擬印表機的故障`, en: `${who.en} cleared the simulated printer's fault` };
    },
  },
  'device.sim-sign': {
    label: { zh: '模擬看板離線', en: 'Simulated sign offline' },
    say: (who, d, target) =>
      d.bool('offline')
        ? { zh: `${who.zh} 將模擬看板 ${targetId(target)} 設為離線`, en: `${who.en} took the simulated sign ${targetId(target)} offline` }
        : { zh: `${who.zh} 將模擬看板 ${targetId(target)} 設為上線`, en: `${who.en} brought the simulated sign ${targetId(target)} back online` },
  },
  'screen.forget': {
    label: { zh: '移除螢幕', en: 'Screen forgotten' },
    say: (who, _d, target) => ({ zh: `${who.zh} 從設備清單移除螢幕 ${target}`, en: `${who.en} removed the screen ${target} from the device list` }),
  },
};

/** The actions the filter offers, with their names, in the order above (accounts first). */
export function auditActionLabels(): { action: string; label: Words }[] {
  return Object.entries(SENTENCES).map(([action, s]) => ({ action, label: s.label }));
}

/** Who acted, as the sentence names them: the account's (masked) name, else the lobby itself. */
export function actorWords(actorName: string | null, username: string | null): Words {
  if (actorName) return { zh: actorName, en: actorName };
  if (username) return { zh: username, en: username };
  return { zh: '系統', en: 'The lobby' };
}

/** One audit row in words. `detail`: the stored JSON (anything unreadable reads as no detail). */
export function auditSentence(row: { action: string; target: string; detail: string }, who: Words, names: AuditNames): Words {
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.detail);
  } catch {
    parsed = {};
  }
  const d = new Detail(parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {});
  const known = SENTENCES[row.action];
  if (known) return known.say(who, d, row.target, names);
  return { zh: `${who.zh}：${row.action}（${row.target}）`, en: `${who.en}: ${row.action} (${row.target})` };
}
