import { DEMO_OCCUPATIONS } from '@journeyline/occupations/demo-occupations';

const HEADER = 'RAPIDS CODE,ONET SOC CODE,RAPIDS TITLE,ONET SOC TITLE,TIME-BASED,HYBRID,COMPETENCY-BASED,BULLETINS';

const quote = (value: string | null): string => (value === null ? '' : `"${value.replace(/"/g, '""')}"`);

/**
 * The demo occupation with this RAPIDS code as a one-row DOL list in CSV, base64-encoded for
 * importOccupations. Importing it rewrites the row with the values it already has.
 */
export function demoOccupationCsvBase64(rapidsCode: string): string {
  const row = DEMO_OCCUPATIONS.find((occupation) => occupation.rapidsCode === rapidsCode);
  if (!row) throw new Error(`no demo occupation ${rapidsCode}`);
  const line = [
    row.rapidsCode,
    row.onetSocCode ?? '',
    quote(row.title),
    quote(row.onetTitle),
    row.approaches.includes('time_based') ? String(row.timeBasedHours) : '',
    row.approaches.includes('hybrid') ? `${row.hybridMinHours} - ${row.hybridMaxHours}` : '',
    row.approaches.includes('competency_based') ? 'X' : '',
    quote(row.bulletins),
  ].join(',');
  return Buffer.from(`${HEADER}\n${line}\n`, 'utf8').toString('base64');
}
