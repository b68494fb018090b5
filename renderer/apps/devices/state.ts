import { createDevicesStore } from '../../store/devices';

export const useDevices = createDevicesStore();
