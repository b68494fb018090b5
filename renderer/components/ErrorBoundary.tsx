import { Component, type ErrorInfo, type ReactNode } from 'react';

/**
 * Screens run unattended for months: if rendering ever throws, show a calm
 * bilingual notice and reload the page after a short while.
 */
export class ErrorBoundary extends Component<{ children: ReactNode; reloadAfterMs?: number }, { failed: boolean }> {
  override state = { failed: false };
  private timer: ReturnType<typeof setTimeout> | null = null;

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('screen crashed', error, info.componentStack);
    this.timer = setTimeout(() => location.reload(), this.props.reloadAfterMs ?? 15_000);
  }

  override componentWillUnmount(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="notice-page" role="alert">
        <div className="notice-page__body">
          <p className="notice-page__title-zh" lang="zh-TW">
            系統重新啟動中
          </p>
          <p className="notice-page__title-en" lang="en">
            Restarting, please wait
          </p>
          <div className="spinner" aria-hidden="true" />
        </div>
      </div>
    );
  }
}
