/** The marquee messages (desk, admin) and what each LED sign would show for a draft. */
import { ROUTES, type MarqueeMessage, type MarqueeMessageInput, type SignPreview, type SignPreviewQuery } from '../../../core/contract';
import type { Call } from '../../client/call';

export function createMarqueeApi(call: Call) {
  return {
    marqueeMessages: async (): Promise<MarqueeMessage[]> => (await call(ROUTES.listMarquee)).messages,
    /** What each configured sign would show for a draft (read-only: a GET, no CSRF token). */
    signPreview: async (draft: SignPreviewQuery, signal?: AbortSignal): Promise<SignPreview[]> => (await call(ROUTES.signPreview, { query: draft }, { signal })).signs,
    createMarquee: async (input: MarqueeMessageInput): Promise<MarqueeMessage> => (await call(ROUTES.createMarquee, { body: input })).message,
    updateMarquee: async (id: number, input: MarqueeMessageInput): Promise<MarqueeMessage> => (await call(ROUTES.updateMarquee, { params: { id }, body: input })).message,
    /** DELETE carries no body (and so no content type). */
    deleteMarquee: (id: number) => call(ROUTES.deleteMarquee, { params: { id } }),
  };
}
export type MarqueeApi = ReturnType<typeof createMarqueeApi>;
