import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ROLES, createUserRequestSchema, resetPasswordRequestSchema, updateUserRequestSchema, type Role, type StaffUser } from '../../../core/contract';
import { confirmProblem, fieldProblems, type AccountField } from '../../features/accounts/form-problems';
import type { AccountChange, AccountPart } from '../../features/accounts/slice';
import { Field, InlineError } from './Field';
import { ROLE_LABEL } from './labels';
import { useStaff } from './state';
import '../../styles/accounts.css';

type Problems = Partial<Record<AccountField, string>>;

export function UsersPanel() {
  const users = useStaff((s) => s.users);
  const usersError = useStaff((s) => s.usersError);
  const loadUsers = useStaff((s) => s.loadUsers);
  const me = useStaff((s) => s.me?.user ?? null);
  const forget = useStaff((s) => s.forgetAccountChange);
  const [editingId, setEditingId] = useState<number | null>(null);
  const editing = users?.find((u) => u.id === editingId) ?? null;

  useEffect(() => {
    void loadUsers();
  }, [loadUsers]);

  const edit = (u: StaffUser) => {
    forget();
    setEditingId(u.id);
  };

  return (
    <div className="admin-grid">
      <section className="card">
        <h2 className="card__title">
          <span lang="zh-TW">帳號列表</span>
          <span lang="en" className="card__title-en">
            Accounts
          </span>
        </h2>
        <InlineError message={usersError} testId="users-error" />
        <table className="table" data-testid="users-table">
          <thead>
            <tr>
              <th>帳號 Username</th>
              <th>名稱 Name</th>
              <th>角色 Roles</th>
              <th>狀態 State</th>
              <th>
                <span className="visually-hidden">動作 Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(users ?? []).map((u) => (
              <tr key={u.id} data-testid={`user-${u.username}`} className={u.disabled ? 'account-row--disabled' : undefined} aria-current={u.id === editingId ? 'true' : undefined}>
                <td className="mono">{u.username}</td>
                <td>{u.displayName}</td>
                <td>
                  {u.roles.map((r) => (
                    <span key={r} className="role-chip">
                      {ROLE_LABEL[r].zh} {ROLE_LABEL[r].en}
                    </span>
                  ))}
                </td>
                <td data-testid={`user-state-${u.username}`}>
                  {u.disabled ? (
                    <span className="pill pill--quiet">
                      已停用 <span lang="en">Disabled</span>
                    </span>
                  ) : (
                    <span className="pill pill--ok">
                      啟用中 <span lang="en">Enabled</span>
                    </span>
                  )}
                </td>
                <td>
                  <button type="button" className="btn" onClick={() => edit(u)} data-testid={`edit-${u.username}`}>
                    編輯 <span lang="en">Edit</span>
                    <span className="visually-hidden"> {u.username}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <div className="account-forms">
        {editing && <AccountEditor key={editing.id} user={editing} isMe={editing.id === me?.id} onClose={() => setEditingId(null)} />}
        <CreateAccountForm />
      </div>
    </div>
  );
}

function RoleChoices({ chosen, error, idPrefix }: { chosen?: readonly Role[]; error?: string | undefined; idPrefix: string }) {
  return (
    <fieldset className="roles" aria-invalid={error ? true : undefined} aria-describedby={error ? `${idPrefix}-roles-problem` : undefined}>
      <legend className="field__label">角色 Roles</legend>
      {ROLES.map((r) => (
        <label key={r} className="roles__item">
          <input type="checkbox" name="roles" value={r} defaultChecked={chosen?.includes(r)} data-testid={`${idPrefix}-role-${r}`} /> {ROLE_LABEL[r].zh}{' '}
          <span className="muted">{ROLE_LABEL[r].en}</span>
        </label>
      ))}
      {error && (
        <span className="field__error" id={`${idPrefix}-roles-problem`} data-testid={`${idPrefix}-roles-problem`}>
          {error}
        </span>
      )}
    </fieldset>
  );
}

function CreateAccountForm() {
  const createUser = useStaff((s) => s.createUser);
  const busy = useStaff((s) => s.userBusy);
  const createError = useStaff((s) => s.createError);
  const [problems, setProblems] = useState<Problems>({});
  const [created, setCreated] = useState<string | null>(null);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const values = {
      username: String(data.get('username') ?? '').trim(),
      displayName: String(data.get('displayName') ?? '').trim(),
      password: String(data.get('password') ?? ''),
      roles: data.getAll('roles').map(String) as Role[],
    };
    const parsed = createUserRequestSchema.safeParse(values);
    setCreated(null);
    if (!parsed.success) {
      setProblems(fieldProblems(parsed.error.issues, values));
      return;
    }
    setProblems({});
    if (await createUser(parsed.data)) {
      setCreated(parsed.data.username);
      form.reset();
    }
  };

  return (
    <form className="card" onSubmit={onSubmit} data-testid="create-user-form" noValidate>
      <h2 className="card__title">
        <span lang="zh-TW">新增帳號</span>
        <span lang="en" className="card__title-en">
          New account
        </span>
      </h2>
      <Field zh="帳號" en="Username" name="username" autoComplete="off" required hint="a–z 0–9 . _ -" error={problems.username} />
      <Field zh="顯示名稱" en="Display name" name="displayName" autoComplete="off" required error={problems.displayName} />
      <Field zh="密碼" en="Password" name="password" type="password" autoComplete="new-password" required hint="至少 10 個字元 · at least 10 characters" error={problems.password} />
      <RoleChoices idPrefix="new" error={problems.roles} />
      <InlineError message={createError} testId="create-user-error" />
      {created && (
        <p className="inline-ok" role="status" data-testid="create-user-ok">
          已建立帳號 {created} · Account {created} created
        </p>
      )}
      <button type="submit" className="btn btn--primary" disabled={busy} data-testid="create-user-submit">
        建立 <span lang="en">Create</span>
      </button>
    </form>
  );
}

/** What the admin's last change did, in words. */
function changeWords(c: AccountChange): string {
  if ('error' in c) return c.error;
  switch (c.did) {
    case 'saved':
      return `已儲存 ${c.username} 的變更 · Changes to ${c.username} saved`;
    case 'disabled':
      return `已停用 ${c.username}，其登入已全部登出 · ${c.username} disabled and signed out everywhere`;
    case 'enabled':
      return `已重新啟用 ${c.username} · ${c.username} enabled again`;
    case 'password':
      return `已重設 ${c.username} 的密碼，登出 ${c.endedSessions} 個工作階段 · Password of ${c.username} reset; ${c.endedSessions === 1 ? '1 session' : `${c.endedSessions} sessions`} signed out`;
  }
}

/** The answer to a change, under the part of the editor it came from. */
function ChangeLine({ change, part }: { change: AccountChange | null; part: AccountPart }) {
  if (!change || change.part !== part) return null;
  const refused = 'error' in change;
  return (
    <p className={refused ? 'inline-error' : 'inline-ok'} role={refused ? 'alert' : 'status'} data-testid="account-change">
      {changeWords(change)}
    </p>
  );
}

function AccountEditor({ user, isMe, onClose }: { user: StaffUser; isMe: boolean; onClose: () => void }) {
  const updateUser = useStaff((s) => s.updateUser);
  const resetPassword = useStaff((s) => s.resetPassword);
  const unlockUser = useStaff((s) => s.unlockUser);
  const unlocked = useStaff((s) => s.unlocked);
  const busy = useStaff((s) => s.userBusy);
  const change = useStaff((s) => (s.accountChange?.username === user.username ? s.accountChange : null));
  const [problems, setProblems] = useState<Problems>({});
  const [pwProblems, setPwProblems] = useState<Problems>({});
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'nearest' });
    heading.current?.focus();
  }, []);

  const onSave = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const values = { displayName: String(data.get('displayName') ?? '').trim(), roles: data.getAll('roles').map(String) as Role[] };
    const parsed = updateUserRequestSchema.safeParse(values);
    if (!parsed.success) {
      setProblems(fieldProblems(parsed.error.issues, values));
      return;
    }
    setProblems({});
    await updateUser(user, parsed.data);
  };

  const onReset = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const values = { password: String(data.get('password') ?? ''), confirmPassword: String(data.get('confirmPassword') ?? '') };
    const parsed = resetPasswordRequestSchema.safeParse({ password: values.password });
    const found = { ...(parsed.success ? {} : fieldProblems(parsed.error.issues, values)), ...(parsed.success ? confirmProblem(values.password, values.confirmPassword) : {}) };
    setPwProblems(found);
    if (!parsed.success || Object.keys(found).length) return;
    if (await resetPassword(user, parsed.data.password)) form.reset();
  };

  return (
    <section className="card account-editor" data-testid="account-editor" aria-labelledby="account-editor-title">
      <div className="card__head">
        <h2 className="card__title" id="account-editor-title" ref={heading} tabIndex={-1}>
          <span lang="zh-TW">編輯帳號 {user.username}</span>
          <span lang="en" className="card__title-en">
            Edit account {user.username}
          </span>
        </h2>
        <button type="button" className="btn" onClick={onClose} data-testid="account-editor-close">
          關閉 <span lang="en">Close</span>
        </button>
      </div>

      <form onSubmit={onSave} noValidate data-testid="account-edit-form">
        <Field zh="顯示名稱" en="Display name" name="displayName" autoComplete="off" defaultValue={user.displayName} required error={problems.displayName} />
        <RoleChoices idPrefix="edit" chosen={user.roles} error={problems.roles} />
        <button type="submit" className="btn btn--primary" disabled={busy} data-testid="account-save">
          儲存變更 <span lang="en">Save changes</span>
        </button>
        <ChangeLine change={change} part="details" />
      </form>

      <div className="account-editor__section">
        <h3 className="account-editor__title">
          啟用狀態 <span lang="en">Access</span>
        </h3>
        {isMe ? (
          <p className="muted">不能停用自己的帳號 · You cannot disable your own account</p>
        ) : user.disabled ? (
          <button type="button" className="btn" disabled={busy} onClick={() => void updateUser(user, { disabled: false })} data-testid="account-enable">
            重新啟用帳號 <span lang="en">Enable the account</span>
          </button>
        ) : (
          <>
            <p className="muted small">停用後立即登出，且無法再登入 · Disabling signs the account out at once and refuses its sign-ins</p>
            <button type="button" className="btn btn--danger" disabled={busy} onClick={() => void updateUser(user, { disabled: true })} data-testid="account-disable">
              停用帳號 <span lang="en">Disable the account</span>
            </button>
          </>
        )}
        <ChangeLine change={change} part="access" />
      </div>

      {!isMe && (
        <form className="account-editor__section" onSubmit={onReset} noValidate data-testid="account-reset-form">
          <h3 className="account-editor__title">
            重設密碼 <span lang="en">Reset the password</span>
          </h3>
          <p className="muted small">設定新密碼並當面告知本人；該帳號的登入將全部登出 · Set a new password and tell its owner in person; all its sessions end</p>
          <Field zh="新密碼" en="New password" name="password" type="password" autoComplete="new-password" hint="至少 10 個字元 · at least 10 characters" error={pwProblems.password} />
          <Field zh="再輸入一次" en="Type it again" name="confirmPassword" type="password" autoComplete="new-password" error={pwProblems.confirmPassword} />
          <button type="submit" className="btn" disabled={busy} data-testid="account-reset">
            重設密碼 <span lang="en">Reset password</span>
          </button>
          <ChangeLine change={change} part="password" />
        </form>
      )}

      <div className="account-editor__section">
        <h3 className="account-editor__title">
          登入限制 <span lang="en">Sign-in waits</span>
        </h3>
        {/* Failed sign-ins slow an account down; this ends the waits (audited). */}
        <button type="button" className="btn" onClick={() => void unlockUser(user)} data-testid={`unlock-${user.username}`}>
          解除登入限制 <span lang="en">Unlock sign-in</span>
        </button>
        {unlocked?.username === user.username && 'cleared' in unlocked && (
          <p className="inline-ok" role="status" data-testid="unlock-result">
            已解除 {unlocked.username} 的登入限制（{unlocked.cleared} 項）· Sign-in waits ended for {unlocked.username} ({unlocked.cleared})
          </p>
        )}
        {unlocked?.username === user.username && 'error' in unlocked && <InlineError message={unlocked.error} testId="unlock-error" />}
      </div>
    </section>
  );
}
