import type { z } from 'zod';

/**
 * One IPC method: the zod schema main validates its input with, and the type it answers.
 * The output type is carried as a phantom so the contract stays a plain value.
 */
export interface Method<I extends z.ZodType, O> {
  readonly input: I;
  readonly __output?: O;
}

export const method = <I extends z.ZodType>(input: I) => ({
  returns: <O>(): Method<I, O> => ({ input }),
});

export type AnyMethod = Method<z.ZodType, unknown>;
export type Domain = Record<string, AnyMethod>;

export type InputOf<M> = M extends Method<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<M> = M extends Method<infer I, unknown> ? z.output<I> : never;
export type OutputOf<M> = M extends Method<z.ZodType, infer O> ? O : never;
