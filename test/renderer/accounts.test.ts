/**
 * The staff console's account pieces: where each role lands, what a form says is wrong
 * (both languages), and the store's account calls.
 */
import { describe, expect, it } from 'vitest';
import { changeOwnPasswordRequestSchema, createUserRequestSchema, type AuditPage, type StaffUser } from '../../core/contract';
import { createStaffStore } from '../../renderer/apps/staff/store';
import { landingTab } from '../../renderer/apps/staff/landing';
import { confirmProblem, fieldProblems } from '../../renderer/features/accounts/form-problems';

const ALL_TABS = ['overview', 'counter', 'devices', 'hearings', 'detainees', 'roster', 'marquee', 'guide', 'stats', 'users', 'audit', 'emergency', 'account'];

describe('the tab each role lands on', () => {
  it('is its own work: counter → console, clerk → hearings, bailiff → detainees, desk → marquee, admin → overview', () => {
    expect(landingTab(['counter'], ALL_TABS)).toBe('counter');
    expect(landingTab(['clerk'], ALL_TABS)).toBe('hearings');
    expect(landingTab(['bailiff'], ALL_TABS)).toBe('detainees');
    expect(landingTab(['desk'], ALL_TABS)).toBe('marquee');
    expect(landingTab(['admin'], ALL_TABS)).toBe('overview');
    // Several roles: the most hands-on one's.
    expect(landingTab(['admin', 'counter'], ALL_TABS)).toBe('counter');
    expect(landingTab(['desk', 'bailiff'], ALL_TABS)).toBe('detainees');
  });

  it('is a tab the console offers: a clerk at a site without hearings lands on the roster', () => {
    const prison = ALL_TABS.filter((t) => t !== 'hearings');
    expect(landingTab(['clerk'], prison)).toBe('roster');
  });
});

describe('what an account form says is wrong', () => {
  it('names each field’s problem in Chinese and English, asking for an empty field rather than calling it short', () => {
    const values = { username: 'Bad Name', displayName: ' ', password: 'short', roles: [] };
    const parsed = createUserRequestSchema.safeParse({ ...values, displayName: '' });
    expect(parsed.success).toBe(false);
    expect(fieldProblems(parsed.error!.issues, values)).toEqual({
      username: '帳號只能使用小寫英文字母、數字及 . _ - · Use lower-case letters, digits, dot, dash or underscore',
      displayName: '請輸入顯示名稱 · Enter a display name',
      password: '密碼至少需 10 個字元 · A password needs at least 10 characters',
      roles: '請至少選一個角色 · Choose at least one role',
    });
  });

  it('a new password equal to the current one, or typed differently twice, is refused with its reason', () => {
    const values = { currentPassword: 'same-password-1', newPassword: 'same-password-1' };
    const parsed = changeOwnPasswordRequestSchema.safeParse(values);
    expect(fieldProblems(parsed.error!.issues, values)).toEqual({ newPassword: '新密碼不可與目前的密碼相同 · The new password must differ from the current one' });
    expect(confirmProblem('one-password', 'another-one')).toEqual({ confirmPassword: '兩次輸入的新密碼不一致 · The two new passwords differ' });
    expect(confirmProblem('one-password', 'one-password')).toEqual({});
  });
});

describe('the staff store’s account calls', () => {
  const lin: StaffUser = { id: 2, username: 'lin', displayName: '林小美', roles: ['counter'], disabled: false };

  it('an edit reads the list again and says what it did; a refusal is told in the server’s words', async () => {
    let users = [lin];
    const store = createStaffStore({
      api: {
        users: async () => users,
        updateUser: async (_id, req) => {
          if (req.roles?.length === 0) throw new Error('refused');
          users = [{ ...lin, ...req }];
          return users[0]!;
        },
        resetPassword: async () => ({ endedSessions: 2 }),
      },
    });
    expect(await store.getState().updateUser(lin, { disabled: true })).toBe(true);
    expect(store.getState().accountChange).toEqual({ username: 'lin', part: 'access', did: 'disabled' });
    expect(store.getState().users?.[0]?.disabled).toBe(true);
    expect(await store.getState().resetPassword(lin, 'a-new-password')).toBe(true);
    expect(store.getState().accountChange).toEqual({ username: 'lin', part: 'password', did: 'password', endedSessions: 2 });
    expect(await store.getState().updateUser(lin, { roles: [] })).toBe(false);
    expect(store.getState().accountChange).toEqual({ username: 'lin', part: 'details', error: 'refused' });
  });

  it('the audit keeps the filter it was asked for; an older answer does not replace a newer filter', async () => {
    const answers: ((p: AuditPage) => void)[] = [];
    const store = createStaffStore({ api: { audit: () => new Promise<AuditPage>((r) => answers.push(r)) } });
    const page = (action: string): AuditPage => ({ entries: [], total: 0, page: 1, pageSize: 50, actions: [{ action, label: { zh: action, en: action } }], actors: [] });
    const first = store.getState().loadAudit({ page: 1, pageSize: 50, action: 'login' });
    const second = store.getState().loadAudit({ page: 1, pageSize: 50, action: 'user.' });
    answers[1]!(page('user.'));
    answers[0]!(page('login'));
    await Promise.all([first, second]);
    expect(store.getState().auditQuery.action).toBe('user.');
    expect(store.getState().auditPage?.actions[0]?.action).toBe('user.');
  });
});
