import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  type AgreementView,
  agreementListSchema,
  agreementSchema,
  type createAgreementBody,
  type installmentSchema,
  type invoiceMarkBody,
  type updateAgreementBody,
} from '../../../features/agreements/agreements.contract.ts';
import { api } from '../../api.ts';

export type Agreement = AgreementView;
export type Installment = z.infer<typeof installmentSchema>;

export const agreementsQuery = (caseId: string) =>
  queryOptions({
    queryKey: ['case', caseId, 'agreements'],
    queryFn: ({ signal }) => api.get(`/api/cases/${caseId}/agreements`, agreementListSchema, signal),
  });

export const portalAgreementsQuery = queryOptions({
  queryKey: ['portal', 'agreements'],
  queryFn: ({ signal }) => api.get('/api/portal/agreements', agreementListSchema, signal),
});

export const createAgreement = (caseId: string, body: z.input<typeof createAgreementBody>) =>
  api.post(`/api/cases/${caseId}/agreements`, body, agreementSchema);

export const updateAgreement = (id: string, body: z.input<typeof updateAgreementBody>) =>
  api.patch(`/api/agreements/${id}`, body, agreementSchema);

export const signAgreement = (id: string, revision: number) =>
  api.post(`/api/agreements/${id}/sign`, { revision }, agreementSchema);

export const addAddendum = (id: string, text: string) =>
  api.post(`/api/agreements/${id}/addenda`, { text }, agreementSchema);

export const signAddendum = (id: string, number: number) =>
  api.post(`/api/agreements/${id}/addenda/${number}/sign`, undefined, agreementSchema);

export const signAgreementAsCustomer = (id: string, revision: number) =>
  api.post(`/api/portal/agreements/${id}/sign`, { revision }, agreementSchema);

export const signAddendumAsCustomer = (id: string, number: number) =>
  api.post(`/api/portal/agreements/${id}/addenda/${number}/sign`, undefined, agreementSchema);

export const agreementPdfPath = (id: string) => `/api/agreements/${id}/pdf`;
export const portalAgreementPdfPath = (id: string) => `/api/portal/agreements/${id}/pdf`;
export const billingCsvPath = (id: string) => `/api/agreements/${id}/billing.csv`;

export const peppolInvoicePath = (id: string, number: number) =>
  `/api/agreements/${id}/invoices/${number}/peppol`;

export const markInvoiced = (id: string, number: number, body: z.input<typeof invoiceMarkBody>) =>
  api.put(`/api/agreements/${id}/invoices/${number}`, body, agreementSchema);

export const unmarkInvoiced = (id: string, number: number) =>
  api.delete(`/api/agreements/${id}/invoices/${number}`);

export const setInvoiceReference = (id: string, invoiceReference: string, side: 'hei' | 'customer') =>
  api.put(
    `/api${side === 'customer' ? '/portal' : ''}/agreements/${id}/invoice-reference`,
    { invoiceReference },
    agreementSchema,
  );
