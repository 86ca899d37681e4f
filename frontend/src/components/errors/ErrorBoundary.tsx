import { Component, type ErrorInfo, type ReactNode } from 'react';

import { ErrorDisplay } from '@/components/common/ErrorDisplay';
import { errorMessage } from '@/lib/api-error';

interface Props {
  children: ReactNode;
  /** Changing it (e.g. the path) clears a caught error. */
  resetKey?: string;
  title?: string;
}

interface State {
  error: unknown;
  resetKey: string | undefined;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey === state.resetKey ? null : { error: null, resetKey: props.resetKey };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Rendering failed', error, info.componentStack);
  }

  override render() {
    if (this.state.error) {
      return <PageError error={this.state.error} {...(this.props.title && { title: this.props.title })} />;
    }
    return this.props.children;
  }
}

/** What a page that failed to render shows instead (also the router's error component). */
export function PageError({ error, title = 'This page failed to load' }: { error: unknown; title?: string }) {
  return (
    <div className="mx-auto max-w-xl p-6">
      <ErrorDisplay
        title={title}
        message={`${errorMessage(error)} What to do: reload the page.`}
        retry={{ onRetry: () => window.location.reload(), isPending: false }}
      />
    </div>
  );
}
