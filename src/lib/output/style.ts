import { Chalk } from 'chalk';
import type { Style } from './types.js';

/** Width when none is known (a pipe, a test): what gh assumes too. */
export const DEFAULT_WIDTH = 80;

export function makeStyle(color: boolean, tty: boolean, width = DEFAULT_WIDTH): Style {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  return {
    color,
    tty,
    width,
    bold: (t) => chalk.bold(t),
    dim: (t) => chalk.dim(t),
    green: (t) => chalk.green(t),
    red: (t) => chalk.red(t),
    yellow: (t) => chalk.yellow(t),
    cyan: (t) => chalk.cyan(t),
  };
}
