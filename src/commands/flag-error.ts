/**
 * Thrown by a flag's parser for a value it refuses. The registrar hands it to commander as an invalid
 * argument, so the message reads `option '--limit <n>' argument 'x' is invalid. …` like commander's own.
 */
export class InvalidFlagValue extends Error {
  override name = 'InvalidFlagValue';
}
