/** Staff accounts and the audit log (admin). */
import { z } from 'zod';
import { API, auditEntrySchema, staffUserSchema, type AuditEntry, type CreateUserRequest, type StaffUser } from '../../../core/contract';
import { request, type HttpOptions } from '../../client/http';

/** Users list: accept a bare array or `{ users: [...] }`. */
const usersListSchema = z.union([z.array(staffUserSchema), z.object({ users: z.array(staffUserSchema) }).transform((o) => o.users)]);
const auditListSchema = z.union([
  z.array(auditEntrySchema),
  z.object({ entries: z.array(auditEntrySchema) }).transform((o) => o.entries),
  z.object({ audit: z.array(auditEntrySchema) }).transform((o) => o.audit),
]);
const unlockResponseSchema = z.object({ cleared: z.number().int() });

export function createAccountsApi(o: HttpOptions = {}) {
  const fetchFn = o.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const base = o.baseUrl ?? '';
  const csrf = () => o.csrfToken?.() ?? null;
  return {
    users: (): Promise<StaffUser[]> => request(fetchFn, base + API.staffUsers, usersListSchema, { method: 'GET' }),
    createUser: (req: CreateUserRequest): Promise<unknown> => request(fetchFn, base + API.staffUsers, z.unknown(), { method: 'POST', body: req, csrfToken: csrf() }),
    /** End an account's sign-in waits after failed sign-ins (admin). */
    unlockUser: (id: number): Promise<{ cleared: number }> => request(fetchFn, base + API.staffUserUnlock(id), unlockResponseSchema, { method: 'POST', body: {}, csrfToken: csrf() }),
    audit: (): Promise<AuditEntry[]> => request(fetchFn, base + API.staffAudit, auditListSchema, { method: 'GET' }),
  };
}
export type AccountsApi = ReturnType<typeof createAccountsApi>;
