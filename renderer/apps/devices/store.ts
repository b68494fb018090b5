/**
 * The simulator panel's one store: the live `devices.sim` snapshot, the site
 * (its counters are the keypads' and displays' addresses), and the controls
 * of the simulated printer, caller keypads and LED signs.
 */
import { create } from 'zustand';
import { createCaller, type FetchLike } from '../../client/call';
import { createAuthApi } from '../../features/auth/api';
import { createLiveSlice, type LiveSlice } from '../../features/live/slice';
import { createSimApi } from '../../features/sim/api';
import { createKeypadSlice, createSimFaultSlice, createSimSignSlice, type KeypadSlice, type SimDeps, type SimFaultSlice, type SimSignSlice } from '../../features/sim/slice';
import { createSiteApi } from '../../features/site/api';
import { createSiteSlice, type SiteSlice } from '../../features/site/slice';

export type DevicesState = LiveSlice & SiteSlice & SimFaultSlice & KeypadSlice & SimSignSlice;

export function createDevicesStore(opts: { fetch?: FetchLike } = {}) {
  // The controls act as the admin signed in at /staff: the CSRF token is read from /me before each.
  let csrf: string | null = null;
  const call = createCaller({ fetch: opts.fetch, csrfToken: () => csrf });
  const sim: SimDeps = {
    api: { ...createAuthApi(call), ...createSimApi(call) },
    setCsrf: (token) => {
      csrf = token;
    },
  };
  return create<DevicesState>()((...a) => ({
    ...createLiveSlice()(...a),
    ...createSiteSlice(createSiteApi(call))(...a),
    ...createSimFaultSlice(sim)(...a),
    ...createKeypadSlice(sim)(...a),
    ...createSimSignSlice(sim)(...a),
  }));
}

export type DevicesStore = ReturnType<typeof createDevicesStore>;
