/**
 * What is wrong with an account form, field by field, in both languages (Chinese first,
 * as the staff console reads): the contract's schemas decide what is refused, these
 * words say it to the person at the form.
 */

export type AccountField = 'setupCode' | 'username' | 'displayName' | 'password' | 'roles' | 'currentPassword' | 'newPassword' | 'confirmPassword';

/** One problem of one field, as the schema reports it (a zod issue, narrowed to what is read here). */
export interface FieldIssue {
  path: readonly PropertyKey[];
  code: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
}

const PASSWORD_SHORT = '密碼至少需 10 個字元 · A password needs at least 10 characters';

function wordsFor(field: AccountField, issue: FieldIssue, empty: boolean): string {
  switch (field) {
    case 'setupCode':
      return '請輸入設定碼 · Enter the setup code';
    case 'username':
      if (empty) return '請輸入帳號 · Enter a username';
      if (issue.code === 'too_small') return '帳號至少需 2 個字元 · A username needs at least 2 characters';
      if (issue.code === 'too_big') return '帳號最多 40 個字元 · A username has at most 40 characters';
      return '帳號只能使用小寫英文字母、數字及 . _ - · Use lower-case letters, digits, dot, dash or underscore';
    case 'displayName':
      if (empty) return '請輸入顯示名稱 · Enter a display name';
      return '顯示名稱最多 80 個字 · A display name has at most 80 characters';
    case 'roles':
      return '請至少選一個角色 · Choose at least one role';
    case 'currentPassword':
      return '請輸入目前的密碼 · Enter your current password';
    case 'password':
    case 'newPassword':
      if (empty) return field === 'password' ? '請輸入密碼 · Enter a password' : '請輸入新密碼 · Enter a new password';
      if (issue.code === 'custom') return '新密碼不可與目前的密碼相同 · The new password must differ from the current one';
      if (issue.code === 'too_big') return '密碼最多 200 個字元 · A password has at most 200 characters';
      return PASSWORD_SHORT;
    case 'confirmPassword':
      return '兩次輸入的新密碼不一致 · The two new passwords differ';
  }
}

/**
 * The first problem of each field, worded for people. `values`: what was typed, so an empty
 * field is asked for rather than called too short.
 */
export function fieldProblems(issues: readonly FieldIssue[], values: Partial<Record<AccountField, unknown>>): Partial<Record<AccountField, string>> {
  const out: Partial<Record<AccountField, string>> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '') as AccountField;
    if (out[field] !== undefined) continue;
    const v = values[field];
    const empty = v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
    out[field] = wordsFor(field, issue, empty);
  }
  return out;
}

/** The second typing of a new password must match the first. */
export function confirmProblem(password: string, confirm: string): Partial<Record<AccountField, string>> {
  return password === confirm ? {} : { confirmPassword: wordsFor('confirmPassword', { path: ['confirmPassword'], code: 'custom' }, false) };
}
