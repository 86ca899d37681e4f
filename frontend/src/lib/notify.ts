import toast from 'react-hot-toast';

import { errorMessage, isApiError } from './api-error';

/** The one place that turns an error into a toast (problem+json `detail` when there is one). */
export function notifyError(error: unknown): void {
  if (isApiError(error) && error.status === 401) {
    return; // the 401 handler sends the person to sign-in instead
  }
  const message = errorMessage(error);
  toast.error(message, { id: message });
}
