import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import {
  caseCredentialsSchema,
  credentialSummarySchema,
  type issueCredentialsBody,
  issuedCredentialsSchema,
  portalCredentialSchema,
  publicCredentialSchema,
  signingKeysSchema,
  verificationSchema,
} from '../../../features/credentials/credentials.contract.ts';
import { api } from '../../api.ts';

export type CaseCredentials = z.infer<typeof caseCredentialsSchema>;
export type CredentialSummary = z.infer<typeof credentialSummarySchema>;
export type { PublicCredential } from '../../../features/credentials/credentials.contract.ts';
export type Verification = z.infer<typeof verificationSchema>;

export const caseCredentialsQuery = (caseId: string) =>
  queryOptions({
    queryKey: ['case', caseId, 'credentials'],
    queryFn: ({ signal }) => api.get(`/api/cases/${caseId}/credentials`, caseCredentialsSchema, signal),
  });

export const issueCredentials = (caseId: string, body: z.input<typeof issueCredentialsBody>) =>
  api.post(`/api/cases/${caseId}/credentials`, body, issuedCredentialsSchema);

export const revokeCredential = (credentialId: string, reason: string) =>
  api.post(`/api/credentials/${credentialId}/revoke`, { reason }, credentialSummarySchema);

export const suspendCredential = (credentialId: string, reason: string) =>
  api.post(`/api/credentials/${credentialId}/suspend`, { reason }, credentialSummarySchema);

export const reinstateCredential = (credentialId: string) =>
  api.post(`/api/credentials/${credentialId}/reinstate`, undefined, credentialSummarySchema);

export const publicCredentialQuery = (code: string) =>
  queryOptions({
    queryKey: ['credential', code],
    queryFn: ({ signal }) => api.get(`/api/public/credentials/${code}`, publicCredentialSchema, signal),
    retry: false,
  });

export const verifyCredential = (credential: string) =>
  api.post('/api/public/credentials/verify', { credential }, verificationSchema);

export const portalCredentialsQuery = (caseId: string) =>
  queryOptions({
    queryKey: ['portal', 'case', caseId, 'credentials'],
    queryFn: ({ signal }) =>
      api.get(`/api/portal/credentials?caseId=${caseId}`, z.array(portalCredentialSchema), signal),
  });

export const signingKeysQuery = (organisationId: string) =>
  queryOptions({
    queryKey: ['organisation', organisationId, 'credential-keys'],
    queryFn: ({ signal }) =>
      api.get(`/api/organisations/${organisationId}/credential-keys`, signingKeysSchema, signal),
  });

export const rotateSigningKey = (organisationId: string, withdraw: boolean) =>
  api.post(`/api/organisations/${organisationId}/credential-keys`, { withdraw }, signingKeysSchema);
