import { extname } from 'node:path';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AccessScope } from '@journeyline/auth/access-scope';
import { DomainError } from '@journeyline/common/domain-error';
import { Page, paginate } from '@journeyline/common/pagination';
import { escapeLike } from '@journeyline/common/sql';
import { recordAudit } from '@journeyline/database/audit';
import { OccupationEntity } from './occupation.entity';
import {
  normalizeRapidsCode,
  OccupationRow,
  ParsedOccupationList,
  parseOccupationFile,
  RowProblem,
} from './occupation-list-parser';
import { ImportOccupationsInput, OccupationsArgs } from './occupation.models';

export type OccupationImportMode = 'all_or_nothing' | 'valid_rows';

export interface ImportCounts {
  inserted: number;
  updated: number;
}

export interface OccupationImportOutcome extends ImportCounts {
  problems: RowProblem[];
}

/** Who imported what, for the audit log. */
export interface ImportContext {
  actorUserId?: string | null;
  /** The file name, or another label for rows that did not come from a file. */
  source?: string;
}

/** The DOL list is about 1 MB as XLSX; the cap leaves room for growth without letting a request exhaust memory. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

// 500 rows × 9 columns stays far below Postgres's 65,535 bind parameters per statement.
const BATCH_SIZE = 500;
const UPSERT_COLUMNS = [
  'rapids_code',
  'onet_soc_code',
  'title',
  'onet_title',
  'approaches',
  'time_based_hours',
  'hybrid_min_hours',
  'hybrid_max_hours',
  'bulletins',
] as const;
const SUPPORTED_EXTENSIONS = ['.csv', '.xlsx'];
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

@Injectable()
export class OccupationsService {
  constructor(
    @InjectRepository(OccupationEntity) private readonly occupations: Repository<OccupationEntity>,
    private readonly dataSource: DataSource,
  ) {}

  /** Occupations are public reference data: every signed-in user sees all of them. */
  async list(args: OccupationsArgs): Promise<Page<OccupationEntity>> {
    const query = this.occupations.createQueryBuilder('o');
    if (args.rapidsCode !== undefined) {
      const code = normalizeRapidsCode(args.rapidsCode);
      if (code === null) throw DomainError.invalidField('rapidsCode', 'is not a RAPIDS code (e.g. 0159 or 0870CBV1)');
      query.andWhere('o.rapids_code = :code', { code });
    }
    if (args.rapidsCodePrefix) {
      const prefix = args.rapidsCodePrefix.replace(/\s+/g, '').toUpperCase();
      query.andWhere('o.rapids_code LIKE :prefix', { prefix: `${escapeLike(prefix)}%` });
    }
    if (args.onetSocCode) {
      // "47-2111" means the SOC code with all its O*NET detail codes (.00, .01, …).
      if (args.onetSocCode.includes('.')) query.andWhere('o.onet_soc_code = :onet', { onet: args.onetSocCode });
      else query.andWhere('o.onet_soc_code LIKE :onet', { onet: `${args.onetSocCode}.%` });
    }
    if (args.titleContains) {
      query.andWhere('(o.title ILIKE :title OR o.onet_title ILIKE :title)', {
        title: `%${escapeLike(args.titleContains)}%`,
      });
    }
    if (args.approach) query.andWhere(':approach = ANY(o.approaches)', { approach: args.approach });
    return paginate(query, args);
  }

  async get(id: string, field = 'id'): Promise<OccupationEntity> {
    const occupation = await this.occupations.findOne({ where: { id } });
    if (!occupation) throw DomainError.notFound('occupation', field);
    return occupation;
  }

  async findByIds(ids: readonly string[]): Promise<OccupationEntity[]> {
    return this.occupations.createQueryBuilder('o').where('o.id = ANY(:ids)', { ids }).getMany();
  }

  /**
   * Upserts by RAPIDS code in one transaction, a few hundred rows per statement, so the whole DOL
   * list (about 1,500 rows) takes a handful of round trips. When a code repeats, the last row wins.
   */
  async importRows(rows: readonly OccupationRow[], context: ImportContext = {}): Promise<ImportCounts> {
    const unique = [...new Map(rows.map((row) => [row.rapidsCode, row])).values()];
    if (unique.length === 0) return { inserted: 0, updated: 0 };
    return this.dataSource.transaction(async (manager) => {
      const counts: ImportCounts = { inserted: 0, updated: 0 };
      for (let start = 0; start < unique.length; start += BATCH_SIZE) {
        for (const { inserted } of await upsertBatch(manager, unique.slice(start, start + BATCH_SIZE))) {
          if (inserted) counts.inserted += 1;
          else counts.updated += 1;
        }
      }
      await recordAudit(manager, {
        actorUserId: context.actorUserId ?? null,
        action: 'occupations.imported',
        entity: 'occupation_list',
        entityId: context.source ?? 'direct',
        after: counts,
      });
      return counts;
    });
  }

  /**
   * Imports a DOL occupation list file (.csv or .xlsx). Bad rows come back as problems; in
   * all_or_nothing mode any problem means nothing is written.
   */
  async importFile(
    fileName: string,
    content: Buffer,
    mode: OccupationImportMode,
    actorUserId: string | null = null,
  ): Promise<OccupationImportOutcome> {
    const parsed = await parseFile(fileName, content, 'content');
    return this.write(parsed, mode, { actorUserId, source: fileName });
  }

  /** The importOccupations mutation: platform administrators upload the list as base64. */
  async importUpload(scope: AccessScope, input: ImportOccupationsInput): Promise<OccupationImportOutcome> {
    if (!scope.isPlatformAdmin) throw DomainError.forbidden('Only platform administrators import the occupation list');
    const content = decodeUpload(input.contentBase64);
    const parsed = await parseFile(input.fileName, content, 'contentBase64');
    return this.write(parsed, input.mode, { actorUserId: scope.userId, source: input.fileName });
  }

  private async write(
    parsed: ParsedOccupationList,
    mode: OccupationImportMode,
    context: ImportContext,
  ): Promise<OccupationImportOutcome> {
    const { rows, problems } = parsed;
    if (mode === 'all_or_nothing' && problems.length > 0) return { inserted: 0, updated: 0, problems };
    const counts = await this.importRows(
      rows.map(({ line: _line, ...row }) => row),
      context,
    );
    return { ...counts, problems };
  }
}

/** One multi-row upsert; `xmax = 0` holds only for rows this statement inserted. */
async function upsertBatch(manager: EntityManager, rows: OccupationRow[]): Promise<Array<{ inserted: boolean }>> {
  const params: unknown[] = [];
  const tuples = rows.map((row) => {
    params.push(
      row.rapidsCode,
      row.onetSocCode,
      row.title,
      row.onetTitle,
      row.approaches,
      row.timeBasedHours,
      row.hybridMinHours,
      row.hybridMaxHours,
      row.bulletins,
    );
    const first = params.length - UPSERT_COLUMNS.length;
    return `(${UPSERT_COLUMNS.map((_, index) => `$${first + index + 1}`).join(', ')})`;
  });
  const updates = UPSERT_COLUMNS.filter((column) => column !== 'rapids_code').map(
    (column) => `${column} = EXCLUDED.${column}`,
  );
  return manager.query(
    `INSERT INTO occupations (${UPSERT_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}
     ON CONFLICT (rapids_code) DO UPDATE SET ${updates.join(', ')}, updated_at = now()
     RETURNING (xmax = 0) AS inserted`,
    params,
  );
}

/** Parses by extension; an unreadable file is a field error on `contentField`, with the parser's message. */
async function parseFile(fileName: string, content: Buffer, contentField: string): Promise<ParsedOccupationList> {
  const extension = extname(fileName).toLowerCase();
  if (!SUPPORTED_EXTENSIONS.includes(extension)) {
    throw DomainError.invalidField('fileName', 'must name a .csv or .xlsx file (the DOL occupation list or a CSV export of it)');
  }
  try {
    return await parseOccupationFile(fileName, content);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw DomainError.invalidField(contentField, `is not a readable ${extension.slice(1).toUpperCase()} file: ${message}`);
  }
}

function decodeUpload(contentBase64: string): Buffer {
  const compact = contentBase64.replace(/\s+/g, '');
  const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  // Checked before decoding, so an oversized upload never costs its decoded size in memory.
  if (Math.floor((compact.length * 3) / 4) - padding > MAX_UPLOAD_BYTES) {
    throw DomainError.invalidField('contentBase64', `the file is larger than ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB`);
  }
  if (compact === '') throw DomainError.invalidField('contentBase64', 'the file is empty');
  if (!BASE64.test(compact)) throw DomainError.invalidField('contentBase64', 'must be base64-encoded');
  return Buffer.from(compact, 'base64');
}
