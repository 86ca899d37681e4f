const ACTION_MARKER = 'What to do:';

export interface SplitErrorMessage {
  /** What happened, e.g. "The AI service is unavailable." */
  what: string;
  /** What the person can do about it, or null when the message has no action part. */
  action: string | null;
}

/** Operation errors read "<what happened>. What to do: <action>"; show the two parts apart. */
export function splitErrorMessage(message: string | null | undefined): SplitErrorMessage {
  const text = message?.trim() ?? '';
  if (!text) {
    return { what: 'Something went wrong.', action: null };
  }
  const index = text.indexOf(ACTION_MARKER);
  if (index < 0) {
    return { what: text, action: null };
  }
  const what = text.slice(0, index).trim();
  const action = text.slice(index + ACTION_MARKER.length).trim();
  return { what: what || 'Something went wrong.', action: action || null };
}
