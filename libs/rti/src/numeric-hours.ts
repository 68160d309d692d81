import { ValueTransformer } from 'typeorm';

/** pg returns numeric columns as strings; hours have at most two decimals and fit a JS number. */
export const numericHours: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
