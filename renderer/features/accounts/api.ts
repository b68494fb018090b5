/** Staff accounts and the audit log (admin). */
import { ROUTES, type AuditEntry, type CreateUserRequest, type StaffUser } from '../../../core/contract';
import type { Call } from '../../client/call';

export function createAccountsApi(call: Call) {
  return {
    users: async (): Promise<StaffUser[]> => (await call(ROUTES.listUsers)).users,
    createUser: (req: CreateUserRequest) => call(ROUTES.createUser, { body: req }),
    /** End an account's sign-in waits after failed sign-ins (admin). */
    unlockUser: (id: number): Promise<{ cleared: number }> => call(ROUTES.unlockUser, { params: { id }, body: {} }),
    audit: async (): Promise<AuditEntry[]> => (await call(ROUTES.listAudit)).entries,
  };
}
export type AccountsApi = ReturnType<typeof createAccountsApi>;
