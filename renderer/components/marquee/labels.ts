/** Bilingual names of marquee categories, emergency kinds and weekdays (staff forms, chips, overlay). */
import type { Bilingual, MarqueeCategory } from '../../../core/contract';
import type { EMERGENCY_KINDS } from '../../../core/contract';

export type EmergencyKind = (typeof EMERGENCY_KINDS)[number];

export const CATEGORY_LABEL: Readonly<Record<MarqueeCategory, Bilingual>> = {
  news: { zh: '最新消息', en: 'News' },
  law: { zh: '法令修正', en: 'Law' },
  policy: { zh: '政令宣導', en: 'Policy' },
  visiting: { zh: '接見須知', en: 'Visiting' },
  service: { zh: '服務資訊', en: 'Service' },
  other: { zh: '其他', en: 'Other' },
};

export const EMERGENCY_LABEL: Readonly<Record<EmergencyKind, Bilingual>> = {
  earthquake: { zh: '地震', en: 'Earthquake' },
  fire: { zh: '火災', en: 'Fire' },
  evacuation: { zh: '緊急疏散', en: 'Evacuation' },
  notice: { zh: '緊急公告', en: 'Notice' },
};

/** ISO weekdays 1 (Monday) … 7 (Sunday). */
export const WEEKDAYS: readonly { day: number; zh: string; en: string }[] = [
  { day: 1, zh: '一', en: 'Mon' },
  { day: 2, zh: '二', en: 'Tue' },
  { day: 3, zh: '三', en: 'Wed' },
  { day: 4, zh: '四', en: 'Thu' },
  { day: 5, zh: '五', en: 'Fri' },
  { day: 6, zh: '六', en: 'Sat' },
  { day: 7, zh: '日', en: 'Sun' },
];

export const BOARD_LABEL: Readonly<Record<'calls' | 'hearings' | 'detainees', Bilingual>> = {
  calls: { zh: '叫號看板', en: 'Call board' },
  hearings: { zh: '開庭進度看板', en: 'Hearing board' },
  detainees: { zh: '新收人犯看板', en: 'Detainee board' },
};
