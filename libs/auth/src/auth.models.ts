import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { Trim } from '@journeyline/common/validation';
import { Role } from './roles';

registerEnumType(Role, { name: 'Role' });

@ObjectType('Membership')
export class MembershipModel {
  @Field(() => ID)
  organizationId: string;

  @Field()
  organizationName: string;

  @Field()
  organizationKind: string;

  @Field(() => Role)
  role: Role;
}

@ObjectType('User')
export class UserModel {
  @Field(() => ID)
  id: string;

  @Field()
  email: string;

  @Field()
  displayName: string;

  @Field(() => ID, { nullable: true, description: 'Set when the user is an apprentice.' })
  apprenticeId?: string;

  @Field(() => [MembershipModel])
  memberships: MembershipModel[];
}

@ObjectType('AuthPayload')
export class AuthPayloadModel {
  @Field({ description: 'Send as "Authorization: Bearer <token>".' })
  token: string;

  @Field()
  expiresAt: Date;

  @Field(() => UserModel)
  user: UserModel;
}

@InputType()
export class LoginInput {
  @Field()
  @Trim()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email: string;

  @Field()
  @IsString()
  @MinLength(1, { message: 'password must not be empty' })
  @MaxLength(200)
  password: string;
}
