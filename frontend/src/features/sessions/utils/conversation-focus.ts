/** Where focus goes in the conversation: the card of a request (one per retry chain) and the message it produced. */

/** The card showing an operation's retry chain: it carries every operation id of the chain. */
export function operationCard(operationId: string): HTMLElement | null {
  const cards = document.querySelectorAll<HTMLElement>('[data-operation-chain]');
  return [...cards].find((card) => card.dataset.operationChain?.split(' ').includes(operationId)) ?? null;
}

/** The message (question or feedback) that an operation produced. */
export function operationMessage(operationId: string): HTMLElement | null {
  const messages = document.querySelectorAll<HTMLElement>('[data-operation-id]');
  return [...messages].find((message) => message.dataset.operationId === operationId) ?? null;
}
