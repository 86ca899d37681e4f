import { expect } from './expect';
import {
  ADA,
  addSimulatorFault,
  checkAccessibility,
  clearSimulatorFaults,
  FAILURE_TIMEOUT_MS,
  failureText,
  RECOVERY_TIMEOUT_MS,
  signIn,
  type E2eContext,
  type E2eTest,
} from './harness';

/** Only the worker's model-answer prompt says this: a fault on it leaves the session's questions alone. */
const MODEL_ANSWER_PROMPT = 'Write a model answer to this interview question.';

/** Every automatic attempt of one operation (1 try and 3 retries): enough to fail it for good. */
const ATTEMPTS = 4;

async function run(ctx: E2eContext): Promise<void> {
  const { page, baseUrl, artifact, log } = ctx;
  try {
    await clearSimulatorFaults(ctx);
    await signIn(page, baseUrl, ADA);
    await page.getByRole('radio', { name: 'Data scientist' }).check();
    await page.getByRole('button', { name: 'Start session' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Data scientist' })).toBeVisible(30_000);

    log('a question, then its model answer, which fails on every automatic attempt');
    await page.getByRole('button', { name: 'Next question' }).click();
    const question = page.getByRole('article', { name: /^Question 1/ });
    await expect(question).toBeVisible(RECOVERY_TIMEOUT_MS);
    const questionText = (await question.locator('p').first().textContent())?.trim() ?? '';
    if (!questionText) throw new Error('the question should have a text');
    await addSimulatorFault(ctx, { status: 503, times: ATTEMPTS, when_prompt_contains: MODEL_ANSWER_PROMPT });
    await question.getByRole('button', { name: 'Show a model answer' }).click();

    const card = page.getByRole('region', { name: 'Model answer request' });
    await expect(card).toBeFocused(10_000, 'the new request takes focus, as the other requests do');
    await expect(card.getByText("Couldn't write a model answer")).toBeVisible(FAILURE_TIMEOUT_MS);
    const [what = ''] = failureText('AI_UNAVAILABLE', 'model_answer', ATTEMPTS).error_message.split(
      ' What to do: ',
    );
    await expect(card.getByText(what, { exact: true })).toBeVisible(5_000, `"${what}"`);
    await expect(question.getByRole('button', { name: 'Show a model answer' })).toBeHidden(
      1_000,
      'one model answer per question: the failed one is retried from its card',
    );
    if (await page.getByRole('textbox', { name: 'Your answer' }).isDisabled()) {
      throw new Error('a model answer does not answer the question: the answer box stays open');
    }

    log('Retry: the model answer arrives, quoting the question');
    await card.getByRole('button', { name: 'Retry', exact: true }).click();
    const modelAnswer = page.getByRole('article', { name: /^Model answer/ });
    await expect(modelAnswer).toBeVisible(RECOVERY_TIMEOUT_MS);
    await expect(modelAnswer.getByText(`"${questionText.slice(0, 40)}`)).toBeVisible(
      5_000,
      'the model answer is about this question',
    );
    await expect(page.getByRole('region', { name: 'Model answer request' })).toBeHidden(10_000);
    await checkAccessibility(ctx, page, 'a session with a model answer');
    await page.screenshot({ path: artifact('model-answer.png'), fullPage: true });

    log('the person still answers the question in their own words, and gets feedback');
    await page
      .getByRole('textbox', { name: 'Your answer' })
      .fill('I would start from what the data has to answer.');
    await page.getByRole('button', { name: 'Send answer' }).click();
    await expect(page.getByRole('article', { name: /^Feedback/ })).toBeVisible(RECOVERY_TIMEOUT_MS);
  } finally {
    await clearSimulatorFaults(ctx);
  }
}

export const modelAnswer: E2eTest = {
  name: 'a model answer to a question: it fails, is retried by the person and arrives in the conversation',
  timeoutMs: 3 * 60_000,
  run,
};
