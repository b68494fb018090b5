/**
 * One single-page app for every screen; it routes on location.pathname.
 * Each screen module is loaded on demand, started once (stores and live
 * bridges are set up outside React), then rendered.
 */
import { StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { EmergencyOverlay } from './components/EmergencyOverlay';
import { ErrorBoundary } from './components/ErrorBoundary';
import { ensureScreenLive } from './features/live/slice';
import './styles/base.css';

export interface ScreenModule {
  /** Set up the screen's store and live bridge; called once before the first render. */
  start: (path: string) => void;
  App: ComponentType;
}

type Loader = () => Promise<ScreenModule>;

const screens: Record<string, Loader> = {
  kiosk: () => import('./apps/kiosk'),
  calls: () => import('./apps/calls'),
  staff: () => import('./apps/staff'),
  devices: () => import('./apps/devices'),
  phone: () => import('./apps/phone'),
  guide: () => import('./apps/guide'),
  hearings: () => import('./apps/hearings'),
  detainees: () => import('./apps/detainees'),
  rate: () => import('./apps/rate'),
};

/** Screens the public sees: an emergency covers them (staff pages show a banner instead). */
export const PUBLIC_SCREENS: ReadonlySet<string> = new Set(['kiosk', 'calls', 'guide', 'hearings', 'detainees', 'phone', 'rate']);
/** Boards that speak: the emergency is announced there too. */
const SOUND_SCREENS: ReadonlySet<string> = new Set(['calls']);

/** '/calls/hall-a' → 'calls'; unknown paths fall back to the kiosk's sibling "not found" screen. */
export function screenOf(pathname: string): string {
  const first = pathname.split('/').filter(Boolean)[0] ?? 'kiosk';
  return first in screens ? first : 'unknown';
}

async function boot(): Promise<void> {
  const el = document.getElementById('root');
  if (!el) return;
  const name = screenOf(location.pathname);
  const load = screens[name] ?? (() => import('./apps/unknown'));
  const mod = await load();
  document.body.dataset.screen = name;
  mod.start(location.pathname);
  const emergency = PUBLIC_SCREENS.has(name);
  if (emergency) ensureScreenLive(); // the overlay follows 'emergency' on the screen's own socket
  createRoot(el).render(
    <StrictMode>
      <ErrorBoundary>
        <mod.App />
      </ErrorBoundary>
      {emergency && (
        <ErrorBoundary>
          <EmergencyOverlay sound={SOUND_SCREENS.has(name)} />
        </ErrorBoundary>
      )}
    </StrictMode>,
  );
}

void boot();
