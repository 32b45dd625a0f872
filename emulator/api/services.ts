/** /v1/Services: the container of everything else. UniqueName is permanent; the rest updates. */
import { randomInt } from "node:crypto";
import { releaseEnvironments } from "../twilio/domains";
import { conflict } from "../http/errors";
import { newSid, SID_PREFIX } from "../twilio/sids";
import type { ServiceRecord, TableName } from "../store/records";
import type { Store } from "../store/store";
import { checkDomainLabel, checkLength } from "../twilio/validate";
import { type ApiContext, created, listed, NO_CONTENT, ok, type RouteTable } from "./context";
import { findService } from "./lookup";

export function serviceUrl(baseUrl: string, sid: string): string {
  return `${baseUrl}/v1/Services/${sid}`;
}

export function serviceJson(baseUrl: string, service: ServiceRecord): Record<string, unknown> {
  const url = serviceUrl(baseUrl, service.sid);
  return {
    sid: service.sid,
    account_sid: service.accountSid,
    friendly_name: service.friendlyName,
    unique_name: service.uniqueName,
    include_credentials: service.includeCredentials,
    ui_editable: service.uiEditable,
    domain_base: service.domainBase,
    date_created: service.dateCreated,
    date_updated: service.dateUpdated,
    url,
    links: {
      environments: `${url}/Environments`,
      functions: `${url}/Functions`,
      assets: `${url}/Assets`,
      builds: `${url}/Builds`,
    },
  };
}

/** `<unique name>-<4 random digits>`, unused by any other service. */
function newDomainBase(store: Store, uniqueName: string): string {
  for (;;) {
    const base = `${uniqueName.toLowerCase()}-${String(randomInt(10000)).padStart(4, "0")}`;
    if (!store.find("services", (service) => service.domainBase === base)) return base;
  }
}

const SERVICE_CHILDREN: TableName[] = [
  "environments",
  "files",
  "versions",
  "builds",
  "deployments",
  "variables",
  "logs",
];

export function registerServices(routes: RouteTable): void {
  routes.add("GET", "/v1/Services", async (ctx: ApiContext) => {
    const services = ctx.core.store.list("services", (service) => service.accountSid === ctx.accountSid);
    return listed(ctx, services, `${ctx.baseUrl}/v1/Services`, "services", (service) =>
      serviceJson(ctx.baseUrl, service),
    );
  });

  routes.add("POST", "/v1/Services", async (ctx) => {
    const form = await ctx.form();
    const { limits } = ctx.core.options;
    const rawUniqueName = form.string("UniqueName", true);
    const uniqueName = checkDomainLabel(
      "UniqueName",
      checkLength("UniqueName", rawUniqueName, limits.serviceUniqueNameLength),
    );
    const friendlyName = checkLength("FriendlyName", form.string("FriendlyName", true), limits.friendlyNameLength);
    const includeCredentials = form.boolean("IncludeCredentials") ?? true;
    const uiEditable = form.boolean("UiEditable") ?? false;
    const { store } = ctx.core;
    const taken = store.find(
      "services",
      (service) =>
        service.accountSid === ctx.accountSid && service.uniqueName.toLowerCase() === uniqueName.toLowerCase(),
    );
    if (taken) throw conflict(`Service with UniqueName ${uniqueName} already exists: ${taken.sid}`);
    const service = store.insert("services", {
      sid: newSid(SID_PREFIX.service),
      accountSid: ctx.accountSid,
      uniqueName,
      friendlyName,
      includeCredentials,
      uiEditable,
      domainBase: newDomainBase(store, uniqueName),
    });
    await store.commit();
    return created(serviceJson(ctx.baseUrl, service));
  });

  routes.add("GET", "/v1/Services/{Sid}", async (ctx) =>
    ok(serviceJson(ctx.baseUrl, findService(ctx, ctx.params.Sid))),
  );

  routes.add("POST", "/v1/Services/{Sid}", async (ctx) => {
    const service = findService(ctx, ctx.params.Sid);
    const form = await ctx.form();
    const friendlyName = form.string("FriendlyName");
    if (friendlyName !== undefined)
      checkLength("FriendlyName", friendlyName, ctx.core.options.limits.friendlyNameLength);
    const includeCredentials = form.boolean("IncludeCredentials");
    const uiEditable = form.boolean("UiEditable");
    const current = findService(ctx, service.sid);
    const updated = ctx.core.store.update("services", current, {
      friendlyName: friendlyName ?? current.friendlyName,
      includeCredentials: includeCredentials ?? current.includeCredentials,
      uiEditable: uiEditable ?? current.uiEditable,
    });
    await ctx.core.store.commit();
    return ok(serviceJson(ctx.baseUrl, updated));
  });

  routes.add("DELETE", "/v1/Services/{Sid}", async (ctx) => {
    const service = findService(ctx, ctx.params.Sid);
    const { store } = ctx.core;
    const environmentSids = store
      .list("environments", (environment) => environment.serviceSid === service.sid)
      .map((environment) => environment.sid);
    for (const table of SERVICE_CHILDREN) {
      for (const record of store.list(table, (child) => (child as { serviceSid: string }).serviceSid === service.sid)) {
        if (table === "builds") ctx.core.builds.cancel(record.sid);
        store.remove(table, record.sid);
      }
    }
    store.remove("services", service.sid);
    await store.commit();
    await releaseEnvironments(environmentSids);
    return NO_CONTENT;
  });
}
