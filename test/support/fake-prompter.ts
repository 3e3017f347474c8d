import type { Prompter } from '../../src/lib/prompter.js';

/** A prompter that answers from a script, in order, and records the questions it was asked. */
export function scriptedPrompter(answers: unknown[]): Prompter & { asked: string[] } {
  const queue = [...answers];
  const asked: string[] = [];
  const answer = async (message: string) => {
    asked.push(message);
    if (queue.length === 0) throw new Error(`unexpected question: ${message}`);
    return queue.shift() as never;
  };
  return {
    asked,
    input: answer,
    password: answer,
    confirm: answer,
    select: answer,
    checkbox: answer,
    editor: answer,
  };
}
