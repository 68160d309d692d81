import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OccupationEntity } from './occupation.entity';
import { OccupationsResolver } from './occupations.resolver';
import { OccupationsService } from './occupations.service';

@Module({
  imports: [TypeOrmModule.forFeature([OccupationEntity])],
  providers: [OccupationsService, OccupationsResolver],
  exports: [OccupationsService],
})
export class OccupationsModule {}
