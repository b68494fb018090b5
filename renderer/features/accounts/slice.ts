/**
 * The admin's 帳號管理, 稽核紀錄 and 總覽 tabs (accounts, the audit log, the first-run
 * checklist) and everyone's 我的帳號 (their own password).
 */
import type { StateCreator } from 'zustand';
import type { AuditPage, AuditQuery, ChangeOwnPasswordRequest, Checklist, CreateUserRequest, StaffUser, UpdateUserRequest } from '../../../core/contract';
import { errorMessage } from '../../client/call';
import { whenSessionLost, type OnSessionLost } from '../auth/session';
import type { AccountsApi } from './api';

/** Rows per audit page on screen. */
export const AUDIT_PAGE_SIZE = 50;

/** Which part of the account editor a change came from: its answer is shown there. */
export type AccountPart = 'details' | 'access' | 'password';

/** What an admin's last change to an account did, or why it was refused, for the line under that part of its editor. */
export type AccountChange = { username: string; part: AccountPart } & (
  | { did: 'saved' | 'disabled' | 'enabled' }
  | { did: 'password'; endedSessions: number }
  | { error: string }
);

export interface AccountsSlice {
  users: StaffUser[] | null;
  usersError: string | null;
  userBusy: boolean;
  createError: string | null;
  loadUsers: () => Promise<void>;
  createUser: (req: CreateUserRequest) => Promise<boolean>;
  /** The last unlock: whose, how many sign-in waits it ended, or why it failed. */
  unlocked: { username: string; cleared: number } | { username: string; error: string } | null;
  unlockUser: (user: StaffUser) => Promise<boolean>;
  accountChange: AccountChange | null;
  updateUser: (user: StaffUser, req: UpdateUserRequest) => Promise<boolean>;
  resetPassword: (user: StaffUser, password: string) => Promise<boolean>;
  forgetAccountChange: () => void;
  /** One's own password change: in flight, refused (why), or done (how many other sessions ended). */
  ownPassword: { busy: boolean; error: string | null; endedSessions: number | null };
  changeOwnPassword: (req: ChangeOwnPasswordRequest) => Promise<boolean>;
  auditPage: AuditPage | null;
  auditError: string | null;
  /** The filter and page on screen; loadAudit without one reads it again. */
  auditQuery: AuditQuery;
  loadAudit: (query?: AuditQuery) => Promise<void>;
  checklist: Checklist | null;
  checklistError: string | null;
  loadChecklist: () => Promise<void>;
}

const FIRST_AUDIT_PAGE: AuditQuery = { page: 1, pageSize: AUDIT_PAGE_SIZE };

/** What the console forgets on sign-out. */
export const ACCOUNTS_SIGNED_OUT = {
  users: null,
  auditPage: null,
  auditQuery: FIRST_AUDIT_PAGE,
  checklist: null,
  accountChange: null,
  ownPassword: { busy: false, error: null, endedSessions: null },
} satisfies Partial<AccountsSlice>;

export function createAccountsSlice(api: AccountsApi, onSessionLost: OnSessionLost): StateCreator<AccountsSlice, [], [], AccountsSlice> {
  const lost = (err: unknown) => whenSessionLost(err, onSessionLost);
  return (set, get) => {
    /** An account change from the editor: the list read again, then its answer on the line below (so the two agree). */
    async function change(user: StaffUser, part: AccountPart, run: () => Promise<AccountChange>): Promise<boolean> {
      if (get().userBusy) return false;
      set({ userBusy: true, accountChange: null });
      try {
        const result = await run();
        await get().loadUsers();
        set({ userBusy: false, accountChange: result });
        return true;
      } catch (err) {
        set({ userBusy: false, accountChange: { username: user.username, part, error: errorMessage(err) } });
        lost(err);
        return false;
      }
    }
    return {
      users: null,
      usersError: null,
      userBusy: false,
      createError: null,
      unlocked: null,
      accountChange: null,
      ownPassword: { busy: false, error: null, endedSessions: null },
      auditPage: null,
      auditError: null,
      auditQuery: FIRST_AUDIT_PAGE,
      checklist: null,
      checklistError: null,
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
      updateUser: (user, req) =>
        change(user, req.disabled === undefined ? 'details' : 'access', async () => {
          await api.updateUser(user.id, req);
          const did = req.disabled === true ? 'disabled' : req.disabled === false ? 'enabled' : 'saved';
          return { username: user.username, part: req.disabled === undefined ? 'details' : 'access', did };
        }),
      resetPassword: (user, password) =>
        change(user, 'password', async () => {
          const { endedSessions } = await api.resetPassword(user.id, password);
          return { username: user.username, part: 'password', did: 'password', endedSessions };
        }),
      forgetAccountChange: () => set({ accountChange: null, unlocked: null }),
      changeOwnPassword: async (req) => {
        if (get().ownPassword.busy) return false;
        set({ ownPassword: { busy: true, error: null, endedSessions: null } });
        try {
          const { endedSessions } = await api.changeOwnPassword(req);
          set({ ownPassword: { busy: false, error: null, endedSessions } });
          return true;
        } catch (err) {
          set({ ownPassword: { busy: false, error: errorMessage(err), endedSessions: null } });
          lost(err);
          return false;
        }
      },
      loadAudit: async (query) => {
        const q = query ?? get().auditQuery;
        set({ auditQuery: q });
        try {
          const page = await api.audit(q);
          // An older answer must not replace the filter chosen since.
          if (get().auditQuery === q) set({ auditPage: page, auditError: null });
        } catch (err) {
          if (get().auditQuery === q) set({ auditError: errorMessage(err) });
          lost(err);
        }
      },
      loadChecklist: async () => {
        try {
          set({ checklist: await api.checklist(), checklistError: null });
        } catch (err) {
          set({ checklistError: errorMessage(err) });
          lost(err);
        }
      },
    };
  };
}
