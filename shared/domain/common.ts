import { z } from 'zod';

/** A calendar date as people write it in an audit: `YYYY-MM-DD`, validated as a real date. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the form YYYY-MM-DD')
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'Not a real calendar date',
  );

/** A UTC instant, always written with `Z`. */
export const IsoTimestamp = z.string().datetime({ offset: false });

export const Email = z.string().trim().toLowerCase().email('Enter an email address like name@company.com');

export const NonEmpty = (what: string, max = 200) =>
  z.string().trim().min(1, `${what} is required`).max(max, `${what} is longer than ${max} characters`);

/** Who did something: recorded on every change and every piece of evidence. */
export const Person = z.object({ name: NonEmpty('Name', 120), email: Email });
export type Person = z.infer<typeof Person>;

export const Id = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,79}$/i, 'Not a valid id');
