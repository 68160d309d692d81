import { EntityManager } from 'typeorm';
import { RuleBook, RuleFinding } from '@journeyline/rules/rule-book';
import { RATIO_ACTIVE_STATUSES, RATIO_RULE, ratioExceeded, ratioMessage, RatioTerms } from './ratio';

/**
 * The ratio check against the database. Free of Nest module dependencies, so the apprentices
 * library calls it inside its own transactions without importing the wages module.
 */

export interface EmployerStaffing {
  /** Active registrations at the employer that had started by the date. */
  apprentices: number;
  /**
   * Journeyworkers on the date: each worksite's latest count on or before it, summed (worksite ''
   * is the employer as a whole). Null when the employer has reported none, so no ratio is judged.
   */
  journeyworkers: number | null;
}

export async function employerStaffing(manager: EntityManager, employerId: string, date: string): Promise<EmployerStaffing> {
  const [row] = await manager.query(
    `SELECT
       (SELECT count(*)::int FROM registrations
         WHERE employer_id = $1 AND status = ANY($3) AND start_date <= $2) AS apprentices,
       (SELECT sum(latest.journeyworkers)::int FROM (
          SELECT DISTINCT ON (worksite) journeyworkers FROM journeyworker_counts
           WHERE employer_id = $1 AND effective_date <= $2
           ORDER BY worksite, effective_date DESC) latest) AS journeyworkers`,
    [employerId, date, RATIO_ACTIVE_STATUSES],
  );
  return { apprentices: row.apprentices, journeyworkers: row.journeyworkers };
}

/**
 * The ratio rule's finding for a registration that starts or moves at an employer, judged after
 * the change (call it inside the write's transaction). Null when the ratio holds, when the
 * employer has reported no journeyworkers yet, or when the rule is switched off.
 */
export async function ratioFinding(
  manager: EntityManager,
  employerId: string,
  programOccupationId: string,
  date: string,
  rules: RuleBook,
  field = 'employerId',
): Promise<RuleFinding | null> {
  const [terms] = await manager.query(
    `SELECT ratio_apprentices AS "ratioApprentices", ratio_journeyworkers AS "ratioJourneyworkers"
       FROM program_occupations WHERE id = $1`,
    [programOccupationId],
  );
  if (!terms) return null;
  const staffing = await employerStaffing(manager, employerId, date);
  if (staffing.journeyworkers === null || !ratioExceeded(staffing.apprentices, staffing.journeyworkers, terms)) return null;
  return rules.finding(RATIO_RULE, field, ratioMessage(staffing.apprentices, staffing.journeyworkers, terms, date));
}

export interface EmployerRatioSnapshot extends EmployerStaffing {
  employerId: string;
  date: string;
  /** The distinct ratios of the active registrations there, with the sponsor each belongs to. */
  terms: Array<RatioTerms & { sponsorId: string; programOccupationId: string }>;
}

export async function employerRatioSnapshot(manager: EntityManager, employerId: string, date: string): Promise<EmployerRatioSnapshot> {
  const staffing = await employerStaffing(manager, employerId, date);
  const terms = await manager.query(
    `SELECT DISTINCT r.sponsor_id AS "sponsorId", po.id AS "programOccupationId",
            po.ratio_apprentices AS "ratioApprentices", po.ratio_journeyworkers AS "ratioJourneyworkers"
       FROM registrations r JOIN program_occupations po ON po.id = r.program_occupation_id
      WHERE r.employer_id = $1 AND r.status = ANY($3) AND r.start_date <= $2
      ORDER BY 1, 2`,
    [employerId, date, RATIO_ACTIVE_STATUSES],
  );
  return { employerId, date, ...staffing, terms };
}
