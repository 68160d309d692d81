import { ValueTransformer } from 'typeorm';

/** pg returns bigint columns as strings; cents always fit in a JS number. */
export const bigintCents: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
