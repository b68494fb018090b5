/** The simulated devices' controls on /devices (admin): printer faults, keypad keys, a sign's link. */
import { z } from 'zod';
import { API, type SimFault, type SimKeypadRequest } from '../../../core/contract';
import { request, type HttpOptions } from '../../client/http';

const anyBody = z.unknown();

export function createSimApi(o: HttpOptions = {}) {
  const fetchFn = o.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const base = o.baseUrl ?? '';
  const post = (path: string, body: unknown) => request(fetchFn, base + path, anyBody, { method: 'POST', body, csrfToken: o.csrfToken?.() ?? null });
  return {
    /** Inject a fault into the simulated printer, or clear it with null. */
    simPrinterFault: (fault: SimFault | null): Promise<unknown> => post(API.simPrinterFault, { fault }),
    /** Press a key on a simulated caller keypad. */
    simKeypadPress: (req: SimKeypadRequest): Promise<unknown> => post(API.simKeypadPress, req),
    /** Take a simulated LED sign offline, or back. */
    simSign: (id: string, offline: boolean): Promise<unknown> => post(API.simSign, { id, offline }),
  };
}
export type SimApi = ReturnType<typeof createSimApi>;
