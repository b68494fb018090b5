/**
 * Every citizen-facing text, in both languages. A value is a string with {placeholders}
 * or a function of the variables (for plurals).
 */
export type Vars = Record<string, string | number>;
type Entry = string | ((v: Vars) => string);
export interface Pair {
  'zh-TW': Entry;
  en: Entry;
}

const n = (v: Vars) => Number(v.n ?? 0);

export const STRINGS = {
  // common
  'common.loading': { 'zh-TW': '載入中…', en: 'Loading…' },
  'common.reconnecting': { 'zh-TW': '連線中', en: 'Reconnecting' },
  'common.offline': { 'zh-TW': '系統暫停服務', en: 'Service temporarily unavailable' },
  'common.askDesk': { 'zh-TW': '請洽服務台', en: 'Please ask at the information desk' },
  'common.retrying': { 'zh-TW': '正在重新連線，請稍候', en: 'Trying to reconnect, please wait' },
  'common.people': { 'zh-TW': '{n} 人', en: (v) => (n(v) === 1 ? '1 person' : `${n(v)} people`) },
  'common.counter': { 'zh-TW': '{n} 號櫃台', en: 'Counter {n}' },
  'lang.switchLabel': { 'zh-TW': '語言 Language', en: 'Language 語言' },

  // kiosk
  'kiosk.chooseService': { 'zh-TW': '請選擇服務項目', en: 'Please choose a service' },
  'kiosk.touchHint': { 'zh-TW': '輕觸下方按鈕即可取號', en: 'Touch a button below to take a number' },
  'kiosk.waiting': {
    'zh-TW': (v) => (n(v) === 0 ? '目前無人等候' : `目前等候 ${n(v)} 人`),
    en: (v) => (n(v) === 0 ? 'No one waiting' : `${n(v)} waiting`),
  },
  'kiosk.issuing': { 'zh-TW': '取號中，請稍候…', en: 'Issuing your number, please wait…' },
  'kiosk.yourNumber': { 'zh-TW': '您的號碼', en: 'Your number' },
  'kiosk.ahead': {
    'zh-TW': (v) => (n(v) === 0 ? '下一位就是您' : `前面還有 ${n(v)} 人`),
    en: (v) => (n(v) === 0 ? 'You are next' : n(v) === 1 ? '1 person ahead of you' : `${n(v)} people ahead of you`),
  },
  'kiosk.takeTicket': { 'zh-TW': '請取號碼單', en: 'Please take your ticket' },
  'kiosk.printQueued': { 'zh-TW': '號碼單列印中，請稍候取單', en: 'Your ticket is printing, please wait' },
  'kiosk.printFailed': { 'zh-TW': '號碼單未能印出', en: 'Your ticket could not be printed' },
  'kiosk.rememberNumber': { 'zh-TW': '請記下您的號碼', en: 'Please remember your number' },
  'kiosk.scanPhone': { 'zh-TW': '手機掃描，隨時查看叫號進度', en: 'Scan to follow your number on your phone' },
  'kiosk.tapToReturn': { 'zh-TW': '輕觸畫面返回首頁', en: 'Touch the screen to return' },
  'kiosk.errorTitle': { 'zh-TW': '暫時無法取號', en: 'A number cannot be issued right now' },
  'kiosk.back': { 'zh-TW': '返回', en: 'Back' },
  'kiosk.paused': { 'zh-TW': '暫停取號', en: 'Ticket issuing paused' },
  'kiosk.pausedResume': {
    'zh-TW': '恢復後將自動開放取號',
    en: 'Numbers will be available again automatically',
  },
  'kiosk.noServices': { 'zh-TW': '目前沒有開放取號的服務', en: 'No services are open for numbers now' },
  'kiosk.priority': { 'zh-TW': '博愛取號', en: 'Priority number' },
  'kiosk.priorityWho': { 'zh-TW': '年長者、身心障礙者、孕婦', en: 'Elderly, disabled or pregnant' },
  'kiosk.priorityOn': { 'zh-TW': '已選博愛，請選擇服務項目', en: 'Priority on: now choose a service' },
  'kiosk.priorityBadge': { 'zh-TW': '博愛', en: 'Priority' },
  'kiosk.closed': { 'zh-TW': '非服務時間', en: 'Closed' },
  'kiosk.hoursToday': { 'zh-TW': '今日 {hours}', en: 'Today {hours}' },
  'kiosk.notOpenToday': { 'zh-TW': '今日不開放', en: 'Not open today' },
  'kiosk.estimate': {
    'zh-TW': (v) => (n(v) < 1 ? '不到 1 分鐘' : `約 ${n(v)} 分鐘`),
    en: (v) => (n(v) < 1 ? 'under 1 min' : `about ${n(v)} min`),
  },
  'kiosk.estimateLabel': { 'zh-TW': '預估等候', en: 'Estimated wait' },
  'kiosk.printing': { 'zh-TW': '正在列印…', en: 'Printing…' },
  'kiosk.printingHint': {
    'zh-TW': '若未取得號碼單，請記下號碼並洽服務台',
    en: 'If no ticket comes out, note your number and ask at the information desk',
  },

  // call board (both languages are shown at once)
  'calls.nowCalling': { 'zh-TW': '現在叫號', en: 'Now calling' },
  'calls.recent': { 'zh-TW': '最近叫號', en: 'Recent calls' },
  'calls.waiting': { 'zh-TW': '等候人數', en: 'Waiting' },
  'calls.lastCalled': { 'zh-TW': '最近叫號', en: 'Last called' },
  'calls.noCalls': { 'zh-TW': '尚未開始叫號', en: 'No numbers called yet' },
  'calls.pleaseGo': { 'zh-TW': '請至', en: 'Please go to' },
  'calls.recall': { 'zh-TW': '再次叫號', en: 'Recall' },
  'calls.priority': { 'zh-TW': '博愛', en: 'Priority' },
  'calls.closed': { 'zh-TW': '非服務時間', en: 'Closed' },
  'calls.aboutMinutes': { 'zh-TW': '約 {n} 分鐘', en: '~{n} min' },
  'calls.enableSound': { 'zh-TW': '點一下以開啟叫號聲音', en: 'Tap to enable call sounds' },

  // phone page
  'phone.title': { 'zh-TW': '號碼單進度', en: 'Ticket status' },
  'phone.number': { 'zh-TW': '號碼', en: 'Number' },
  'phone.service': { 'zh-TW': '服務項目', en: 'Service' },
  'phone.status': { 'zh-TW': '狀態', en: 'Status' },
  'phone.ahead': { 'zh-TW': '前面人數', en: 'People ahead' },
  'phone.status.waiting': { 'zh-TW': '等候中', en: 'Waiting' },
  'phone.status.called': { 'zh-TW': '已叫號', en: 'Called' },
  'phone.status.done': { 'zh-TW': '已完成', en: 'Completed' },
  'phone.status.expired': { 'zh-TW': '已逾時', en: 'Expired' },
  'phone.status.serving': { 'zh-TW': '服務中', en: 'Being served' },
  'phone.status.skipped': { 'zh-TW': '已過號', en: 'Missed' },
  'phone.status.no_show': { 'zh-TW': '過號未到', en: 'Missed, no longer valid' },
  'phone.servingAt': { 'zh-TW': '於 {n} 號櫃台', en: 'At Counter {n}' },
  'phone.skippedHint': { 'zh-TW': '您的號碼已叫過，請儘速至櫃台', en: 'Your number was called: please go to the counter now' },
  'phone.noShowHint': { 'zh-TW': '如仍需服務，請重新取號', en: 'If you still need the service, please take a new number' },
  'phone.estimate': {
    'zh-TW': (v) => (n(v) < 1 ? '預估即將輪到您' : `預估等候約 ${n(v)} 分鐘`),
    en: (v) => (n(v) < 1 ? 'Expected very soon' : `Estimated wait about ${n(v)} min`),
  },
  'phone.goTo': { 'zh-TW': '請至 {n} 號櫃台', en: 'Please go to Counter {n}' },
  'phone.updated': { 'zh-TW': '更新時間 {time}', en: 'Updated {time}' },
  'phone.autoRefresh': { 'zh-TW': '本頁會自動更新', en: 'This page updates by itself' },
  'phone.notFound': { 'zh-TW': '查無此號碼單', en: 'Ticket not found' },
  'phone.notFoundHint': {
    'zh-TW': '號碼單可能已過期，請洽服務台。',
    en: 'The ticket may have expired. Please ask at the information desk.',
  },
  'phone.error': { 'zh-TW': '暫時無法取得資料，稍後自動重試', en: 'Cannot load right now; retrying shortly' },

  // pages not yet open
  'na.title': { 'zh-TW': '尚未開放', en: 'Not yet available' },
  'na.text': {
    'zh-TW': '此項服務即將開放，造成不便，敬請見諒。如需協助，請洽服務台。',
    en: 'This service will open soon. We apologise for the inconvenience. For help, please ask at the information desk.',
  },
  'screen.guide': { 'zh-TW': '自助服務導覽', en: 'Self-service guide' },
  'screen.hearings': { 'zh-TW': '開庭進度', en: 'Hearing progress' },
  'screen.detainees': { 'zh-TW': '新收人犯處理情形', en: 'Detainee processing status' },
  'screen.phone': { 'zh-TW': '號碼單進度', en: 'Ticket status' },
  'screen.unknown': { 'zh-TW': '找不到此頁面', en: 'Page not found' },
} satisfies Record<string, Pair>;

export type StringKey = keyof typeof STRINGS;
