import { z } from 'zod';

/** The most items a list gives on one page. */
export const LARGEST_PAGE = 200;

/** The query of a list that comes a page at a time: which page, and how many to a page. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(LARGEST_PAGE).default(50),
};

/** A page of a list: its items, how many there are in all, and which page of what size this is. */
export const pageOf = <Item extends z.ZodType>(item: Item) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
