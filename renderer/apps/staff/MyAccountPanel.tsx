import { useState, type FormEvent } from 'react';
import { changeOwnPasswordRequestSchema } from '../../../core/contract';
import { confirmProblem, fieldProblems, type AccountField } from '../../features/accounts/form-problems';
import { Field, InlineError } from './Field';
import { ROLE_LABEL } from './labels';
import { useStaff } from './state';
import '../../styles/accounts.css';

/** 我的帳號: who is signed in, and their own password (with the current one). */
export function MyAccountPanel() {
  const user = useStaff((s) => s.me?.user ?? null);
  const own = useStaff((s) => s.ownPassword);
  const change = useStaff((s) => s.changeOwnPassword);
  const [problems, setProblems] = useState<Partial<Record<AccountField, string>>>({});
  if (!user) return null;

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const values = {
      currentPassword: String(data.get('currentPassword') ?? ''),
      newPassword: String(data.get('newPassword') ?? ''),
      confirmPassword: String(data.get('confirmPassword') ?? ''),
    };
    const parsed = changeOwnPasswordRequestSchema.safeParse({ currentPassword: values.currentPassword, newPassword: values.newPassword });
    const found = { ...(parsed.success ? {} : fieldProblems(parsed.error.issues, values)), ...confirmProblem(values.newPassword, values.confirmPassword) };
    if (found.newPassword) delete found.confirmPassword;
    setProblems(found);
    if (!parsed.success || Object.keys(found).length) return;
    if (await change(parsed.data)) form.reset();
  };

  return (
    <div className="admin-grid">
      <section className="card" data-testid="my-account">
        <h2 className="card__title">
          <span lang="zh-TW">我的帳號</span>
          <span lang="en" className="card__title-en">
            My account
          </span>
        </h2>
        <dl className="my-account">
          <dt>
            名稱 <span lang="en">Name</span>
          </dt>
          <dd>{user.displayName}</dd>
          <dt>
            帳號 <span lang="en">Username</span>
          </dt>
          <dd className="mono">{user.username}</dd>
          <dt>
            角色 <span lang="en">Roles</span>
          </dt>
          <dd>
            {user.roles.map((r) => (
              <span key={r} className="role-chip">
                {ROLE_LABEL[r].zh} {ROLE_LABEL[r].en}
              </span>
            ))}
          </dd>
        </dl>
        <p className="muted small">名稱與角色由系統管理員設定 · An administrator sets your name and roles</p>
      </section>

      <form className="card" onSubmit={onSubmit} noValidate data-testid="own-password-form">
        <h2 className="card__title">
          <span lang="zh-TW">變更密碼</span>
          <span lang="en" className="card__title-en">
            Change your password
          </span>
        </h2>
        <Field zh="目前的密碼" en="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={problems.currentPassword} />
        <Field zh="新密碼" en="New password" name="newPassword" type="password" autoComplete="new-password" required hint="至少 10 個字元 · at least 10 characters" error={problems.newPassword} />
        <Field zh="再輸入一次新密碼" en="New password again" name="confirmPassword" type="password" autoComplete="new-password" required error={problems.confirmPassword} />
        <InlineError message={own.error} testId="own-password-error" />
        {own.endedSessions !== null && (
          <p className="inline-ok" role="status" data-testid="own-password-ok">
            密碼已變更{own.endedSessions ? `，其他 ${own.endedSessions} 處登入已登出` : ''} · Password changed
            {own.endedSessions ? `; signed out ${own.endedSessions === 1 ? '1 other session' : `${own.endedSessions} other sessions`}` : ''}
          </p>
        )}
        <button type="submit" className="btn btn--primary" disabled={own.busy} data-testid="own-password-submit">
          變更密碼 <span lang="en">Change password</span>
        </button>
      </form>
    </div>
  );
}
