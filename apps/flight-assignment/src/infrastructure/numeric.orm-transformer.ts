import type { ValueTransformer } from 'typeorm';

/** PostgreSQL `numeric` comes back as a string; the service works in numbers. */
export const NUMERIC: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
