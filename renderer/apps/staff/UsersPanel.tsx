import { useEffect, useState, type FormEvent } from 'react';
import { ROLES, createUserRequestSchema, type Role } from '../../../core/contract';
import { Field, InlineError } from './Field';
import { ROLE_LABEL } from './labels';
import { useStaff } from './state';

export function UsersPanel() {
  const users = useStaff((s) => s.users);
  const usersError = useStaff((s) => s.usersError);
  const loadUsers = useStaff((s) => s.loadUsers);
  const createUser = useStaff((s) => s.createUser);
  const busy = useStaff((s) => s.userBusy);
  const createError = useStaff((s) => s.createError);
  const unlockUser = useStaff((s) => s.unlockUser);
  const unlocked = useStaff((s) => s.unlocked);
  const [localError, setLocalError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);

  useEffect(() => {
    void loadUsers();
  }, [loadUsers]);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const roles = data.getAll('roles').map(String) as Role[];
    const parsed = createUserRequestSchema.safeParse({
      username: String(data.get('username') ?? '').trim(),
      displayName: String(data.get('displayName') ?? '').trim(),
      password: String(data.get('password') ?? ''),
      roles,
    });
    setCreated(null);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      const field = String(i?.path[0] ?? '');
      setLocalError(field === 'roles' ? '請至少選一個角色 · Choose at least one role' : `${field}: ${i?.message ?? 'invalid'}`);
      return;
    }
    setLocalError(null);
    if (await createUser(parsed.data)) {
      setCreated(parsed.data.username);
      form.reset();
    }
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
              <th>
                <span className="visually-hidden">登入限制 Sign-in waits</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(users ?? []).map((u) => (
              <tr key={u.id} data-testid={`user-${u.username}`}>
                <td className="mono">{u.username}</td>
                <td>{u.displayName}</td>
                <td>
                  {u.roles.map((r) => (
                    <span key={r} className="role-chip">
                      {ROLE_LABEL[r].zh} {ROLE_LABEL[r].en}
                    </span>
                  ))}
                </td>
                <td>
                  {/* Failed sign-ins slow an account down; this ends the waits (audited). */}
                  <button type="button" className="btn" onClick={() => void unlockUser(u)} data-testid={`unlock-${u.username}`}>
                    解除登入限制 Unlock sign-in
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {unlocked && 'cleared' in unlocked && (
          <p className="inline-ok" role="status" data-testid="unlock-result">
            已解除 {unlocked.username} 的登入限制（{unlocked.cleared} 項）· Sign-in waits ended for {unlocked.username} ({unlocked.cleared})
          </p>
        )}
        {unlocked && 'error' in unlocked && <InlineError message={unlocked.error} testId="unlock-error" />}
      </section>

      <form className="card" onSubmit={onSubmit} data-testid="create-user-form" noValidate>
        <h2 className="card__title">
          <span lang="zh-TW">新增帳號</span>
          <span lang="en" className="card__title-en">
            New account
          </span>
        </h2>
        <Field zh="帳號" en="Username" name="username" autoComplete="off" required hint="a–z 0–9 . _ -" />
        <Field zh="顯示名稱" en="Display name" name="displayName" autoComplete="off" required />
        <Field zh="密碼" en="Password" name="password" type="password" autoComplete="new-password" required hint="至少 10 個字元 · at least 10 characters" />
        <fieldset className="roles">
          <legend className="field__label">角色 Roles</legend>
          {ROLES.map((r) => (
            <label key={r} className="roles__item">
              <input type="checkbox" name="roles" value={r} data-testid={`role-${r}`} /> {ROLE_LABEL[r].zh}{' '}
              <span className="muted">{ROLE_LABEL[r].en}</span>
            </label>
          ))}
        </fieldset>
        <InlineError message={localError ?? createError} testId="create-user-error" />
        {created && (
          <p className="inline-ok" role="status">
            已建立 Created: {created}
          </p>
        )}
        <button type="submit" className="btn btn--primary" disabled={busy} data-testid="create-user-submit">
          建立 Create
        </button>
      </form>
    </div>
  );
}
