/**
 * Focus management: when an action replaces or disables what had focus, focus goes where the user's attention goes
 * next (the new page's heading, the request just made, the answer that arrived) instead of falling to the page body,
 * where a keyboard or screen-reader user would have to start again from the top.
 */

const NATIVELY_FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]';

/** Focuses `element`, making it focusable by script only (tabindex -1) when it is not focusable by itself. */
export function focusElement(element: HTMLElement | null | undefined): boolean {
  if (!element || !element.isConnected) {
    return false;
  }
  if (!element.matches(NATIVELY_FOCUSABLE)) {
    element.setAttribute('tabindex', '-1');
  }
  element.focus({ preventScroll: true });
  // jsdom has no layout, so no scrollIntoView.
  if ('scrollIntoView' in element) {
    element.scrollIntoView({ block: 'nearest' });
  }
  return document.activeElement === element;
}

/** Nobody's focus is anywhere in particular: it fell to the body (its element was removed or disabled) or is unset. */
export function focusIsLost(): boolean {
  return document.activeElement === null || document.activeElement === document.body;
}

/**
 * Focuses what `find` returns as soon as it is in the page (it may render only once data arrives). Gives up after
 * `timeoutMs`, and as soon as the user has put focus somewhere themselves: focus is never pulled away from where a
 * person has moved it. Returns a function that cancels the wait.
 */
export function focusWhenReady(find: () => HTMLElement | null, { timeoutMs = 5_000 } = {}): () => void {
  const startedAt = document.activeElement;
  let done = false;
  const stop = () => {
    done = true;
    observer.disconnect();
    clearTimeout(timer);
  };
  const attempt = () => {
    if (done) return;
    const current = document.activeElement;
    if (current !== startedAt && !focusIsLost()) {
      stop(); // the user moved on
      return;
    }
    const target = find();
    if (target && (target === current || focusElement(target))) {
      stop();
    }
  };
  const observer = new MutationObserver(attempt);
  const timer = setTimeout(stop, timeoutMs);
  observer.observe(document.body, { childList: true, subtree: true });
  attempt();
  return stop;
}
