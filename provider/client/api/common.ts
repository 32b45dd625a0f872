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
 * The newest of `items` by date_created. Ties (same second) go to `preferredSid` when it is among
 * them, so a refresh does not flip between equally new objects.
 */
export function newest<T extends { sid: string; date_created: string }>(items: T[], preferredSid?: string): T | undefined {
  let latest: number | undefined;
  let candidates: T[] = [];
  for (const item of items) {
    const created = Date.parse(item.date_created);
    if (latest === undefined || created > latest) {
      latest = created;
      candidates = [item];
    } else if (created === latest) {
      candidates.push(item);
    }
  }
  return candidates.find((item) => item.sid === preferredSid) ?? candidates[candidates.length - 1];
}
