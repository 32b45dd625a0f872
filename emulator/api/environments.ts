/**
 * /Environments: create, fetch, list, delete only (no update, as on Twilio). The domain is the
 * service's domain base plus the optional suffix; build_sid follows the latest Deployment.
 */
import { releaseEnvironments } from "../twilio/domains";
import { conflict, invalidParameter } from "../http/errors";
import { newSid, SID_PREFIX } from "../twilio/sids";
import type { EnvironmentRecord } from "../store/records";
import { checkDomainSuffix, checkLength } from "../twilio/validate";
import { created, listed, NO_CONTENT, ok, type RouteTable } from "./context";
import { findEnvironment, findService } from "./lookup";
import { serviceUrl } from "./services";

export function environmentUrl(baseUrl: string, environment: EnvironmentRecord): string {
  return `${serviceUrl(baseUrl, environment.serviceSid)}/Environments/${environment.sid}`;
}

export function environmentJson(baseUrl: string, environment: EnvironmentRecord): Record<string, unknown> {
  const url = environmentUrl(baseUrl, environment);
  return {
    sid: environment.sid,
    account_sid: environment.accountSid,
    service_sid: environment.serviceSid,
    build_sid: environment.buildSid,
    unique_name: environment.uniqueName,
    domain_suffix: environment.domainSuffix,
    domain_name: environment.domainName,
    custom_domain_name: null,
    date_created: environment.dateCreated,
    date_updated: environment.dateUpdated,
    url,
    links: {
      variables: `${url}/Variables`,
      deployments: `${url}/Deployments`,
      logs: `${url}/Logs`,
    },
  };
}

export function registerEnvironments(routes: RouteTable): void {
  routes.add("GET", "/v1/Services/{ServiceSid}/Environments", async (ctx) => {
    const service = findService(ctx);
    const environments = ctx.core.store.list("environments", (environment) => environment.serviceSid === service.sid);
    const listUrl = `${serviceUrl(ctx.baseUrl, service.sid)}/Environments`;
    return listed(ctx, environments, listUrl, "environments", (environment) =>
      environmentJson(ctx.baseUrl, environment),
    );
  });

  routes.add("POST", "/v1/Services/{ServiceSid}/Environments", async (ctx) => {
    findService(ctx);
    const form = await ctx.form();
    const { limits } = ctx.core.options;
    const uniqueName = checkLength("UniqueName", form.string("UniqueName", true), limits.environmentUniqueNameLength);
    const rawSuffix = form.string("DomainSuffix");
    const domainSuffix = rawSuffix
      ? checkDomainSuffix(checkLength("DomainSuffix", rawSuffix, limits.domainSuffixLength))
      : null;

    const service = findService(ctx);
    const { store } = ctx.core;
    const siblings = store.list("environments", (environment) => environment.serviceSid === service.sid);
    const same = (a: string | null, b: string | null) => (a ?? "").toLowerCase() === (b ?? "").toLowerCase();
    if (siblings.some((other) => same(other.uniqueName, uniqueName) || same(other.domainSuffix, domainSuffix))) {
      throw conflict("Environment with this UniqueName or DomainSuffix already exists");
    }
    if (siblings.length >= limits.environmentsPerService) {
      throw invalidParameter(
        `Service ${service.sid} already has the maximum of ${limits.environmentsPerService} Environments`,
      );
    }
    const domainName = `${service.domainBase}${domainSuffix ? `-${domainSuffix.toLowerCase()}` : ""}.twil.io`;
    if (store.find("environments", (environment) => environment.domainName === domainName)) {
      throw conflict(`Domain ${domainName} is already taken; choose another DomainSuffix`);
    }
    const environment = store.insert("environments", {
      sid: newSid(SID_PREFIX.environment),
      accountSid: ctx.accountSid,
      serviceSid: service.sid,
      uniqueName,
      domainSuffix,
      domainName,
      buildSid: null,
    });
    await store.commit();
    return created(environmentJson(ctx.baseUrl, environment));
  });

  routes.add("GET", "/v1/Services/{ServiceSid}/Environments/{Sid}", async (ctx) => {
    const environment = findEnvironment(ctx, findService(ctx), ctx.params.Sid);
    return ok(environmentJson(ctx.baseUrl, environment));
  });

  routes.add("DELETE", "/v1/Services/{ServiceSid}/Environments/{Sid}", async (ctx) => {
    const environment = findEnvironment(ctx, findService(ctx), ctx.params.Sid);
    const { store } = ctx.core;
    for (const table of ["variables", "deployments", "logs"] as const) {
      for (const record of store.list(table, (child) => child.environmentSid === environment.sid)) {
        store.remove(table, record.sid);
      }
    }
    store.remove("environments", environment.sid);
    await store.commit();
    await releaseEnvironments([environment.sid]);
    return NO_CONTENT;
  });
}
