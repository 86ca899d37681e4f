import { Bot, GraduationCap, MessageSquareText, type LucideIcon } from 'lucide-react';

import type { components } from '@/lib/api/openapi';

export type OperationType = components['schemas']['Operation']['operation_type'];

/** What the SPA says about each operation type. Typed by the API's own list: a new type fails `tsc` until described. */
export interface OperationTypeText {
  /** "Question", "Feedback", "Model answer": what the operation produces. */
  product: string;
  /** The card's heading while the result is on its way. */
  request: string;
  /** The card's accessible name. */
  label: string;
  failureTitle: string;
  ready: string;
  icon: LucideIcon;
}

export const OPERATION_TYPES: Record<OperationType, OperationTypeText> = {
  question_generation: {
    product: 'Question',
    request: 'Next question',
    label: 'Question request',
    failureTitle: "Couldn't generate a question",
    ready: 'New question ready.',
    icon: Bot,
  },
  feedback_analysis: {
    product: 'Feedback',
    request: 'Feedback on your answer',
    label: 'Feedback request',
    failureTitle: "Couldn't analyse your answer",
    ready: 'Feedback ready.',
    icon: MessageSquareText,
  },
  model_answer: {
    product: 'Model answer',
    request: 'Model answer',
    label: 'Model answer request',
    failureTitle: "Couldn't write a model answer",
    ready: 'Model answer ready.',
    icon: GraduationCap,
  },
};

/** Every operation type, in the API's order: what filters offer. */
export const OPERATION_TYPE_NAMES = Object.keys(OPERATION_TYPES) as OperationType[];
