import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  IsInt,
  IsNumber,
  IsOptional,
  Matches,
  Max,
  Min,
  registerDecorator,
  ValidationArguments,
  ValidationError,
  ValidationOptions,
} from 'class-validator';
import { DomainError, FieldProblem } from './domain-error';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True when the string is a real calendar date in YYYY-MM-DD form. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function ValidateIsoDate(options?: ValidationOptions): PropertyDecorator {
  return function (target: object, propertyName: string | symbol) {
    registerDecorator({
      name: 'isIsoDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => isIsoDate(value),
        defaultMessage: (args: ValidationArguments) => `${args.property} must be a calendar date as YYYY-MM-DD`,
      },
    });
  };
}

/** Hours in quarter-hour steps (0.25), non-negative, at most `max`. */
export function ValidateHours(max = 100000): PropertyDecorator {
  return applyDecorators(
    IsNumber({ maxDecimalPlaces: 2 }, { message: ({ property }) => `${property} must be a number of hours` }),
    Min(0),
    Max(max),
    registerQuarterHours(),
  );
}

function registerQuarterHours(): PropertyDecorator {
  return function (target: object, propertyName: string | symbol) {
    registerDecorator({
      name: 'isQuarterHours',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value === 'number' && Number.isInteger(value * 4),
        defaultMessage: (args: ValidationArguments) => `${args.property} must be in quarter hours (0.25 steps)`,
      },
    });
  };
}

/** A money amount as a decimal string with at most two decimals, e.g. "23.45". Stored as cents. */
export function ValidateMoney(): PropertyDecorator {
  return applyDecorators(
    Matches(/^\d{1,7}(\.\d{1,2})?$/, {
      message: ({ property }) => `${property} must be a decimal amount like "23.45" (at most 2 decimals)`,
    }),
  );
}

/** A percentage as a decimal string, 0 to 100 with at most two decimals, e.g. "55.5". */
export function ValidatePercent(): PropertyDecorator {
  return applyDecorators(
    Matches(/^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/, {
      message: ({ property }) => `${property} must be a percentage from 0 to 100 with at most 2 decimals`,
    }),
  );
}

export function ValidatePositiveInt(max = 1_000_000): PropertyDecorator {
  return applyDecorators(IsInt(), Min(1), Max(max));
}

/** Trims strings; leaves other values alone so the type validators can complain about them. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export const Optional = () => IsOptional();

/** Flattens nested class-validator errors into field problems with dotted paths. */
export function toFieldProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...toFieldProblems(error.children ?? [], field)];
  });
}

export function validationErrorFactory(errors: ValidationError[]): DomainError {
  return DomainError.validation(toFieldProblems(errors));
}
