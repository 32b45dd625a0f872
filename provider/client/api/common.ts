/** Helpers shared by the API modules: paths, and finding what a dropped create may have made. */

export function servicePath(serviceSid: string): string {
  return `/v1/Services/${encodeURIComponent(serviceSid)}`;
}

export function environmentPath(serviceSid: string, environmentSid: string): string {
  return `${servicePath(serviceSid)}/Environments/${encodeURIComponent(environmentSid)}`;
}

/** Twilio's timestamps have whole seconds; allow that and a little clock skew. */
const CREATED_SINCE_LEEWAY_MS = 1000;

/** Whether a resource was created at or after `since` (to Twilio's one-second precision). */
export function createdSince(resource: { date_created: string }, since: Date): boolean {
  const created = Date.parse(resource.date_created);
  if (Number.isNaN(created)) return false;
  const floor = Math.floor(since.getTime() / 1000) * 1000 - CREATED_SINCE_LEEWAY_MS;
  return created >= floor;
}

/**
 * The newest of `items` by date_created. Twilio's dates have whole seconds, so ties go to the
 * one listed last (lists come oldest first); a tie then reads as "something newer appeared",
 * which at worst costs one extra upload, never hides drift.
 */
export function newest<T extends { date_created: string }>(items: T[]): T | undefined {
  let best: T | undefined;
  let bestTime = -Infinity;
  for (const item of items) {
    const created = Date.parse(item.date_created);
    if (created >= bestTime) {
      best = item;
      bestTime = created;
    }
  }
  return best;
}
