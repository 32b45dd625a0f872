/**
 * Function and Asset Versions: immutable snapshots of content with a path and a visibility.
 * Created by multipart upload (the API description leaves that out; Twilio takes it on its
 * serverless-upload host, here on the same port). Only function source can be read back.
 */
import { invalidParameter } from "../http/errors";
import { readUpload } from "../http/multipart";
import type { Visibility } from "../runtime/types";
import { newSid, SID_PREFIX } from "../twilio/sids";
import type { FileKind, VersionRecord } from "../store/records";
import { normalizePath } from "../twilio/validate";
import { type ApiContext, type ApiResult, created, listed, ok, type RouteTable } from "./context";
import { findFile, findInService, findService } from "./lookup";
import { FILE_KINDS, fileUrl } from "./files";

const VISIBILITIES: Visibility[] = ["public", "protected", "private"];

function parentField(kind: FileKind): "function_sid" | "asset_sid" {
  return kind === "function" ? "function_sid" : "asset_sid";
}

export function versionUrl(baseUrl: string, version: VersionRecord): string {
  return `${fileUrl(baseUrl, { kind: version.kind, serviceSid: version.serviceSid, sid: version.fileSid })}/Versions/${version.sid}`;
}

export function versionJson(baseUrl: string, version: VersionRecord): Record<string, unknown> {
  const url = versionUrl(baseUrl, version);
  const json: Record<string, unknown> = {
    sid: version.sid,
    account_sid: version.accountSid,
    service_sid: version.serviceSid,
    [parentField(version.kind)]: version.fileSid,
    path: version.path,
    visibility: version.visibility,
    date_created: version.dateCreated,
    url,
  };
  if (version.kind === "function") json.links = { function_version_content: `${url}/Content` };
  return json;
}

/** The shorter form a Build lists its versions in (Twilio upper-cases the visibility there). */
export function buildVersionJson(version: VersionRecord): Record<string, unknown> {
  return {
    sid: version.sid,
    account_sid: version.accountSid,
    service_sid: version.serviceSid,
    [parentField(version.kind)]: version.fileSid,
    date_created: version.dateCreated,
    path: version.path,
    visibility: version.visibility.toUpperCase(),
  };
}

function uploadLimit(ctx: ApiContext, visibility: string | undefined): number {
  const { limits } = ctx.core.options;
  return visibility === "private" ? limits.privateVersionBytes : limits.publicVersionBytes;
}

async function uploadVersion(ctx: ApiContext, kind: FileKind): Promise<ApiResult> {
  const sidParam = FILE_KINDS[kind].sidParam;
  findFile(ctx, findService(ctx), kind, ctx.params[sidParam]);
  const { limits } = ctx.core.options;
  const upload = await readUpload(ctx.req, ctx.core.store.content, {
    maxBytes: (fields) => uploadLimit(ctx, fields.get("Visibility")),
    ceiling: Math.max(limits.publicVersionBytes, limits.privateVersionBytes),
    describe: (fields) =>
      `Content of a ${fields.get("Visibility") ?? "public"} ${kind === "function" ? "Function" : "Asset"} Version`,
  });
  if (upload.file) ctx.core.stats.countUpload(upload.file.size);

  const rawPath = upload.fields.get("Path");
  if (rawPath === undefined) throw invalidParameter("Missing required parameter Path in the post body");
  const path = normalizePath(rawPath, limits.pathLength);
  const visibility = upload.fields.get("Visibility");
  if (visibility === undefined) throw invalidParameter("Missing required parameter Visibility in the post body");
  if (!VISIBILITIES.includes(visibility as Visibility)) {
    throw invalidParameter(`Invalid parameter Visibility: "${visibility}"; use public, protected or private`);
  }
  if (!upload.file) throw invalidParameter("Missing required file part Content in the post body");

  // The upload took time: look the parent up again before writing.
  const file = findFile(ctx, findService(ctx), kind, ctx.params[sidParam]);
  const version = ctx.core.store.insert("versions", {
    sid: newSid(SID_PREFIX.version),
    accountSid: ctx.accountSid,
    kind,
    serviceSid: file.serviceSid,
    fileSid: file.sid,
    path,
    visibility: visibility as Visibility,
    contentSha256: upload.file.sha256,
    size: upload.file.size,
    contentType: upload.file.contentType,
  });
  await ctx.core.store.commit();
  return created(versionJson(ctx.baseUrl, version));
}

function findVersion(ctx: ApiContext, kind: FileKind): VersionRecord {
  const service = findService(ctx);
  const file = findFile(ctx, service, kind, ctx.params[FILE_KINDS[kind].sidParam]);
  return findInService(ctx, "versions", ctx.params.Sid, service, (version) => version.fileSid === file.sid);
}

function registerVersionKind(routes: RouteTable, kind: FileKind): void {
  const { collection, sidParam, versionsKey } = FILE_KINDS[kind];
  const listTemplate = `/v1/Services/{ServiceSid}/${collection}/{${sidParam}}/Versions`;

  routes.add("GET", listTemplate, async (ctx) => {
    const file = findFile(ctx, findService(ctx), kind, ctx.params[sidParam]);
    const versions = ctx.core.store.list("versions", (version) => version.fileSid === file.sid);
    return listed(ctx, versions, `${fileUrl(ctx.baseUrl, file)}/Versions`, versionsKey, (version) =>
      versionJson(ctx.baseUrl, version),
    );
  });

  routes.add("POST", listTemplate, (ctx) => uploadVersion(ctx, kind));

  routes.add("GET", `${listTemplate}/{Sid}`, async (ctx) => ok(versionJson(ctx.baseUrl, findVersion(ctx, kind))));
}

export function registerVersions(routes: RouteTable): void {
  registerVersionKind(routes, "function");
  registerVersionKind(routes, "asset");

  routes.add("GET", "/v1/Services/{ServiceSid}/Functions/{FunctionSid}/Versions/{Sid}/Content", async (ctx) => {
    const version = findVersion(ctx, "function");
    const content = await ctx.core.store.content.read(version.contentSha256);
    return ok({
      sid: version.sid,
      account_sid: version.accountSid,
      service_sid: version.serviceSid,
      function_sid: version.fileSid,
      content: content.toString("utf8"),
      url: `${versionUrl(ctx.baseUrl, version)}/Content`,
    });
  });
}
