/**
 * The ids `pulumi import` takes for the resources of the `twilio-serverless` package (issue 20):
 * Twilio's sids, joined by "/" where one sid does not name the object (an Environment lives in a
 * Service, a Variable in an Environment). The plugin parses them, import-file writes them: the
 * form is written here only.
 */
export const IMPORT_ID_PARTS = {
  Service: ["ZS"],
  Environment: ["ZS", "ZE"],
  Variable: ["ZS", "ZE", "ZV"],
  Function: ["ZS", "ZH"],
  Asset: ["ZS", "ZH"],
  Build: ["ZS", "ZB"],
  Deployment: ["ZS", "ZE", "ZD"],
} as const;

export type ImportableResource = keyof typeof IMPORT_ID_PARTS;

const SID = /^[A-Z]{2}[0-9a-f]{32}$/;

/** `ZS…/ZE…`, e.g.; throws when a sid does not have the prefix its place expects. */
export function importId(resource: ImportableResource, ...sids: string[]): string {
  const id = sids.join("/");
  parseImportId(resource, id);
  return id;
}

/** The sids of an import id, in the order of IMPORT_ID_PARTS; throws naming the expected form. */
export function parseImportId(resource: ImportableResource, id: string): string[] {
  const prefixes = IMPORT_ID_PARTS[resource];
  const sids = id.split("/");
  const fits = sids.length === prefixes.length && sids.every((sid, i) => SID.test(sid) && sid.startsWith(prefixes[i]));
  if (!fits) {
    const form = prefixes.map((prefix) => `${prefix}…`).join("/");
    throw new Error(
      `"${id}" is not the import id of a ${resource}: it takes the form ${form} (Twilio sids of 34 characters).`,
    );
  }
  return sids;
}
