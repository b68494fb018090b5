import type { Bilingual } from '../../../core/contract';
import { LANG_TAG, otherLang, type Lang } from '../../i18n';

/** The guide's own labels, both languages. */
export const L = {
  title: { zh: '服務導覽', en: 'Guide' },
  home: { zh: '回首頁', en: 'Home' },
  'tab.map': { zh: '樓層地圖', en: 'Floor map' },
  'tab.procedures': { zh: '作業流程', en: 'Procedures' },
  'tab.faq': { zh: '常見問題', en: 'FAQ' },
  'tab.online': { zh: '線上服務', en: 'Online services' },
  youAreHere: { zh: '你在這裡', en: 'You are here' },
  offices: { zh: '科室', en: 'Offices' },
  chooseOffice: { zh: '請點選地圖或下方科室，顯示路線', en: 'Tap an office on the map or in the list to see the way' },
  about: { zh: '業務簡介', en: 'What it does' },
  hours: { zh: '服務時間', en: 'Opening hours' },
  phone: { zh: '電話／分機', en: 'Phone / extension' },
  noRoute: { zh: '找不到路線，請洽服務台', en: 'No route found; please ask at the desk' },
  sameFloor: { zh: '就在這一層樓', en: 'On this floor' },
  // One ride per floor change, the lift or stairs passing floors in between (core/domain/guide/route.ts).
  elevator: { zh: '搭電梯到{floor}', en: 'Take the lift to {floor}' },
  stairs: { zh: '走樓梯到{floor}', en: 'Take the stairs to {floor}' },
  'elevator.then': { zh: '再搭電梯到{floor}', en: 'then take the lift to {floor}' },
  'stairs.then': { zh: '再走樓梯到{floor}', en: 'then take the stairs to {floor}' },
  // Asked as the kiosk asks a language: two buttons side by side, the lift first and chosen.
  wayBetweenFloors: { zh: '上下樓方式', en: 'Between floors' },
  byLift: { zh: '搭電梯（無障礙）', en: 'Lift (step-free)' },
  byStairs: { zh: '走樓梯', en: 'Stairs' },
  noStepFree: { zh: '這條路需要走樓梯；需要協助請洽服務台', en: 'This way has stairs; ask at the desk for help' },
  floorShown: { zh: '顯示樓層', en: 'Floor shown' },
  routeFloors: { zh: '路線經過', en: 'The way goes through' },
  bring: { zh: '應備物品', en: 'What to bring' },
  duration: { zh: '所需時間', en: 'How long' },
  stepOf: { zh: '第 {n} 步，共 {m} 步', en: 'Step {n} of {m}' },
  prev: { zh: '上一步', en: 'Previous' },
  next: { zh: '下一步', en: 'Next' },
  where: { zh: '地點', en: 'Where' },
  showMap: { zh: '在地圖上看路線', en: 'Show the way on the map' },
  minutes: { zh: '約 {n} 分鐘', en: 'About {n} min' },
  allProcedures: { zh: '全部流程', en: 'All procedures' },
  search: { zh: '搜尋', en: 'Search' },
  searchLabel: { zh: '輸入關鍵字', en: 'Type a word' },
  clear: { zh: '清除', en: 'Clear' },
  byTopic: { zh: '依主題找，點一下即可', en: 'Find by topic: tap one' },
  allQuestions: { zh: '全部問題', en: 'All questions' },
  topicCount: { zh: '「{topic}」共 {n} 則', en: '{topic}: {n} found' },
  keyboard: { zh: '鍵盤', en: 'Keyboard' },
  letterKeyboard: { zh: '英文字母鍵盤', en: 'Letter keyboard' },
  backspace: { zh: '刪除', en: 'Delete' },
  space: { zh: '空格', en: 'Space' },
  hideKeyboard: { zh: '收起鍵盤', en: 'Hide keyboard' },
  results: { zh: '找到 {n} 則', en: '{n} found' },
  noResults: { zh: '找不到相關問題，請洽服務台', en: 'Nothing found; please ask at the desk' },
  scan: { zh: '用手機掃描 QR code 開啟', en: 'Scan the QR code with your phone' },
  loading: { zh: '載入中…', en: 'Loading…' },
  offline: { zh: '導覽暫時無法使用，請洽服務台', en: 'The guide is unavailable; please ask at the desk' },
} as const satisfies Record<string, Bilingual>;
export type LabelKey = keyof typeof L;

export function pick(b: Bilingual, lang: Lang): string {
  return lang === 'zh-TW' ? b.zh : b.en;
}

export function fill(s: string, vars: Record<string, string | number> = {}): string {
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function label(k: LabelKey, lang: Lang, vars?: Record<string, string | number>): string {
  return fill(pick(L[k], lang), vars);
}

/** One text both ways: the reader's language first, the other below. */
export function Bi({ text, lang, className = 'bi', vars, as: Tag = 'span' }: { text: Bilingual; lang: Lang; className?: string; vars?: Record<string, string | number>; as?: 'span' | 'div' }) {
  const other = otherLang(lang);
  return (
    <Tag className={className}>
      <span lang={LANG_TAG[lang]} className="bi__primary">
        {fill(pick(text, lang), vars)}
      </span>{' '}
      <span lang={LANG_TAG[other]} className="bi__secondary">
        {fill(pick(text, other), vars)}
      </span>
    </Tag>
  );
}

export function BiL({ k, lang, className, vars, as }: { k: LabelKey; lang: Lang; className?: string; vars?: Record<string, string | number>; as?: 'span' | 'div' }) {
  return <Bi text={L[k]} lang={lang} className={className} vars={vars} as={as} />;
}
