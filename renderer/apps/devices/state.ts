import { createDevicesStore } from './store';

export const useDevices = createDevicesStore();
