/**
 * The screens a site says are meant to be up: the lobby PC's own windows (`screens`) and
 * the screens on other computers it lists (`expectedScreens`). The staff view alarms when
 * one of them stops; any other page is listed quietly (core/live/screens.ts).
 */
import type { Bilingual } from '../contract';
import { screenPathOf, type SiteConfig } from './schema';

/** What the lobby PC's own windows are called in the staff view. */
const WINDOW_NAMES: Readonly<Record<string, Bilingual>> = {
  kiosk: { zh: '取號機', en: 'Ticket kiosk' },
  calls: { zh: '叫號看板', en: 'Call board' },
  staff: { zh: '櫃台工作台', en: 'Staff console' },
  devices: { zh: '裝置模擬器', en: 'Device simulator' },
  guide: { zh: '導覽機', en: 'Guide' },
  hearings: { zh: '開庭進度看板', en: 'Hearing board' },
  detainees: { zh: '新收人犯看板', en: 'New detainees board' },
};

/** The screens a site declares: its own windows (named by role, "this computer"), then `expectedScreens`. */
export function expectedScreensOf(site: Pick<SiteConfig, 'screens' | 'expectedScreens'>): SiteConfig['expectedScreens'] {
  const windows = site.screens.map((s) => {
    const path = screenPathOf(s);
    const role = WINDOW_NAMES[s.role] ?? { zh: s.role, en: s.role };
    const suffix = path.slice(`/${s.role}`.length).replace('/', ' ');
    return { path, name: { zh: `本機${role.zh}${suffix}`, en: `${role.en}${suffix} (this computer)` } };
  });
  const seen = new Set<string>();
  return [...windows, ...site.expectedScreens].filter((e) => !seen.has(e.path) && seen.add(e.path));
}
