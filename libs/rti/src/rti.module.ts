import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock } from '@journeyline/common/clock';
import { RtiAttendanceEntity } from './rti-attendance.entity';
import { RtiCourseEntity } from './rti-course.entity';
import { RtiEnrollmentEntity } from './rti-enrollment.entity';
import { RtiCoursesResolver, RtiEnrollmentsResolver } from './rti.resolver';
import { RtiService } from './rti.service';

/** Related technical instruction: provider courses, enrollments and attended sessions. */
@Module({
  imports: [TypeOrmModule.forFeature([RtiCourseEntity, RtiEnrollmentEntity, RtiAttendanceEntity])],
  providers: [RtiService, RtiCoursesResolver, RtiEnrollmentsResolver, Clock],
  exports: [RtiService],
})
export class RtiModule {}
