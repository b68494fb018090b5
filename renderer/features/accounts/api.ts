/** Staff accounts, one's own password, the audit log and the first-run checklist. */
import {
  ROUTES,
  type AuditPage,
  type AuditQuery,
  type ChangeOwnPasswordRequest,
  type Checklist,
  type CreateUserRequest,
  type StaffUser,
  type UpdateUserRequest,
} from '../../../core/contract';
import type { Call } from '../../client/call';

export function createAccountsApi(call: Call) {
  return {
    users: async (): Promise<StaffUser[]> => (await call(ROUTES.listUsers)).users,
    createUser: (req: CreateUserRequest) => call(ROUTES.createUser, { body: req }),
    /** Name, roles, disabled or enabled again (admin). */
    updateUser: async (id: number, req: UpdateUserRequest): Promise<StaffUser | null> => (await call(ROUTES.updateUser, { params: { id }, body: req })).user,
    /** A new password for someone else's account; all its sessions end (admin). */
    resetPassword: (id: number, password: string): Promise<{ endedSessions: number }> => call(ROUTES.resetPassword, { params: { id }, body: { password } }),
    /** One's own password, with the current one; one's other sessions end. */
    changeOwnPassword: (req: ChangeOwnPasswordRequest): Promise<{ endedSessions: number }> => call(ROUTES.changeOwnPassword, { body: req }),
    /** End an account's sign-in waits after failed sign-ins (admin). */
    unlockUser: (id: number): Promise<{ cleared: number }> => call(ROUTES.unlockUser, { params: { id }, body: {} }),
    audit: (query: AuditQuery): Promise<AuditPage> => call(ROUTES.listAudit, { query }),
    checklist: (): Promise<Checklist> => call(ROUTES.checklist),
  };
}
export type AccountsApi = ReturnType<typeof createAccountsApi>;
