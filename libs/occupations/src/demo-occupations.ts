import { OccupationRow } from './occupation-list-parser';

/**
 * A few real occupations in the shape of the DOL list, for demo data and tests.
 * Only the code 0159 for Electrician is stated in docs (dol.md §4.2). Every other code, and all
 * hours, are illustrative demo values: the import of the DOL list (apprenticeship-occupations.xlsx)
 * replaces them.
 */
export const DEMO_OCCUPATIONS: OccupationRow[] = [
  {
    rapidsCode: '0159',
    onetSocCode: '47-2111.00',
    title: 'Electrician',
    onetTitle: 'Electricians',
    approaches: ['time_based', 'hybrid'],
    timeBasedHours: 8000,
    hybridMinHours: 6000,
    hybridMaxHours: 8000,
    bulletins: null,
  },
  {
    rapidsCode: '0419',
    onetSocCode: '47-2152.00',
    title: 'Plumber',
    onetTitle: 'Plumbers, Pipefitters, and Steamfitters',
    approaches: ['time_based'],
    timeBasedHours: 8000,
    hybridMinHours: null,
    hybridMaxHours: null,
    bulletins: null,
  },
  {
    rapidsCode: '0296',
    onetSocCode: '51-4041.00',
    title: 'Machinist',
    onetTitle: 'Machinists',
    approaches: ['time_based'],
    timeBasedHours: 8000,
    hybridMinHours: null,
    hybridMaxHours: null,
    bulletins: null,
  },
  {
    rapidsCode: '1078CBV1',
    onetSocCode: '51-9161.00',
    title: 'CNC Operator',
    onetTitle: 'Computer Numerically Controlled Tool Operators',
    approaches: ['competency_based'],
    timeBasedHours: null,
    hybridMinHours: null,
    hybridMaxHours: null,
    bulletins: null,
  },
  {
    rapidsCode: '2026CB',
    onetSocCode: '13-1071.00',
    title: 'Human Resource Specialist',
    onetTitle: 'Human Resources Specialists',
    approaches: ['hybrid', 'competency_based'],
    timeBasedHours: null,
    hybridMinHours: 2000,
    hybridMaxHours: 4000,
    bulletins: null,
  },
  {
    rapidsCode: '1080',
    onetSocCode: '31-9092.00',
    title: 'Medical Assistant',
    onetTitle: 'Medical Assistants',
    approaches: ['time_based', 'hybrid'],
    timeBasedHours: 2000,
    hybridMinHours: 2000,
    hybridMaxHours: 3000,
    bulletins: null,
  },
];
