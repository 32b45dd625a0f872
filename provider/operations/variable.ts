/** A Variable of an Environment, passed to its functions in `context`. The value is a secret. */
import { getClient, TwilioApiError, unlessNotFound } from "../client";
import {
  createVariable,
  deleteVariable,
  fetchVariable,
  findVariableByKey,
  listVariables,
  updateVariable,
} from "../client/api/variables";
import type { VariableResource } from "../client/api/types";
import { GONE, diffByRules, diffRulesOf, type ResourceOperations } from "./common";
import { textProblems, VARIABLE_KEY, VARIABLE_VALUE, variablesContextProblem } from "../rules";
import { InputChecker } from "./validate";
import { type ArgsOf, type InputsOf, type OutputsOf } from "../schema/fields";
import { VARIABLE } from "../schema/resources";

export type VariableArgs = ArgsOf<typeof VARIABLE>;
type VariableInputs = InputsOf<typeof VARIABLE>;
export type VariableOutputs = OutputsOf<typeof VARIABLE>;

const rules = diffRulesOf<VariableInputs>(VARIABLE);

function outputsFrom(variable: VariableResource, inputs: VariableInputs): VariableOutputs {
  return { ...inputs, key: variable.key, value: variable.value, sid: variable.sid };
}

/**
 * Creates the Variable. When its key is taken (409) by a Variable of the same value, an
 * interrupted `pulumi up` made it and never recorded it: it is taken over. Another value is
 * someone else's setting, never overwritten.
 */
async function createOrAdoptVariable(inputs: VariableInputs): Promise<VariableResource> {
  const client = getClient();
  const { serviceSid, environmentSid, key, value } = inputs;
  try {
    return await createVariable(client, serviceSid, environmentSid, key, value);
  } catch (error) {
    if (!(error instanceof TwilioApiError && error.status === 409)) throw error;
    const existing = await findVariableByKey(client, serviceSid, environmentSid, key);
    if (!existing) throw error;
    if (existing.value === value) return existing;
    throw new Error(
      `creating Variable '${key}' of Environment ${environmentSid}: the Environment already has it (${existing.sid}) with another value. ` +
        "Delete it there, or remove this Variable from the stack.",
      { cause: error },
    );
  }
}

/**
 * Refuses, before the write, a value that would take its Environment's Variables past what
 * Twilio allows a function's context (rules.ts, error 82006): one read of the Environment's
 * Variables. Variables written at the same moment do not see each other; ServerlessApp checks
 * all of an environment's known values before it declares any.
 */
async function assertContextRoom(inputs: VariableInputs, action: "creating" | "updating", sid?: string): Promise<void> {
  const existing = await listVariables(getClient(), inputs.serviceSid, inputs.environmentSid);
  const variables = Object.fromEntries(
    existing.filter((other) => other.sid !== sid && other.key !== inputs.key).map((other) => [other.key, other.value]),
  );
  variables[inputs.key] = inputs.value;
  const problem = variablesContextProblem(variables);
  if (problem) {
    throw new Error(
      `${action} Variable '${inputs.key}' of Environment ${inputs.environmentSid}: with it, the Environment's ${problem}`,
    );
  }
}

export const variableOperations: ResourceOperations<VariableInputs, VariableOutputs> = {
  async check(_olds, news) {
    const checker = new InputChecker(news);
    checker.sid("serviceSid", "ZS");
    checker.sid("environmentSid", "ZE");
    checker.string("key", { required: true, ...VARIABLE_KEY });
    // Never echo the value in a message: it is a secret.
    if (news.value === undefined || news.value === null || news.value === "") {
      checker.fail(
        "value",
        "value is required and must not be empty (Twilio refuses empty values); remove the Variable instead.",
      );
    } else if (typeof news.value === "string") {
      for (const problem of textProblems("value", news.value, VARIABLE_VALUE, false)) checker.fail("value", problem);
    } else if (typeof news.value !== "string") {
      checker.string("value");
    }
    return { inputs: news as unknown as VariableInputs, failures: checker.failures };
  },

  async diff(_id, olds, news) {
    return diffByRules(olds as unknown as Record<string, unknown>, news, rules);
  },

  async create(inputs) {
    await assertContextRoom(inputs, "creating");
    const variable = await createOrAdoptVariable(inputs);
    return { id: variable.sid, outs: outputsFrom(variable, inputs) };
  },

  async read(id, props) {
    const variable = await unlessNotFound(() => fetchVariable(getClient(), props.serviceSid, props.environmentSid, id));
    if (!variable) return GONE;
    return { id, props: outputsFrom(variable, props) };
  },

  async update(id, _olds, news) {
    await assertContextRoom(news, "updating", id);
    const variable = await updateVariable(getClient(), news.serviceSid, news.environmentSid, id, news.key, news.value);
    return { outs: outputsFrom(variable, news) };
  },

  async delete(id, props) {
    await unlessNotFound(() => deleteVariable(getClient(), props.serviceSid, props.environmentSid, id));
  },
};
