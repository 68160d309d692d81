import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock } from '@journeyline/common/clock';
import { CompetenciesResolver } from './competencies.resolver';
import { CompetenciesService } from './competencies.service';
import { CompetencySignoffEntity } from './competency-signoff.entity';
import { InterimCredentialEntity } from './interim-credential.entity';

/** Competency sign-offs and interim credentials of competency-based and hybrid programs. */
@Module({
  imports: [TypeOrmModule.forFeature([CompetencySignoffEntity, InterimCredentialEntity])],
  providers: [CompetenciesService, CompetenciesResolver, Clock],
  exports: [CompetenciesService],
})
export class CompetenciesModule {}
