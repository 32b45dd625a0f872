/** /Variables: full CRUD; keys are unique per environment; values reach functions in `context`. */
import { conflict } from "../http/errors";
import type { FormParams } from "../http/form";
import { newSid, SID_PREFIX } from "../twilio/sids";
import type { EnvironmentRecord, VariableRecord } from "../store/records";
import { checkBytes, checkLength } from "../twilio/validate";
import { type ApiContext, created, listed, NO_CONTENT, ok, type RouteTable } from "./context";
import { environmentUrl } from "./environments";
import { findEnvironment, findInService, findService } from "./lookup";
import { serviceUrl } from "./services";

function variableJson(baseUrl: string, variable: VariableRecord): Record<string, unknown> {
  return {
    sid: variable.sid,
    account_sid: variable.accountSid,
    service_sid: variable.serviceSid,
    environment_sid: variable.environmentSid,
    key: variable.key,
    value: variable.value,
    date_created: variable.dateCreated,
    date_updated: variable.dateUpdated,
    url: `${serviceUrl(baseUrl, variable.serviceSid)}/Environments/${variable.environmentSid}/Variables/${variable.sid}`,
  };
}

function keyFrom(ctx: ApiContext, form: FormParams, required: boolean): string | undefined {
  const key = required ? form.string("Key", true) : form.string("Key");
  return key === undefined ? undefined : checkLength("Key", key, ctx.core.options.limits.variableKeyLength);
}

function valueFrom(ctx: ApiContext, form: FormParams, required: boolean): string | undefined {
  const value = required ? form.string("Value", true) : form.string("Value");
  return value === undefined ? undefined : checkBytes("Value", value, ctx.core.options.limits.variableValueBytes);
}

function checkKeyFree(ctx: ApiContext, environment: EnvironmentRecord, key: string, exceptSid?: string): void {
  const taken = ctx.core.store.find(
    "variables",
    (variable) => variable.environmentSid === environment.sid && variable.key === key && variable.sid !== exceptSid,
  );
  if (taken) throw conflict(`Variable with Key ${key} already exists in Environment ${environment.sid}: ${taken.sid}`);
}

function findVariable(ctx: ApiContext): VariableRecord {
  const service = findService(ctx);
  const environment = findEnvironment(ctx, service);
  return findInService(
    ctx,
    "variables",
    ctx.params.Sid,
    service,
    (variable) => variable.environmentSid === environment.sid,
  );
}

export function registerVariables(routes: RouteTable): void {
  const listTemplate = "/v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Variables";
  const itemTemplate = `${listTemplate}/{Sid}`;

  routes.add("GET", listTemplate, async (ctx) => {
    const environment = findEnvironment(ctx, findService(ctx));
    const variables = ctx.core.store.list("variables", (variable) => variable.environmentSid === environment.sid);
    const listUrl = `${environmentUrl(ctx.baseUrl, environment)}/Variables`;
    return listed(ctx, variables, listUrl, "variables", (variable) => variableJson(ctx.baseUrl, variable));
  });

  routes.add("POST", listTemplate, async (ctx) => {
    findEnvironment(ctx, findService(ctx));
    const form = await ctx.form();
    const key = keyFrom(ctx, form, true)!;
    const value = valueFrom(ctx, form, true)!;
    const environment = findEnvironment(ctx, findService(ctx));
    checkKeyFree(ctx, environment, key);
    const variable = ctx.core.store.insert("variables", {
      sid: newSid(SID_PREFIX.variable),
      accountSid: ctx.accountSid,
      serviceSid: environment.serviceSid,
      environmentSid: environment.sid,
      key,
      value,
    });
    await ctx.core.store.commit();
    return created(variableJson(ctx.baseUrl, variable));
  });

  routes.add("GET", itemTemplate, async (ctx) => ok(variableJson(ctx.baseUrl, findVariable(ctx))));

  routes.add("POST", itemTemplate, async (ctx) => {
    findVariable(ctx);
    const form = await ctx.form();
    const key = keyFrom(ctx, form, false);
    const value = valueFrom(ctx, form, false);
    const variable = findVariable(ctx);
    if (key !== undefined) checkKeyFree(ctx, findEnvironment(ctx, findService(ctx)), key, variable.sid);
    const updated = ctx.core.store.update("variables", variable, {
      key: key ?? variable.key,
      value: value ?? variable.value,
    });
    await ctx.core.store.commit();
    return ok(variableJson(ctx.baseUrl, updated));
  });

  routes.add("DELETE", itemTemplate, async (ctx) => {
    const variable = findVariable(ctx);
    ctx.core.store.remove("variables", variable.sid);
    await ctx.core.store.commit();
    return NO_CONTENT;
  });
}
