// The generation rule (lib/generation.ts) fed from the context: the flag, the environment, the profile.
import type { Context } from '../../lib/context.js';
import { requireV3, resolveGeneration, type Generation } from '../../lib/generation.js';

/** The generation a command on a noun both generations have works on, given the IDs or names it was handed. */
export function generationFor(ctx: Context, ...refs: (string | undefined)[]): Promise<Generation> {
  return resolveGeneration({
    refs,
    flag: ctx.globals.generation,
    env: ctx.env.TWILIO_CI_GENERATION,
    profile: async () => (await ctx.credentials()).generation,
  });
}

/** For nouns only v3 has: refuses an explicit classic. */
export function onlyV3(ctx: Context, noun: string): void {
  requireV3(ctx.globals.generation, ctx.env.TWILIO_CI_GENERATION, noun);
}
