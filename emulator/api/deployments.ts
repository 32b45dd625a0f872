/**
 * /Deployments: create, fetch, list only (no delete, as on Twilio). A Deployment points its
 * environment at a completed Build, or at nothing when it has no BuildSid.
 */
import { conflict, invalidParameter } from "../http/errors";
import { isSid, newSid, SID_PREFIX } from "../twilio/sids";
import type { DeploymentRecord } from "../store/records";
import { created, listed, ok, type RouteTable } from "./context";
import { environmentUrl } from "./environments";
import { findEnvironment, findInService, findService } from "./lookup";
import { serviceUrl } from "./services";

function deploymentJson(baseUrl: string, deployment: DeploymentRecord): Record<string, unknown> {
  return {
    sid: deployment.sid,
    account_sid: deployment.accountSid,
    service_sid: deployment.serviceSid,
    environment_sid: deployment.environmentSid,
    build_sid: deployment.buildSid,
    date_created: deployment.dateCreated,
    date_updated: deployment.dateUpdated,
    url: `${serviceUrl(baseUrl, deployment.serviceSid)}/Environments/${deployment.environmentSid}/Deployments/${deployment.sid}`,
  };
}

export function registerDeployments(routes: RouteTable): void {
  const listTemplate = "/v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Deployments";

  routes.add("GET", listTemplate, async (ctx) => {
    const environment = findEnvironment(ctx, findService(ctx));
    const deployments = ctx.core.store.list(
      "deployments",
      (deployment) => deployment.environmentSid === environment.sid,
    );
    const listUrl = `${environmentUrl(ctx.baseUrl, environment)}/Deployments`;
    return listed(ctx, deployments, listUrl, "deployments", (deployment) => deploymentJson(ctx.baseUrl, deployment));
  });

  routes.add("POST", listTemplate, async (ctx) => {
    findEnvironment(ctx, findService(ctx));
    const form = await ctx.form();
    const service = findService(ctx);
    const environment = findEnvironment(ctx, service);
    const buildSid = form.string("BuildSid") || null;
    if (buildSid !== null) {
      const build = ctx.core.store.get("builds", buildSid);
      const ours = build && build.accountSid === ctx.accountSid && build.serviceSid === service.sid;
      if (!isSid(buildSid, SID_PREFIX.build) || !build || !ours) {
        throw invalidParameter(`Invalid parameter BuildSid: ${buildSid} is not a Build of Service ${service.sid}`);
      }
      if (build.status !== "completed") {
        throw invalidParameter(
          `Invalid parameter BuildSid: Build ${buildSid} is ${build.status}; only a completed Build can be deployed`,
        );
      }
      if (environment.buildSid === buildSid) throw conflict("Environment already has requested deployment");
    }
    const { store } = ctx.core;
    const deployment = store.insert("deployments", {
      sid: newSid(SID_PREFIX.deployment),
      accountSid: ctx.accountSid,
      serviceSid: service.sid,
      environmentSid: environment.sid,
      buildSid,
    });
    store.update("environments", environment, { buildSid });
    await store.commit();
    return created(deploymentJson(ctx.baseUrl, deployment));
  });

  routes.add("GET", `${listTemplate}/{Sid}`, async (ctx) => {
    const service = findService(ctx);
    const environment = findEnvironment(ctx, service);
    const inEnvironment = (record: DeploymentRecord) => record.environmentSid === environment.sid;
    const deployment = findInService(ctx, "deployments", ctx.params.Sid, service, inEnvironment);
    return ok(deploymentJson(ctx.baseUrl, deployment));
  });
}
