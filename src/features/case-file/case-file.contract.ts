import type { Role } from '../tenancy/tenancy.contract.ts';

/**
 * Who downloads a case's file: those who answer for the case and its economy (the post-calculation is in it);
 * not teachers, never customers.
 */
export const CASE_FILE_READERS = [
  'admin',
  'coordinator',
  'economist',
  'manager',
] as const satisfies readonly Role[];
