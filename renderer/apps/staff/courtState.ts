import { createCourtStore } from '../../store/court';
import { useStaff } from './state';

/** The court tabs' store; it reads the CSRF token from the staff console's session. */
export const useCourt = createCourtStore({
  csrfToken: () => useStaff.getState().me?.csrfToken ?? null,
  onUnauthorized: () => void useStaff.getState().refreshMe().catch(() => undefined),
});

// Staff-only data does not outlive the session on screen.
useStaff.subscribe((s, prev) => {
  if (prev.me?.user && !s.me?.user) useCourt.getState().clear();
});
