import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AccessScope } from './access-scope';
import { CurrentScope, Public } from './auth.decorators';
import { AuthPayloadModel, LoginInput, UserModel } from './auth.models';
import { AuthService } from './auth.service';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Mutation(() => AuthPayloadModel, { description: 'Exchange e-mail and password for a bearer token.' })
  login(@Args('input') input: LoginInput): Promise<AuthPayloadModel> {
    return this.auth.login(input.email, input.password);
  }

  @Query(() => UserModel, { description: 'The signed-in user and their roles.' })
  me(@CurrentScope() scope: AccessScope): Promise<UserModel> {
    return this.auth.describe(scope.userId);
  }
}
