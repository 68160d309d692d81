import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AccessScope } from './access-scope';
import { Permission } from './roles';

export const PUBLIC_KEY = 'journeyline:public';
export const PERMISSION_KEY = 'journeyline:permission';

/** Reachable without a token (login, health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The caller needs this permission in at least one organization; services check which records. */
export const RequirePermission = (permission: Permission) => SetMetadata(PERMISSION_KEY, permission);

export interface RequestWithScope {
  headers: Record<string, string | string[] | undefined>;
  scope?: AccessScope;
}

export function requestOf(context: ExecutionContext): RequestWithScope {
  if (context.getType<string>() === 'graphql') return GqlExecutionContext.create(context).getContext().req;
  return context.switchToHttp().getRequest();
}

/** The caller's AccessScope, set by AuthGuard. */
export const CurrentScope = createParamDecorator((_data: unknown, context: ExecutionContext): AccessScope => {
  const scope = requestOf(context).scope;
  if (!scope) throw new Error('CurrentScope used on a route without AuthGuard');
  return scope;
});
