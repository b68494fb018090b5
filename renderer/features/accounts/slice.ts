/** The admin's 帳號管理 and 稽核紀錄 tabs: accounts, unlocking one, the audit log. */
import type { StateCreator } from 'zustand';
import type { AuditEntry, CreateUserRequest, StaffUser } from '../../../core/contract';
import { errorMessage } from '../../client/call';
import { whenSessionLost, type OnSessionLost } from '../auth/session';
import type { AccountsApi } from './api';

export interface AccountsSlice {
  users: StaffUser[] | null;
  usersError: string | null;
  userBusy: boolean;
  createError: string | null;
  audit: AuditEntry[] | null;
  auditError: string | null;
  loadUsers: () => Promise<void>;
  createUser: (req: CreateUserRequest) => Promise<boolean>;
  /** The last unlock: whose, how many sign-in waits it ended, or why it failed. */
  unlocked: { username: string; cleared: number } | { username: string; error: string } | null;
  unlockUser: (user: StaffUser) => Promise<boolean>;
  loadAudit: () => Promise<void>;
}

/** What the console forgets on sign-out. */
export const ACCOUNTS_SIGNED_OUT = { users: null, audit: null } satisfies Partial<AccountsSlice>;

export function createAccountsSlice(api: AccountsApi, onSessionLost: OnSessionLost): StateCreator<AccountsSlice, [], [], AccountsSlice> {
  const lost = (err: unknown) => whenSessionLost(err, onSessionLost);
  return (set, get) => ({
    users: null,
    usersError: null,
    userBusy: false,
    createError: null,
    unlocked: null,
    audit: null,
    auditError: null,
    loadUsers: async () => {
      try {
        set({ users: await api.users(), usersError: null });
      } catch (err) {
        set({ usersError: errorMessage(err) });
        lost(err);
      }
    },
    createUser: async (req) => {
      if (get().userBusy) return false;
      set({ userBusy: true, createError: null });
      try {
        await api.createUser(req);
        set({ userBusy: false });
        await get().loadUsers();
        return true;
      } catch (err) {
        set({ userBusy: false, createError: errorMessage(err) });
        lost(err);
        return false;
      }
    },
    unlockUser: async (user) => {
      set({ unlocked: null });
      try {
        const { cleared } = await api.unlockUser(user.id);
        set({ unlocked: { username: user.username, cleared } });
        return true;
      } catch (err) {
        set({ unlocked: { username: user.username, error: errorMessage(err) } });
        lost(err);
        return false;
      }
    },
    loadAudit: async () => {
      try {
        set({ audit: await api.audit(), auditError: null });
      } catch (err) {
        set({ auditError: errorMessage(err) });
        lost(err);
      }
    },
  });
}
