/**
 * What every resource's operations share: preview unknowns, the outputs-versus-inputs diff, the
 * operations' shape. No runtime import of @pulumi/pulumi (nor of anything that loads it): the
 * provider plugin serves Check/Diff/Create/Read/Update/Delete from these modules without the SDK
 * (docs/plugin.md); resources/common.ts adds the dynamic classes' base.
 */
import type * as pulumi from "@pulumi/pulumi";
import { fieldsThat, type ResourceSpec } from "../schema/fields";

/**
 * The value an input has during preview when it is not known yet: the SDK's `unknownValue`
 * (@pulumi/pulumi/runtime/rpc), a wire constant, written here so that using it loads no SDK
 * (common.test.ts checks they agree).
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/** Whether a value is, or holds anywhere inside, an unknown. */
export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/** The real logic of a resource, called by its shell inside the provider process. */
export interface ResourceOperations<Inputs, Outputs> {
  check(olds: Partial<Inputs>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult<Inputs>>;
  diff(id: string, olds: Outputs, news: Inputs): Promise<pulumi.dynamic.DiffResult>;
  create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<Outputs>>;
  read(id: string, props: Outputs): Promise<pulumi.dynamic.ReadResult<Outputs>>;
  update(id: string, olds: Outputs, news: Inputs): Promise<pulumi.dynamic.UpdateResult<Outputs>>;
  delete(id: string, props: Outputs): Promise<void>;
}

/** Compares values as Twilio would store them: undefined, null and "" are all "not set". */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (value === undefined || value === null || value === "") return "";
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export interface DiffRules<Inputs> {
  /** Fields whose change replaces the object. */
  replace: readonly (keyof Inputs & string)[];
  /** Fields whose change is an in-place update. */
  update: readonly (keyof Inputs & string)[];
  /** Field comparisons other than plain equality (e.g. sets). */
  equal?: Partial<Record<keyof Inputs & string, (old: unknown, news: unknown) => boolean>>;
}

/** The replace and update rules a resource's schema declares (schema/fields.ts). */
export function diffRulesOf<Inputs>(spec: ResourceSpec, equal?: DiffRules<Inputs>["equal"]): DiffRules<Inputs> {
  const fields = (change: "replace" | "update") => fieldsThat(spec, change) as (keyof Inputs & string)[];
  return { replace: fields("replace"), update: fields("update"), ...(equal ? { equal } : {}) };
}

/** The fields that differ between the old outputs and the new inputs (an unknown always differs). */
export function changedFields<Inputs>(olds: Record<string, unknown>, news: Inputs, rules: DiffRules<Inputs>): string[] {
  const inputs = news as Record<string, unknown>;
  return [...rules.replace, ...rules.update].filter((field) => {
    if (containsUnknown(inputs[field])) return true;
    const equal = rules.equal?.[field] ?? sameValue;
    return !equal(olds[field], inputs[field]);
  });
}

/** A diff from outputs to inputs, so drift found by a refresh shows as a change. No HTTP. */
export function diffByRules<Inputs>(
  olds: Record<string, unknown>,
  news: Inputs,
  rules: DiffRules<Inputs>,
  deleteBeforeReplace?: (replaces: string[]) => boolean,
): pulumi.dynamic.DiffResult {
  const changed = changedFields(olds, news, rules);
  const replaces = changed.filter((field) => (rules.replace as readonly string[]).includes(field));
  return {
    changes: changed.length > 0,
    replaces,
    deleteBeforeReplace: replaces.length > 0 && deleteBeforeReplace ? deleteBeforeReplace(replaces) : undefined,
  };
}

/** A read result that tells Pulumi the object is gone. */
export const GONE: pulumi.dynamic.ReadResult = { id: "" };

/** Runs a best-effort cleanup after a failure, keeping the original error. */
export async function cleanupAfter(error: unknown, cleanup: () => Promise<unknown>): Promise<never> {
  try {
    await cleanup();
  } catch {
    // The original failure is what the user needs to see.
  }
  throw error;
}
