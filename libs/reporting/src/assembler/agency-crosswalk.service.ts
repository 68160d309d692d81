import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessScope } from '@journeyline/auth/access-scope';
import { recordAudit } from '@journeyline/database/audit';
import { ProgramsService } from '@journeyline/programs/programs.service';
import { ProgramAgencyIdsModel, SetAgencyIdsInput } from './agency-crosswalk.models';
import { AGENCY_ID_KINDS, AgencyIdKey } from './record-assembler';

const KEYS = Object.keys(AGENCY_ID_KINDS) as AgencyIdKey[];

/** The crosswalk from a program to the registration agency's ids (agency_crosswalk), read by the RecordAssembler. */
@Injectable()
export class AgencyCrosswalkService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly programs: ProgramsService,
  ) {}

  async get(scope: AccessScope, programId: string): Promise<ProgramAgencyIdsModel> {
    const program = await this.programs.getVisible(scope, programId, 'programId');
    return this.read(this.dataSource.manager, program.id);
  }

  /** Sets or clears the given ids of a program the caller manages (ManagePrograms on its sponsor). */
  async set(scope: AccessScope, input: SetAgencyIdsInput): Promise<ProgramAgencyIdsModel> {
    const program = await this.programs.getManageable(scope, input.programId, 'programId');
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT id FROM programs WHERE id = $1 FOR UPDATE`, [program.id]);
      const before = await this.read(manager, program.id);
      for (const key of KEYS) {
        const value = input[key];
        if (value === undefined) continue;
        if (value === null) {
          await manager.query(`DELETE FROM agency_crosswalk WHERE program_id = $1 AND kind = $2`, [program.id, AGENCY_ID_KINDS[key]]);
        } else {
          await manager.query(
            `INSERT INTO agency_crosswalk (program_id, kind, external_id, updated_by) VALUES ($1, $2, $3, $4)
             ON CONFLICT (program_id, kind) DO UPDATE SET external_id = EXCLUDED.external_id, updated_by = EXCLUDED.updated_by, updated_at = now()`,
            [program.id, AGENCY_ID_KINDS[key], value, scope.userId],
          );
        }
      }
      const after = await this.read(manager, program.id);
      if (KEYS.some((key) => before[key] !== after[key])) {
        await recordAudit(manager, {
          actorUserId: scope.userId,
          action: 'program.agency_ids_set',
          entity: 'program',
          entityId: program.id,
          before,
          after,
        });
      }
      return after;
    });
  }

  private async read(manager: EntityManager, programId: string): Promise<ProgramAgencyIdsModel> {
    const rows: Array<{ kind: string; external_id: string }> = await manager.query(
      `SELECT kind, external_id FROM agency_crosswalk WHERE program_id = $1`,
      [programId],
    );
    const value = (key: AgencyIdKey) => rows.find((row) => row.kind === AGENCY_ID_KINDS[key])?.external_id ?? null;
    return { programId, employer: value('employer'), occupation: value('occupation'), rtiProvider: value('rtiProvider'), wageSchedule: value('wageSchedule') };
  }
}
