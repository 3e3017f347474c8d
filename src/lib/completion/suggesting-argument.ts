// An argument with words completion offers (`ci results delete`) beside any other value it takes.
import { Argument } from 'commander';

export class SuggestingArgument extends Argument {
  constructor(
    name: string,
    description: string,
    /** Offered by completion; not enforced, unlike choices. */
    readonly suggestions: readonly string[],
  ) {
    super(name, description);
  }
}
