import { describe, expect, it } from 'vitest';

import { splitErrorMessage } from './error-message';

describe('splitErrorMessage', () => {
  it('splits on "What to do:"', () => {
    expect(splitErrorMessage('The AI is down. What to do: Retry later.')).toEqual({
      what: 'The AI is down.',
      action: 'Retry later.',
    });
  });

  it('keeps a message without an action whole', () => {
    expect(splitErrorMessage('The AI is down.')).toEqual({ what: 'The AI is down.', action: null });
  });

  it('falls back to a generic sentence for an empty message', () => {
    expect(splitErrorMessage(null)).toEqual({ what: 'Something went wrong.', action: null });
  });
});
