/** The marquee messages (desk, admin) and what each LED sign would show for a draft. */
import { z } from 'zod';
import { API, marqueeMessageSchema, signPreviewResponseSchema, type MarqueeMessage, type MarqueeMessageInput, type SignPreview, type SignPreviewQuery } from '../../../core/contract';
import { request, type HttpOptions } from '../../client/http';

const listSchema = z.object({ messages: z.array(marqueeMessageSchema) }).transform((o) => o.messages);
const oneSchema = z.object({ message: marqueeMessageSchema }).transform((o) => o.message);
const signPreviewsSchema = signPreviewResponseSchema.transform((o) => o.signs);

export function createMarqueeApi(o: HttpOptions = {}) {
  const fetchFn = o.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const url = (path: string) => (o.baseUrl ?? '') + path;
  const csrf = () => o.csrfToken?.() ?? null;
  return {
    marqueeMessages: (): Promise<MarqueeMessage[]> => request(fetchFn, url(API.staffMarquee), listSchema, { method: 'GET' }),
    /** What each configured sign would show for a draft (read-only: a GET, no CSRF token). */
    signPreview: (draft: SignPreviewQuery, signal?: AbortSignal): Promise<SignPreview[]> => {
      const q = new URLSearchParams();
      if (draft.zh !== undefined) q.set('zh', draft.zh);
      if (draft.en !== undefined) q.set('en', draft.en);
      const query = q.toString();
      return request(fetchFn, url(API.staffMarqueeSignPreview + (query ? `?${query}` : '')), signPreviewsSchema, { method: 'GET', signal });
    },
    createMarquee: (input: MarqueeMessageInput): Promise<MarqueeMessage> => request(fetchFn, url(API.staffMarquee), oneSchema, { method: 'POST', body: input, csrfToken: csrf() }),
    updateMarquee: (id: number, input: MarqueeMessageInput): Promise<MarqueeMessage> =>
      request(fetchFn, url(API.staffMarqueeItem(id)), oneSchema, { method: 'PUT', body: input, csrfToken: csrf() }),
    /** DELETE carries no body (and so no content type). */
    deleteMarquee: (id: number): Promise<unknown> => request(fetchFn, url(API.staffMarqueeItem(id)), z.unknown(), { method: 'DELETE', csrfToken: csrf() }),
  };
}
export type MarqueeApi = ReturnType<typeof createMarqueeApi>;
