import { Global, Module } from '@nestjs/common';
import { RulesResolver } from './rules.resolver';
import { RulesService } from './rules.service';

@Global()
@Module({
  providers: [RulesService, RulesResolver],
  exports: [RulesService],
})
export class RulesModule {}
