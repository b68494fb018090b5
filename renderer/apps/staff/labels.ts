import type { Role } from '../../../core/contract';

/** Staff pages are Chinese-first with English labels. */
export const ROLE_LABEL: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '系統管理員', en: 'Administrator' },
  counter: { zh: '櫃台人員', en: 'Counter' },
  desk: { zh: '服務台', en: 'Information desk' },
  bailiff: { zh: '法警', en: 'Bailiff' },
  clerk: { zh: '書記官', en: 'Clerk' },
};
