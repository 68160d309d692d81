import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID } from '@nestjs/graphql';
import { DomainError } from './domain-error';

/** A required `ID!` argument that must be a UUID; a malformed one is a field-level input error. */
export const IdArg = (name: string, description?: string): ParameterDecorator =>
  Args(
    name,
    { type: () => ID, description },
    new ParseUUIDPipe({ exceptionFactory: () => DomainError.invalidField(name, 'must be an id (UUID)') }),
  );
