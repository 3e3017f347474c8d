import type { Prompter, Validator } from '../../src/lib/prompter.js';

/**
 * A prompter that answers from a script, in order, and records the questions it was asked.
 * An answer may be a function of what the question offered (its options or choices). Like
 * inquirer, it checks each answer with the question's validator: a refused answer is recorded in
 * `refused` and the question takes the next answer of the script.
 */
export function scriptedPrompter(answers: unknown[]): Prompter & { asked: string[]; refused: string[] } {
  const queue = [...answers];
  const asked: string[] = [];
  const refused: string[] = [];
  const next = (message: string, offered?: unknown): unknown => {
    if (queue.length === 0) throw new Error(`unexpected question: ${message}`);
    const scripted = queue.shift();
    return typeof scripted === 'function' ? (scripted as (offered: unknown) => unknown)(offered) : scripted;
  };
  const answer = async (message: string, offered?: unknown) => {
    asked.push(message);
    const validate = (offered as { validate?: Validator } | undefined)?.validate;
    for (;;) {
      const value = next(message, offered);
      const verdict = validate && typeof value === 'string' ? await validate(value) : true;
      if (verdict === true) return value as never;
      refused.push(`${message}: ${verdict}`);
    }
  };
  return {
    asked,
    refused,
    input: answer,
    password: answer,
    confirm: answer,
    select: answer,
    checkbox: answer,
    editor: answer,
  };
}
