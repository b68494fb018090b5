/**
 * The staff console's one store: the session, the counter console, the admin
 * and desk tabs, the court tabs (hearings, detainees, roster) and the live
 * snapshots of the topics the signed-in roles may follow.
 */
import { create } from 'zustand';
import { createCaller, type Call, type FetchLike } from '../../client/call';
import { createAccountsApi, type AccountsApi } from '../../features/accounts/api';
import { ACCOUNTS_SIGNED_OUT, createAccountsSlice, type AccountsSlice } from '../../features/accounts/slice';
import { createAuthApi, type AuthApi } from '../../features/auth/api';
import { createAuthSlice, type AuthSlice } from '../../features/auth/slice';
import { createCounterApi, type CounterApi } from '../../features/counter/api';
import { COUNTER_SIGNED_OUT, createCounterSlice, type CounterSlice } from '../../features/counter/slice';
import { createDetaineesApi, type DetaineesApi } from '../../features/detainees/api';
import { createDevicesHealthApi, type DevicesHealthApi } from '../../features/devices-health/api';
import { DEVICES_HEALTH_SIGNED_OUT, createDevicesHealthSlice, type DevicesHealthSlice } from '../../features/devices-health/slice';
import { DETAINEES_CLEARED, createDetaineesSlice, type DetaineesSlice } from '../../features/detainees/slice';
import { createEmergencyApi, type EmergencyApi } from '../../features/emergency/api';
import { createEmergencySlice, type EmergencySlice } from '../../features/emergency/slice';
import { createGuideApi, type GuideApi } from '../../features/guide/api';
import { createGuideEditSlice, type GuideEditSlice } from '../../features/guide/edit-slice';
import { createHearingsApi, type HearingsApi } from '../../features/hearings/api';
import { createHoursApi, type HoursApi } from '../../features/hours/api';
import { HOURS_SIGNED_OUT, createHoursSlice, type HoursSlice } from '../../features/hours/slice';
import { createKiosksApi, type KiosksApi } from '../../features/kiosks/api';
import { KIOSKS_SIGNED_OUT, createKiosksSlice, type KiosksSlice } from '../../features/kiosks/slice';
import { HEARINGS_CLEARED, createHearingsSlice, type HearingsSlice } from '../../features/hearings/slice';
import { createLiveSlice, type LiveSlice } from '../../features/live/slice';
import { createMarqueeApi, type MarqueeApi } from '../../features/marquee/api';
import { createMarqueeSlice, type MarqueeSlice } from '../../features/marquee/slice';
import { createReprintApi, type ReprintApi } from '../../features/reprint/api';
import { REPRINT_SIGNED_OUT, createReprintSlice, type ReprintSlice } from '../../features/reprint/slice';
import { createRosterApi, type RosterApi } from '../../features/roster/api';
import { ROSTER_CLEARED, createRosterSlice, type RosterSlice } from '../../features/roster/slice';
import { createSiteApi, type SiteApi } from '../../features/site/api';
import { createSiteSlice, type SiteSlice } from '../../features/site/slice';
import { createStatsApi, type StatsApi } from '../../features/stats/api';
import { createStatsSlice, type StatsSlice } from '../../features/stats/slice';

export type StaffApi = SiteApi &
  AuthApi &
  CounterApi &
  AccountsApi &
  ReprintApi &
  DevicesHealthApi &
  MarqueeApi &
  EmergencyApi &
  HearingsApi &
  DetaineesApi &
  RosterApi &
  StatsApi &
  KiosksApi &
  HoursApi &
  Pick<GuideApi, 'staffGuide' | 'saveGuideSection'>;

export function createStaffApi(call: Call): StaffApi {
  return {
    ...createSiteApi(call),
    ...createAuthApi(call),
    ...createCounterApi(call),
    ...createAccountsApi(call),
    ...createReprintApi(call),
    ...createDevicesHealthApi(call),
    ...createMarqueeApi(call),
    ...createEmergencyApi(call),
    ...createHearingsApi(call),
    ...createDetaineesApi(call),
    ...createRosterApi(call),
    ...createStatsApi(call),
    ...createKiosksApi(call),
    ...createHoursApi(call),
    ...createGuideApi(call),
  };
}

export type StaffState = SiteSlice &
  LiveSlice &
  AuthSlice &
  CounterSlice &
  AccountsSlice &
  ReprintSlice &
  DevicesHealthSlice &
  MarqueeSlice &
  EmergencySlice &
  HearingsSlice &
  DetaineesSlice &
  RosterSlice &
  StatsSlice &
  KiosksSlice &
  HoursSlice &
  GuideEditSlice;

/** The staff-only topics: their snapshots do not outlive the session on screen. */
const STAFF_SNAPSHOTS_GONE = { 'devices.health': undefined, 'queue.staff': undefined } as const;

/** `api`: stand-ins for some of the HTTP calls (tests); the rest go to the server with the session's CSRF token. */
export function createStaffStore(opts: { fetch?: FetchLike; api?: Partial<StaffApi> } = {}) {
  // The calls read the CSRF token from the store at call time.
  let getState: () => StaffState = () => {
    throw new Error('store not ready');
  };
  const api: StaffApi = { ...createStaffApi(createCaller({ fetch: opts.fetch, csrfToken: () => getState().me?.csrfToken ?? null })), ...opts.api };
  // A 401 means the session ended: asking who is signed in shows the sign-in form again.
  const sessionLost = () => void getState().refreshMe().catch(() => undefined);
  const store = create<StaffState>()((...a) => {
    const [set] = a;
    const forget = () =>
      set((st) => ({ ...ACCOUNTS_SIGNED_OUT, ...COUNTER_SIGNED_OUT, ...REPRINT_SIGNED_OUT, ...DEVICES_HEALTH_SIGNED_OUT, ...KIOSKS_SIGNED_OUT, ...HOURS_SIGNED_OUT, snapshots: { ...st.snapshots, ...STAFF_SNAPSHOTS_GONE } }));
    return {
      ...createSiteSlice(api)(...a),
      ...createLiveSlice()(...a),
      ...createAuthSlice(api, forget)(...a),
      ...createCounterSlice(api, sessionLost)(...a),
      ...createAccountsSlice(api, sessionLost)(...a),
      ...createReprintSlice(api, sessionLost)(...a),
      ...createDevicesHealthSlice(api, sessionLost)(...a),
      ...createMarqueeSlice(api, sessionLost)(...a),
      ...createEmergencySlice(api, sessionLost)(...a),
      ...createHearingsSlice(api, sessionLost)(...a),
      ...createDetaineesSlice(api, sessionLost)(...a),
      ...createRosterSlice(api, sessionLost)(...a),
      ...createStatsSlice(api)(...a),
      ...createKiosksSlice(api, sessionLost)(...a),
      ...createHoursSlice(api, sessionLost)(...a),
      ...createGuideEditSlice(api)(...a),
    };
  });
  getState = store.getState;
  // The court tabs' data does not outlive the session on screen, however it ended.
  store.subscribe((s, prev) => {
    if (prev.me?.user && !s.me?.user) store.setState({ ...HEARINGS_CLEARED, ...DETAINEES_CLEARED, ...ROSTER_CLEARED });
  });
  return store;
}

export type StaffStore = ReturnType<typeof createStaffStore>;
