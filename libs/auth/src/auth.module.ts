import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessScopeLoader } from './access-scope.loader';
import { AuthGuard } from './auth.guard';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { MembershipEntity } from './membership.entity';
import { TokenService } from './token.service';
import { UserEntity } from './user.entity';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, MembershipEntity])],
  providers: [AuthService, AuthResolver, TokenService, AccessScopeLoader, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, TokenService, AccessScopeLoader, TypeOrmModule],
})
export class AuthModule {}
