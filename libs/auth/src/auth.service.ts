import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { DomainError, ErrorCode } from '@journeyline/common/domain-error';
import { AuthPayloadModel, MembershipModel, UserModel } from './auth.models';
import { hashPassword, verifyPassword } from './password-hasher';
import { TokenService } from './token.service';
import { UserEntity } from './user.entity';

// Compared against when the e-mail is unknown, so a wrong e-mail costs the same time as a wrong password.
const DUMMY_HASH_PROMISE = hashPassword('journeyline-timing-equaliser');

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
  ) {}

  async login(email: string, password: string): Promise<AuthPayloadModel> {
    const user = await this.users.findOne({ where: { email: email.toLowerCase() } });
    const valid = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH_PROMISE));
    if (!user || !valid || !user.isActive) {
      throw new DomainError(ErrorCode.Unauthenticated, 'Wrong e-mail or password');
    }
    const { token, expiresAt } = this.tokens.sign(user.id);
    return { token, expiresAt, user: await this.describe(user.id) };
  }

  async describe(userId: string): Promise<UserModel> {
    const user = await this.users.findOneOrFail({ where: { id: userId } });
    const memberships: Array<{ organization_id: string; name: string; kind: string; role: MembershipModel['role'] }> =
      await this.dataSource.query(
        `SELECT m.organization_id, o.name, o.kind, m.role
           FROM memberships m JOIN organizations o ON o.id = m.organization_id
          WHERE m.user_id = $1 ORDER BY o.name, m.role`,
        [userId],
      );
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      apprenticeId: user.apprenticeId ?? undefined,
      memberships: memberships.map((row) => ({
        organizationId: row.organization_id,
        organizationName: row.name,
        organizationKind: row.kind,
        role: row.role,
      })),
    };
  }
}
