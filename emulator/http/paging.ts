/**
 * Twilio's list envelope: `{ <key>: [...], meta: {...} }` with PageSize (1..1000, default 50),
 * Page (an index the client echoes) and PageToken (opaque: "PA<seq>" = after the record with
 * that creation number, "PB<seq>" = before it), so paging stays stable while records come and go.
 */
import { invalidParameter } from "./errors";

export interface ListMeta {
  page: number;
  page_size: number;
  first_page_url: string;
  previous_page_url: string | null;
  url: string;
  next_page_url: string | null;
  key: string;
}

export interface ListPage<T> {
  items: T[];
  meta: ListMeta;
}

function integerParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalidParameter(`Invalid parameter ${name}: expected an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function parseToken(raw: string | null): { after?: number; before?: number } {
  if (raw === null || raw === "") return {};
  const match = /^P([AB])(\d+)$/.exec(raw);
  if (!match) throw invalidParameter(`Invalid parameter PageToken: "${raw}" was not issued by this API`);
  return match[1] === "A" ? { after: Number(match[2]) } : { before: Number(match[2]) };
}

/**
 * One page of `records` (in creation order). `listUrl` is the absolute list URL without query;
 * `filters` are the list's own query parameters, repeated in every page URL.
 */
export function paginate<T extends { seq: number }>(
  records: T[],
  query: URLSearchParams,
  listUrl: string,
  key: string,
  filters: [string, string][] = [],
): ListPage<T> {
  const pageSize = integerParam(query, "PageSize", 50, 1, 1000);
  const page = integerParam(query, "Page", 0, 0, Number.MAX_SAFE_INTEGER);
  const rawToken = query.get("PageToken");
  const token = parseToken(rawToken);

  let start: number;
  if (token.after !== undefined) {
    start = records.findIndex((record) => record.seq > token.after!);
    if (start < 0) start = records.length;
  } else if (token.before !== undefined) {
    let end = records.findIndex((record) => record.seq >= token.before!);
    if (end < 0) end = records.length;
    start = Math.max(0, end - pageSize);
  } else {
    start = page * pageSize;
  }
  const items = records.slice(start, start + pageSize);

  const pageUrl = (pageIndex: number, pageToken?: string): string => {
    const params = new URLSearchParams(filters);
    params.set("PageSize", String(pageSize));
    params.set("Page", String(pageIndex));
    if (pageToken) params.set("PageToken", pageToken);
    return `${listUrl}?${params.toString()}`;
  };
  const hasNext = start + items.length < records.length;
  const hasPrevious = page > 0 && start > 0;
  return {
    items,
    meta: {
      page,
      page_size: pageSize,
      first_page_url: pageUrl(0),
      previous_page_url: hasPrevious ? pageUrl(page - 1, items.length ? `PB${items[0].seq}` : undefined) : null,
      url: pageUrl(page, rawToken || undefined),
      next_page_url: hasNext ? pageUrl(page + 1, `PA${items[items.length - 1].seq}`) : null,
      key,
    },
  };
}

/** The JSON body of a list answer. */
export function listBody<T, J>(page: ListPage<T>, toJson: (record: T) => J): Record<string, unknown> {
  return { [page.meta.key]: page.items.map(toJson), meta: page.meta };
}
