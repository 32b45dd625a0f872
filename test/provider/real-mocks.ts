/**
 * Pulumi mocks that do what the engine would: each resource a program declares is checked and
 * created for real by its provider (against the emulator the test points the provider at), so a
 * component that declares something it should have refused writes, and a test can see it.
 */
import * as pulumi from "@pulumi/pulumi";
import { assetOperations } from "../../provider/resources/asset";
import { buildOperations } from "../../provider/resources/build";
import { deploymentOperations } from "../../provider/resources/deployment";
import { environmentOperations } from "../../provider/resources/environment";
import { fileCleanupOperations } from "../../provider/resources/file-cleanup";
import { fileSetOperations } from "../../provider/resources/file-set";
import { functionOperations } from "../../provider/resources/function";
import { serviceOperations } from "../../provider/resources/service";
import { variableOperations } from "../../provider/resources/variable";

interface RealOperations {
  check(olds: object, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult<unknown>>;
  create(inputs: never): Promise<pulumi.dynamic.CreateResult<unknown>>;
}
/** The provider behind each dynamic resource type (`pulumi-nodejs:dynamic/twilio-serverless:<Type>`). */
const OPERATIONS: Record<string, RealOperations> = {
  Service: serviceOperations,
  Environment: environmentOperations,
  Function: functionOperations,
  Asset: assetOperations,
  Build: buildOperations,
  Deployment: deploymentOperations,
  Variable: variableOperations,
  FileSet: fileSetOperations,
  FileCleanup: fileCleanupOperations,
};

/**
 * The mocks to pass to `pulumi.runtime.setMocks`; `settled()` waits until every declared
 * resource is done; `errors` holds what their check or create said, one line per resource.
 */
export function realMocks() {
  let pending = 0;
  let seen = 0;
  const errors: string[] = [];
  const mocks: pulumi.runtime.Mocks = {
    call: () => ({}),
    newResource: async (args) => {
      seen += 1;
      const operations = OPERATIONS[args.type.split(":").pop() ?? ""];
      if (!args.type.startsWith("pulumi-nodejs:dynamic/") || !operations) {
        return { id: `${args.name}-id`, state: args.inputs }; // the component itself
      }
      pending += 1;
      try {
        const { __provider: _provider, ...news } = args.inputs as Record<string, unknown>;
        const checked = await operations.check({}, news);
        const failures = checked.failures ?? [];
        if (failures.length > 0) throw new Error(failures.map((f) => `${f.property}: ${f.reason}`).join("\n"));
        const made = await operations.create(checked.inputs as never);
        return { id: made.id, state: made.outs as Record<string, unknown> };
      } catch (error) {
        errors.push(`${args.name}: ${(error as Error).message}`);
        return { id: `${args.name}-refused`, state: {} };
      } finally {
        pending -= 1;
      }
    },
  };
  /** Until no resource has been declared or is being created for 10 turns of 20 ms. */
  const settled = async () => {
    for (let quiet = 0, last = -1; quiet < 10;) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      quiet = pending === 0 && seen === last ? quiet + 1 : 0;
      last = seen;
    }
  };
  return { mocks, errors, settled };
}
