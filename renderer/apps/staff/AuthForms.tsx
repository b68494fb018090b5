import { useState, type FormEvent } from 'react';
import { loginRequestSchema, setupRequestSchema } from '../../../core/contract';
import { Field, InlineError } from './Field';
import { useStaff } from './state';

function firstIssue(err: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const i = err.issues[0];
  if (!i) return 'Invalid input';
  const names: Record<string, string> = {
    setupCode: '設定碼 Setup code',
    username: '帳號 Username',
    displayName: '顯示名稱 Display name',
    password: '密碼 Password',
  };
  const field = String(i.path[0] ?? '');
  return `${names[field] ?? field}: ${i.message}`;
}

export function SetupForm() {
  const setup = useStaff((s) => s.setup);
  const busy = useStaff((s) => s.authBusy);
  const serverError = useStaff((s) => s.authError);
  const [localError, setLocalError] = useState<string | null>(null);
  const initialCode = new URLSearchParams(location.search).get('setup') ?? '';

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const req = {
      setupCode: String(data.get('setupCode') ?? '').trim(),
      username: String(data.get('username') ?? '').trim(),
      displayName: String(data.get('displayName') ?? '').trim(),
      password: String(data.get('password') ?? ''),
    };
    const parsed = setupRequestSchema.safeParse(req);
    if (!parsed.success) {
      setLocalError(firstIssue(parsed.error));
      return;
    }
    setLocalError(null);
    if (await setup(parsed.data)) {
      // the one-time code is spent: drop it from the address bar
      history.replaceState(null, '', location.pathname);
    }
  };

  return (
    <form className="card auth-card" onSubmit={onSubmit} data-testid="setup-form" noValidate>
      <h2 className="card__title">
        <span lang="zh-TW">建立第一位系統管理員</span>
        <span lang="en" className="card__title-en">
          Create the first administrator
        </span>
      </h2>
      <p className="card__text">
        <span lang="zh-TW">請使用伺服器啟動時顯示的一次性設定連結。</span>{' '}
        <span lang="en">Use the one-time setup link the server printed when it started.</span>
      </p>
      <Field zh="設定碼" en="Setup code" name="setupCode" defaultValue={initialCode} autoComplete="off" required />
      <Field zh="帳號" en="Username" name="username" autoComplete="username" required hint="a–z 0–9 . _ -" />
      <Field zh="顯示名稱" en="Display name" name="displayName" autoComplete="name" required />
      <Field zh="密碼" en="Password" name="password" type="password" autoComplete="new-password" required hint="至少 10 個字元 · at least 10 characters" />
      <InlineError message={localError ?? serverError} />
      <button type="submit" className="btn btn--primary btn--block" disabled={busy} data-testid="setup-submit">
        <span lang="zh-TW">建立帳號</span> <span lang="en">Create account</span>
      </button>
    </form>
  );
}

export function LoginForm() {
  const login = useStaff((s) => s.login);
  const busy = useStaff((s) => s.authBusy);
  const serverError = useStaff((s) => s.authError);
  const [localError, setLocalError] = useState<string | null>(null);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const parsed = loginRequestSchema.safeParse({
      username: String(data.get('username') ?? '').trim(),
      password: String(data.get('password') ?? ''),
    });
    if (!parsed.success) {
      setLocalError(firstIssue(parsed.error));
      return;
    }
    setLocalError(null);
    if (!(await login(parsed.data))) {
      const pw = form.elements.namedItem('password');
      if (pw instanceof HTMLInputElement) pw.value = '';
    }
  };

  return (
    <form className="card auth-card" onSubmit={onSubmit} data-testid="login-form" noValidate>
      <h2 className="card__title">
        <span lang="zh-TW">工作人員登入</span>
        <span lang="en" className="card__title-en">
          Staff sign-in
        </span>
      </h2>
      <Field zh="帳號" en="Username" name="username" autoComplete="username" required autoFocus />
      <Field zh="密碼" en="Password" name="password" type="password" autoComplete="current-password" required />
      <InlineError message={localError ?? serverError} />
      <button type="submit" className="btn btn--primary btn--block" disabled={busy} data-testid="login-submit">
        <span lang="zh-TW">登入</span> <span lang="en">Sign in</span>
      </button>
    </form>
  );
}
