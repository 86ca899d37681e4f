import { useEffect, useRef } from 'react';

import { useAnnounce } from '@/components/common/LiveAnnouncer';

import type { Operation } from '../api/types';
import { announcementSignature, describeChange } from '../utils/operation-text';

/** Announces operation status changes (not the initial state) through the polite live region. */
export function useOperationAnnouncements(operations: Operation[] | undefined): void {
  const announce = useAnnounce();
  const seen = useRef<Map<string, string> | null>(null);

  useEffect(() => {
    if (!operations) {
      return;
    }
    const previous = seen.current;
    const next = new Map<string, string>();
    const sentences: string[] = [];
    for (const operation of operations) {
      const signature = announcementSignature(operation);
      next.set(operation.id, signature);
      if (previous && previous.get(operation.id) !== signature) {
        const sentence = describeChange(operation, !previous.has(operation.id));
        if (sentence) {
          sentences.push(sentence);
        }
      }
    }
    seen.current = next;
    if (sentences.length > 0) {
      announce(sentences.join(' '));
    }
  }, [operations, announce]);
}
