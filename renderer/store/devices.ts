/** The simulator panel's store: the live `devices.sim` snapshot. */
import { create } from 'zustand';
import { createLiveSlice, type LiveSlice } from './slices';

export type DevicesState = LiveSlice;

export function createDevicesStore() {
  return create<DevicesState>()((...a) => ({
    ...createLiveSlice<DevicesState>()(...a),
  }));
}

export type DevicesStore = ReturnType<typeof createDevicesStore>;
