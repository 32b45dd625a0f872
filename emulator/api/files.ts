/**
 * /Functions and /Assets: the same resource twice, a named container of Versions. Only
 * FriendlyName changes after creation; content changes by uploading a new Version.
 */
import { newSid, SID_PREFIX } from "../twilio/sids";
import type { FileKind, FileRecord } from "../store/records";
import { checkLength } from "../twilio/validate";
import { type ApiContext, created, listed, NO_CONTENT, ok, type RouteTable } from "./context";
import { findFile, findService } from "./lookup";
import { serviceUrl } from "./services";

/** Names that differ between Functions and Assets. */
export const FILE_KINDS: Record<
  FileKind,
  { collection: string; listKey: string; versionsKey: string; sidParam: string }
> = {
  function: {
    collection: "Functions",
    listKey: "functions",
    versionsKey: "function_versions",
    sidParam: "FunctionSid",
  },
  asset: { collection: "Assets", listKey: "assets", versionsKey: "asset_versions", sidParam: "AssetSid" },
};

export function fileUrl(baseUrl: string, file: { kind: FileKind; serviceSid: string; sid: string }): string {
  return `${serviceUrl(baseUrl, file.serviceSid)}/${FILE_KINDS[file.kind].collection}/${file.sid}`;
}

export function fileJson(baseUrl: string, file: FileRecord): Record<string, unknown> {
  const url = fileUrl(baseUrl, file);
  return {
    sid: file.sid,
    account_sid: file.accountSid,
    service_sid: file.serviceSid,
    friendly_name: file.friendlyName,
    date_created: file.dateCreated,
    date_updated: file.dateUpdated,
    url,
    links: { [FILE_KINDS[file.kind].versionsKey]: `${url}/Versions` },
  };
}

async function friendlyNameFrom(ctx: ApiContext): Promise<string> {
  const form = await ctx.form();
  return checkLength("FriendlyName", form.string("FriendlyName", true), ctx.core.options.limits.friendlyNameLength);
}

function registerFileKind(routes: RouteTable, kind: FileKind): void {
  const { collection, listKey } = FILE_KINDS[kind];
  const listTemplate = `/v1/Services/{ServiceSid}/${collection}`;
  const itemTemplate = `${listTemplate}/{Sid}`;

  routes.add("GET", listTemplate, async (ctx) => {
    const service = findService(ctx);
    const files = ctx.core.store.list("files", (file) => file.serviceSid === service.sid && file.kind === kind);
    return listed(ctx, files, `${serviceUrl(ctx.baseUrl, service.sid)}/${collection}`, listKey, (file) =>
      fileJson(ctx.baseUrl, file),
    );
  });

  routes.add("POST", listTemplate, async (ctx) => {
    findService(ctx);
    const friendlyName = await friendlyNameFrom(ctx);
    const service = findService(ctx);
    const file = ctx.core.store.insert("files", {
      sid: newSid(SID_PREFIX[kind]),
      accountSid: ctx.accountSid,
      kind,
      serviceSid: service.sid,
      friendlyName,
    });
    await ctx.core.store.commit();
    return created(fileJson(ctx.baseUrl, file));
  });

  routes.add("GET", itemTemplate, async (ctx) =>
    ok(fileJson(ctx.baseUrl, findFile(ctx, findService(ctx), kind, ctx.params.Sid))),
  );

  routes.add("POST", itemTemplate, async (ctx) => {
    findFile(ctx, findService(ctx), kind, ctx.params.Sid);
    const friendlyName = await friendlyNameFrom(ctx);
    const file = findFile(ctx, findService(ctx), kind, ctx.params.Sid);
    const updated = ctx.core.store.update("files", file, { friendlyName });
    await ctx.core.store.commit();
    return ok(fileJson(ctx.baseUrl, updated));
  });

  // Versions stay: Builds that hold them keep working, as on Twilio.
  routes.add("DELETE", itemTemplate, async (ctx) => {
    const file = findFile(ctx, findService(ctx), kind, ctx.params.Sid);
    ctx.core.store.remove("files", file.sid);
    await ctx.core.store.commit();
    return NO_CONTENT;
  });
}

export function registerFiles(routes: RouteTable): void {
  registerFileKind(routes, "function");
  registerFileKind(routes, "asset");
}
