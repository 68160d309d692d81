import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, ErrorCode } from '@journeyline/common/domain-error';
import { AccessScopeLoader } from './access-scope.loader';
import { PERMISSION_KEY, PUBLIC_KEY, requestOf } from './auth.decorators';
import { Permission } from './roles';
import { TokenService } from './token.service';

/**
 * Global guard: every resolver and route needs a valid bearer token unless marked @Public(), and
 * the permission named by @RequirePermission(). Record-level tenancy is the services' job.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly scopes: AccessScopeLoader,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = requestOf(context);
    if (!request.scope) {
      const header = request.headers['authorization'];
      const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined;
      if (!token) throw new DomainError(ErrorCode.Unauthenticated, 'Sign in first: send Authorization: Bearer <token>');
      const userId = await this.tokens.verify(token);
      const scope = userId ? await this.scopes.load(userId) : null;
      if (!scope) throw new DomainError(ErrorCode.Unauthenticated, 'The token is invalid or expired');
      request.scope = scope;
    }
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    if (permission && !request.scope.can(permission)) {
      throw DomainError.forbidden(`Your roles do not allow this (needs ${permission})`);
    }
    return true;
  }
}
