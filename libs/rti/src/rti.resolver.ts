import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AccessScope } from '@journeyline/auth/access-scope';
import { CurrentScope, RequirePermission } from '@journeyline/auth/auth.decorators';
import { Permission } from '@journeyline/auth/roles';
import { IdArg } from '@journeyline/common/id-arg';
import { Connection, mapPage, Page } from '@journeyline/common/pagination';
import { groupByKeys, indexByKeys, requestLoader, type RequestWithLoaders } from '@journeyline/common/request-loaders';
import { toRtiAttendanceModel, toRtiCourseModel, toRtiEnrollmentModel, toRtiSummaryModel } from './rti.mappers';
import {
  CompleteRtiEnrollmentInput,
  CreateRtiCourseInput,
  EnrollInRtiInput,
  RecordRtiAttendanceInput,
  RtiAttendanceModel,
  RtiCourseModel,
  RtiCoursesArgs,
  RtiEnrollmentModel,
  RtiProviderModel,
  RtiSummaryModel,
  WithdrawRtiEnrollmentInput,
} from './rti.models';
import { RtiService } from './rti.service';

const RtiCourseConnection = Connection(RtiCourseModel, 'RtiCourse');

@Resolver(() => RtiCourseModel)
export class RtiCoursesResolver {
  constructor(private readonly service: RtiService) {}

  @Query(() => RtiCourseConnection, { description: 'The RTI course catalogue, open to every signed-in user.' })
  @RequirePermission(Permission.ReadRegistry)
  async rtiCourses(@Args() args: RtiCoursesArgs): Promise<Page<RtiCourseModel>> {
    return mapPage(await this.service.listCourses(args), toRtiCourseModel);
  }

  @Mutation(() => RtiCourseModel, { description: 'Adds a course to an RTI provider organization.' })
  @RequirePermission(Permission.RecordRti)
  async createRtiCourse(@CurrentScope() scope: AccessScope, @Args('input') input: CreateRtiCourseInput): Promise<RtiCourseModel> {
    return toRtiCourseModel(await this.service.createCourse(scope, input));
  }

  @ResolveField(() => RtiProviderModel)
  async provider(@Parent() course: RtiCourseModel, @Context('req') req: RequestWithLoaders): Promise<RtiProviderModel> {
    const loader = requestLoader(req, 'rti:providerById', async (ids: readonly string[]) =>
      indexByKeys(ids, await this.service.providersByIds(ids), (provider) => provider.id),
    );
    return (await loader.load(course.providerId))!;
  }
}

@Resolver(() => RtiEnrollmentModel)
export class RtiEnrollmentsResolver {
  constructor(private readonly service: RtiService) {}

  @Query(() => [RtiEnrollmentModel], {
    description: "A registration's RTI enrollments; a provider's supervisor sees those in the provider's courses.",
  })
  @RequirePermission(Permission.ReadRegistry)
  async rtiEnrollments(
    @CurrentScope() scope: AccessScope,
    @IdArg('registrationId') registrationId: string,
  ): Promise<RtiEnrollmentModel[]> {
    return (await this.service.listEnrollments(scope, registrationId)).map(toRtiEnrollmentModel);
  }

  @Query(() => RtiSummaryModel, { description: 'RTI hours of a registration: DOL total, VA-countable part, prior credit.' })
  @RequirePermission(Permission.ReadRegistry)
  async rtiSummary(
    @CurrentScope() scope: AccessScope,
    @IdArg('registrationId') registrationId: string,
  ): Promise<RtiSummaryModel> {
    return toRtiSummaryModel(await this.service.summary(scope, registrationId));
  }

  @Mutation(() => RtiEnrollmentModel)
  @RequirePermission(Permission.RecordRti)
  async enrollInRti(@CurrentScope() scope: AccessScope, @Args('input') input: EnrollInRtiInput): Promise<RtiEnrollmentModel> {
    return toRtiEnrollmentModel(await this.service.enroll(scope, input));
  }

  // The next three are open to the course provider's supervisors too, who lack rti:record: the
  // service decides per enrollment.
  @Mutation(() => RtiEnrollmentModel)
  async completeRtiEnrollment(
    @CurrentScope() scope: AccessScope,
    @Args('input') input: CompleteRtiEnrollmentInput,
  ): Promise<RtiEnrollmentModel> {
    return toRtiEnrollmentModel(await this.service.complete(scope, input));
  }

  @Mutation(() => RtiEnrollmentModel)
  async withdrawRtiEnrollment(
    @CurrentScope() scope: AccessScope,
    @Args('input') input: WithdrawRtiEnrollmentInput,
  ): Promise<RtiEnrollmentModel> {
    return toRtiEnrollmentModel(await this.service.withdraw(scope, input));
  }

  @Mutation(() => RtiAttendanceModel, { description: 'Idempotent: a retry with the same key returns the first record.' })
  async recordRtiAttendance(
    @CurrentScope() scope: AccessScope,
    @Args('input') input: RecordRtiAttendanceInput,
  ): Promise<RtiAttendanceModel> {
    return toRtiAttendanceModel(await this.service.recordAttendance(scope, input));
  }

  @ResolveField(() => RtiCourseModel)
  async course(@Parent() enrollment: RtiEnrollmentModel, @Context('req') req: RequestWithLoaders): Promise<RtiCourseModel> {
    const loader = requestLoader(req, 'rti:courseById', async (ids: readonly string[]) =>
      indexByKeys(ids, await this.service.coursesByIds(ids), (course) => course.id),
    );
    return toRtiCourseModel((await loader.load(enrollment.courseId))!);
  }

  @ResolveField(() => [RtiAttendanceModel], { description: 'Attended sessions, oldest first.' })
  async attendance(
    @Parent() enrollment: RtiEnrollmentModel,
    @Context('req') req: RequestWithLoaders,
  ): Promise<RtiAttendanceModel[]> {
    const loader = requestLoader(req, 'rti:attendanceByEnrollment', async (ids: readonly string[]) =>
      groupByKeys(ids, await this.service.attendanceOfEnrollments(ids), (row) => row.enrollmentId),
    );
    return (await loader.load(enrollment.id)).map(toRtiAttendanceModel);
  }
}
