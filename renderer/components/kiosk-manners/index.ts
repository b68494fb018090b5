export { IdleGuard, MannerToggles } from './KioskManners';
export { IDLE_TIMEOUT_MS, IDLE_WARNING_MS, applyManners, idleTiming, startManners, useManners } from './manners';
import './kiosk-manners.css';
