import type { CreateIncentiveModel } from '../incentives/incentives.contract.ts';

/**
 * The demo HEIs' incentive model (in force from 1 January 2026, like their cost configuration): a quarter
 * of the indirect-cost surcharge goes back to the departments that teach, and an hour of contract
 * education counts as an hour and a quarter in the workload plan.
 */
export const demoIncentiveModel: CreateIncentiveModel = {
  effectiveFrom: '2026-01-01',
  departmentShareBp: 2_500,
  workloadFactorBp: 12_500,
  descriptionSv:
    'Uppdrag i uppdragsutbildning räknas som pedagogisk meritering vid befordran och i lönesamtalet. Lärare som undervisar får ta med sig kontakterna till forskningsprojekt och examensarbeten, och institutionen får sin andel av OH-påslaget som fria medel för kompetensutveckling.',
  descriptionEn:
    'Assignments in contract education count as teaching merit for promotion and in the salary review. Teachers who teach may take the contacts on to research projects and degree projects, and the department gets its share of the indirect-cost surcharge as free funds for staff development.',
};
