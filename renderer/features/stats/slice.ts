/** The staff 統計 tab: the report of a range (a month or custom); the latest range asked wins. */
import type { StateCreator } from 'zustand';
import type { StatsReport } from '../../../core/contract';
import { errorMessage } from '../../client/call';
import type { StatsApi } from './api';
import { currentMonth, monthRange, rangeProblem } from './range';

export interface StatsSlice {
  statsRange: { from: string; to: string };
  statsReport: StatsReport | null;
  statsLoading: boolean;
  statsError: string | null;
  /** The tab opens: this month in the site's time zone, loaded; nothing of an earlier visit stays. */
  openStats: (timeZone?: string, now?: number) => Promise<void>;
  /** Show a range (a month or custom); loads it when valid. */
  setStatsRange: (range: { from: string; to: string }) => void;
  loadStats: () => Promise<void>;
}

const thisMonth = (now: number, timeZone?: string) => monthRange(currentMonth(now, timeZone))!;

export function createStatsSlice(api: StatsApi): StateCreator<StatsSlice, [], [], StatsSlice> {
  let seq = 0;
  return (set, get) => ({
    statsRange: thisMonth(Date.now()),
    statsReport: null,
    statsLoading: false,
    statsError: null,
    openStats: async (timeZone, now = Date.now()) => {
      set({ statsRange: thisMonth(now, timeZone), statsReport: null, statsLoading: false, statsError: null });
      await get().loadStats();
    },
    setStatsRange: (range) => {
      set({ statsRange: range });
      if (!rangeProblem(range)) void get().loadStats();
    },
    loadStats: async () => {
      const range = get().statsRange;
      if (rangeProblem(range)) return;
      const mine = ++seq;
      set({ statsLoading: true, statsError: null });
      try {
        const report = await api.stats(range);
        if (mine === seq) set({ statsReport: report, statsLoading: false });
      } catch (err) {
        if (mine === seq) set({ statsError: errorMessage(err), statsLoading: false });
      }
    },
  });
}
