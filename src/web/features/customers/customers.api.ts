import { queryOptions } from '@tanstack/react-query';
import {
  type CustomerDetail,
  type CustomerSummary,
  customerDetailSchema,
  customerListSchema,
  type customerSorts,
} from '../../../features/customers/customers.contract.ts';
import { api } from '../../api.ts';

export type { CustomerDetail, CustomerSummary };
export type CustomerSort = (typeof customerSorts)[number];

/** Customers to a page of the register. */
export const CUSTOMERS_PAGE = 50;

/** A page of the HEI's customers, optionally those whose name or organisationsnummer contains `q`. */
export const customersPageQuery = (q: string | undefined, sort: CustomerSort, page: number) =>
  queryOptions({
    queryKey: ['customers', { q, sort, page }],
    queryFn: ({ signal }) => {
      const query = new URLSearchParams({ sort, page: String(page), pageSize: String(CUSTOMERS_PAGE) });
      if (q) query.set('q', q);
      return api.get(`/api/customers?${query}`, customerListSchema, signal);
    },
  });

export const customerQuery = (customerId: string) =>
  queryOptions({
    queryKey: ['customers', customerId],
    queryFn: ({ signal }) => api.get(`/api/customers/${customerId}`, customerDetailSchema, signal),
  });
