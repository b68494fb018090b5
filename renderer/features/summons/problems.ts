/** Why a summons look-up found nothing, in the words the kiosk and the phone page use. */
import { ApiError } from '../../client/call';
import type { StringKey } from '../../i18n';

type Pair = { zh: string; en: string };

export type LookupProblem = 'not_found' | 'too_many' | 'invalid' | 'unreadable' | 'network';

/** What the kiosk and the phone page say for each problem: a title, and a hint where one helps. */
export const LOOKUP_PROBLEM_TEXT: Record<LookupProblem, { title: StringKey; hint: StringKey | null }> = {
  not_found: { title: 'summons.notFound', hint: 'summons.notFoundHint' },
  too_many: { title: 'summons.tooMany', hint: null },
  invalid: { title: 'summons.badFormat', hint: null },
  unreadable: { title: 'summons.unreadable', hint: null },
  network: { title: 'phone.error', hint: null },
};

export function lookupProblemOf(err: unknown): LookupProblem {
  if (err instanceof ApiError) {
    if (err.status === 404) return 'not_found';
    if (err.status === 429) return 'too_many';
    if (err.status === 400) return 'invalid';
  }
  return 'network';
}

/** The server's kiosk-scan error ("中文 / English") split for two lines; a missing half repeats the other. */
export function splitBilingual(message: string): Pair {
  const i = message.indexOf(' / ');
  if (i === -1) return { zh: message, en: message };
  return { zh: message.slice(0, i).trim(), en: message.slice(i + 3).trim() };
}

/** The server's words for a scan it could not use, as one of the kiosk's own messages. */
export function scanProblemOf(error: string | null): LookupProblem {
  if (!error) return 'network';
  if (/查無|no hearing/i.test(error)) return 'not_found';
  if (/無法辨識|not a summons/i.test(error)) return 'unreadable';
  if (/過多|too many/i.test(error)) return 'too_many';
  return 'network';
}
