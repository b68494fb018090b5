import { ApiError } from '../../client/call';

/** What a staff slice calls when the server says the session is gone. */
export type OnSessionLost = () => void;

/** A 401 means the session ended (expired, signed out elsewhere): the console shows the sign-in form again. */
export function whenSessionLost(err: unknown, onLost: OnSessionLost): void {
  if (err instanceof ApiError && err.status === 401) onLost();
}
