/** The guide screen: content from /api/guide, what the citizen has chosen, and FAQ search. */
import type { StateCreator } from 'zustand';
import type { GuideResponse, GuideRoute, GuideSearchResponse, PublicSite } from '../../../core/contract';
import type { LangSlice } from '../lang/slice';
import type { SiteApi } from '../site/api';
import type { GuideApi } from './api';

export type GuideTab = 'map' | 'procedures' | 'faq' | 'online';
export const GUIDE_TABS: readonly GuideTab[] = ['map', 'procedures', 'faq', 'online'];

export interface GuideSlice {
  site: PublicSite | null;
  guide: GuideResponse | null;
  error: string | null;
  tab: GuideTab;
  /** The floor the map shows. */
  floor: string | null;
  officeId: string | null;
  /** The citizen asked for the stairs; the way shown first is step-free (the lift). */
  stairs: boolean;
  procedureId: string | null;
  step: number;
  query: string;
  search: GuideSearchResponse | null;
  searchError: string | null;
  /** The FAQ topic chip tapped (its Chinese word); the list shows that topic's questions. */
  topic: string | null;
  load(): Promise<void>;
  setTab(t: GuideTab): void;
  showFloor(id: string): void;
  selectOffice(id: string | null): void;
  setStairs(on: boolean): void;
  openProcedure(id: string | null): void;
  setStep(n: number): void;
  setQuery(q: string): void;
  /** A key of the on-screen keyboard: a letter or a space added, or the last character taken back. */
  typeKey(key: string | 'backspace'): void;
  chooseTopic(topic: string | null): void;
  runSearch(): Promise<void>;
  /** Everything back to the start (the idle timeout). */
  home(): void;
}

export function youAreHereFloor(g: GuideResponse | null): string | null {
  return g?.content.offices.youAreHere.floor ?? null;
}

/**
 * The way to show: step-free unless the stairs were asked for. A building
 * without a lift to that office still gets a way, by the stairs, and says so
 * (`stepFree` false while the stairs were not asked for).
 */
export function chosenRoute(g: GuideResponse, officeId: string, stairs: boolean): { route: GuideRoute | null; stepFree: boolean } {
  const level = g.stepFreeRoutes[officeId] ?? null;
  const any = g.routes[officeId] ?? null;
  if (stairs) return { route: any, stepFree: !any?.changes.some((c) => c.kind === 'stairs') };
  return level ? { route: level, stepFree: true } : { route: any, stepFree: !any };
}

export function createGuideSlice(api: Pick<SiteApi, 'site'> & Pick<GuideApi, 'guide' | 'searchGuide'>): StateCreator<GuideSlice & LangSlice, [], [], GuideSlice> {
  return (set, get) => ({
    site: null,
    guide: null,
    error: null,
    tab: 'map',
    floor: null,
    officeId: null,
    stairs: false,
    procedureId: null,
    step: 0,
    query: '',
    search: null,
    searchError: null,
    topic: null,
    async load() {
      try {
        const [guide, site] = await Promise.all([api.guide(), api.site()]);
        set({ guide, site, error: null, floor: get().floor ?? youAreHereFloor(guide) });
      } catch (err) {
        set({ error: err instanceof Error ? err.message : String(err) });
      }
    },
    setTab(tab) {
      set({ tab });
    },
    showFloor(floor) {
      set({ floor });
    },
    selectOffice(officeId) {
      const g = get().guide;
      if (!officeId || !g) return set({ officeId: null, floor: youAreHereFloor(g) });
      // The way starts where the citizen stands: show that floor first.
      const { route } = chosenRoute(g, officeId, get().stairs);
      set({ officeId, tab: 'map', floor: route?.legs[0]?.floor ?? g.content.offices.offices.find((o) => o.id === officeId)?.floor ?? null });
    },
    setStairs(stairs) {
      set({ stairs });
      const id = get().officeId;
      if (id) get().selectOffice(id);
    },
    openProcedure(procedureId) {
      set({ procedureId, step: 0 });
    },
    setStep(step) {
      set({ step });
    },
    setQuery(query) {
      // Typing is a new question: a topic chosen before no longer narrows the list.
      set({ query, topic: null });
      if (!query.trim()) set({ search: null, searchError: null });
    },
    typeKey(key) {
      const q = get().query;
      get().setQuery(key === 'backspace' ? [...q].slice(0, -1).join('') : `${q}${key}`.slice(0, 100));
    },
    chooseTopic(topic) {
      set({ topic, query: '', search: null, searchError: null });
    },
    async runSearch() {
      const q = get().query.trim();
      if (!q) return set({ search: null, searchError: null });
      try {
        const search = await api.searchGuide(q.slice(0, 100));
        if (get().query.trim() === q) set({ search, searchError: null });
      } catch (err) {
        set({ searchError: err instanceof Error ? err.message : String(err) });
      }
    },
    home() {
      set({ tab: 'map', officeId: null, floor: youAreHereFloor(get().guide), stairs: false, procedureId: null, step: 0, query: '', search: null, searchError: null, topic: null });
      get().setLang('zh-TW');
    },
  });
}
