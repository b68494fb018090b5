import { useState, type FormEvent } from 'react';
import { loginRequestSchema, setupRequestSchema } from '../../../core/contract';
import { fieldProblems, type AccountField } from '../../features/accounts/form-problems';
import { Field, InlineError } from './Field';
import { useStaff } from './state';
import '../../styles/accounts.css';

type Problems = Partial<Record<AccountField, string>>;

export function SetupForm() {
  const setup = useStaff((s) => s.setup);
  const busy = useStaff((s) => s.authBusy);
  const serverError = useStaff((s) => s.authError);
  const [problems, setProblems] = useState<Problems>({});
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
      setProblems(fieldProblems(parsed.error.issues, req));
      return;
    }
    setProblems({});
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
      <Field zh="設定碼" en="Setup code" name="setupCode" defaultValue={initialCode} autoComplete="off" required error={problems.setupCode} />
      <Field zh="帳號" en="Username" name="username" autoComplete="username" required hint="a–z 0–9 . _ -" error={problems.username} />
      <Field zh="顯示名稱" en="Display name" name="displayName" autoComplete="name" required error={problems.displayName} />
      <Field zh="密碼" en="Password" name="password" type="password" autoComplete="new-password" required hint="至少 10 個字元 · at least 10 characters" error={problems.password} />
      <InlineError message={serverError} />
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
  const [problems, setProblems] = useState<Problems>({});

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const values = { username: String(data.get('username') ?? '').trim(), password: String(data.get('password') ?? '') };
    const parsed = loginRequestSchema.safeParse(values);
    if (!parsed.success) {
      setProblems(fieldProblems(parsed.error.issues, values));
      return;
    }
    setProblems({});
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
      <Field zh="帳號" en="Username" name="username" autoComplete="username" required autoFocus error={problems.username} />
      <Field zh="密碼" en="Password" name="password" type="password" autoComplete="current-password" required error={problems.password} />
      <InlineError message={serverError} />
      <button type="submit" className="btn btn--primary btn--block" disabled={busy} data-testid="login-submit">
        <span lang="zh-TW">登入</span> <span lang="en">Sign in</span>
      </button>
    </form>
  );
}
