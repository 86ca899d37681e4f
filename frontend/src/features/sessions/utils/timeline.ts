import { toMillis } from '@/lib/time';

import type { Message, Operation } from '../api/types';

export type TimelineItem =
  | {
      kind: 'message';
      key: string;
      message: Message;
      questionNumber: number | null;
      /** The operation that produced this message, when it took retries to get there. */
      recoveredBy: Operation | null;
    }
  | {
      kind: 'operation';
      key: string;
      /** The newest operation of the retry chain: the one to show. */
      operation: Operation;
      /** The chain, oldest first (the original request, then each retry). */
      chain: Operation[];
    };

function chainRoot(operation: Operation, byId: Map<string, Operation>): Operation {
  let current = operation;
  const visited = new Set<string>([current.id]);
  while (current.parent_operation_id) {
    const parent = byId.get(current.parent_operation_id);
    if (!parent || visited.has(parent.id)) {
      break;
    }
    visited.add(parent.id);
    current = parent;
  }
  return current;
}

function byCreation(a: Operation, b: Operation): number {
  return a.retry_count - b.retry_count || (toMillis(a.created_at) ?? 0) - (toMillis(b.created_at) ?? 0);
}

/** Groups operations into retry chains keyed by the original operation's id. */
export function retryChains(operations: Operation[]): Map<string, Operation[]> {
  const byId = new Map(operations.map((operation) => [operation.id, operation]));
  const chains = new Map<string, Operation[]>();
  for (const operation of operations) {
    const root = chainRoot(operation, byId);
    const chain = chains.get(root.id) ?? [];
    chain.push(operation);
    chains.set(root.id, chain);
  }
  for (const chain of chains.values()) {
    chain.sort(byCreation);
  }
  return chains;
}

/**
 * The conversation in order: messages, plus one card per retry chain whose result has not
 * arrived as a message yet. A retry replaces the operation it retries in the same place.
 */
export function buildTimeline(
  messages: Message[],
  operations: Operation[],
  { numberQuestions = true }: { numberQuestions?: boolean } = {},
): TimelineItem[] {
  const delivered = new Set(
    messages.filter((message) => message.kind !== 'answer').map((message) => message.operation_id),
  );
  const chains = retryChains(operations);
  const recovered = new Map<string, Operation>();
  for (const chain of chains.values()) {
    const head = chain[chain.length - 1];
    if (head && (chain.length > 1 || head.attempt_count > 1)) {
      recovered.set(head.id, head);
    }
  }

  type Entry = { at: number; order: number; item: TimelineItem };
  const entries: Entry[] = [];

  messages.forEach((message, index) => {
    entries.push({
      at: toMillis(message.created_at) ?? 0,
      order: index,
      item: {
        kind: 'message',
        key: `message-${message.id}`,
        message,
        questionNumber: null,
        recoveredBy:
          message.kind === 'answer' || !message.operation_id
            ? null
            : (recovered.get(message.operation_id) ?? null),
      },
    });
  });

  let order = messages.length;
  for (const [rootId, chain] of chains) {
    if (chain.some((operation) => delivered.has(operation.id))) {
      continue;
    }
    const root = chain[0];
    const head = chain[chain.length - 1];
    if (!root || !head) {
      continue;
    }
    entries.push({
      at: toMillis(root.created_at) ?? 0,
      order: order++,
      // Keyed by the original operation: the card (and its state) stays when a retry replaces it.
      item: { kind: 'operation', key: `operation-${rootId}`, operation: head, chain },
    });
  }

  // Messages sort before operations created at the same instant (an answer before its feedback).
  entries.sort((a, b) => a.at - b.at || a.order - b.order);

  let questions = 0;
  return entries.map(({ item }) =>
    numberQuestions && item.kind === 'message' && item.message.kind === 'question'
      ? { ...item, questionNumber: ++questions }
      : item,
  );
}

/**
 * The question an answer goes to: the latest question in the conversation, while it waits for its answer. An answer
 * the AI refused to give feedback on (it says "answer the question again in other words") leaves it open.
 */
export function latestQuestion(messages: Message[], operations: Operation[] = []): Message | null {
  const refused = new Set(
    operations
      .filter(
        (operation) =>
          operation.operation_type === 'feedback_analysis' &&
          operation.status === 'failed' &&
          operation.next_action === 'rephrase',
      )
      .map((operation) => operation.message_id),
  );
  const sorted = [...messages].sort((a, b) => (toMillis(a.created_at) ?? 0) - (toMillis(b.created_at) ?? 0));
  let latest: Message | null = null;
  let answered = false;
  for (const message of sorted) {
    if (message.kind === 'question') {
      latest = message;
      answered = false;
    } else if (message.kind === 'answer' && latest && !refused.has(message.id)) {
      answered = true;
    }
  }
  return latest && !answered ? latest : null;
}

export function hasQuestions(messages: Message[]): boolean {
  return messages.some((message) => message.kind === 'question');
}
