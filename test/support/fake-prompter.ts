import type { Prompter } from '../../src/lib/prompter.js';

/**
 * A prompter that answers from a script, in order, and records the questions it was asked.
 * An answer may be a function of what the question offered (its options or choices).
 */
export function scriptedPrompter(answers: unknown[]): Prompter & { asked: string[] } {
  const queue = [...answers];
  const asked: string[] = [];
  const answer = async (message: string, offered?: unknown) => {
    asked.push(message);
    if (queue.length === 0) throw new Error(`unexpected question: ${message}`);
    const next = queue.shift();
    return (typeof next === 'function' ? next(offered) : next) as never;
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
