/**
 * How a resource's fields are declared once (resources.ts) and what is derived from that one
 * declaration: the dynamic classes' Args, checked inputs, outputs and `Output` properties (types),
 * their replace rules and output placeholders (values), and the package schema (package.ts).
 * No runtime import of @pulumi/pulumi: the plugin loads this before it needs the SDK.
 */
import type * as pulumi from "@pulumi/pulumi";

/** The value kinds our fields use; a `ref` names an object type of package.ts's `types`. */
export type FieldType =
  | "string"
  | "boolean"
  | "integer"
  | "stringList"
  | "stringMap"
  | { ref: string; map?: true }
  /** One of these (a component's input, e.g. an environment's `build`: a name or `{ approved }`). */
  | { oneOf: readonly FieldType[] };

export interface FieldSpec {
  type: FieldType;
  description: string;
  /** Inputs: must be given. */
  required?: true;
  /** Inputs: the value `check` fills in when it is not given (shown in the schema). */
  default?: string | boolean | number | readonly [] | Readonly<Record<string, never>>;
  /** Inputs: `check` fills in a value derived from others (described in `description`). */
  derived?: true;
  /** Allowed values of a string. */
  enum?: readonly string[];
  secret?: true;
  /**
   * What a change of the field does: "replace" the object, "update" it in place (the default
   * for inputs), or "none" (ours, not Twilio's: `adopt`, `timeoutSeconds`). An output with
   * "update" is computed by `check` from inputs (a content hash).
   */
  change?: "replace" | "update" | "none";
  /** Outputs: absent in state of older releases. */
  optional?: true;
  /** Inputs: the type of the output of the same name, when it differs (FileSet's files). */
  outputType?: FieldType;
}

/** An object type of the schema (package.ts `types`), e.g. one file of a FileSet. */
export interface ObjectSpec {
  description: string;
  properties: Readonly<Record<string, FieldSpec>>;
}

export interface ResourceSpec {
  /** The type name: `twilio-serverless:index:<name>` in the plugin, `…dynamic/twilio-serverless:<name>` on the dynamic path. */
  name: string;
  description: string;
  /**
   * The plugin's resource id (and `pulumi import` id): the parents' sids and the object's own,
   * joined by "/" ("ZS…/ZE…/ZV…"); the operations get the own sid, `sidOutput` holds it. No id
   * for what has no Twilio object of its own (FileSet).
   */
  id?: { sidPrefix: string; parents: readonly ("serviceSid" | "environmentSid")[]; sidOutput: string };
  inputs: Readonly<Record<string, FieldSpec>>;
  /** What Twilio assigns, beside the inputs that every output repeats. */
  outputs: Readonly<Record<string, FieldSpec>>;
}

// ---- Types derived from a spec ----

type Base<T> = T extends "string"
  ? string
  : T extends "boolean"
    ? boolean
    : T extends "integer"
      ? number
      : T extends "stringList"
        ? string[]
        : T extends "stringMap"
          ? Record<string, string>
          : unknown;

type PlainOf<F> = F extends { enum: readonly (infer V extends string)[] }
  ? V
  : F extends { type: infer T }
    ? Base<T>
    : never;
type InputOf<F> = F extends { type: "stringList" }
  ? pulumi.Input<pulumi.Input<string>[]>
  : F extends { type: "stringMap" }
    ? pulumi.Input<Record<string, pulumi.Input<string>>>
    : pulumi.Input<PlainOf<F>>;

type KeysWhere<R, Cond> = { [K in keyof R]: R[K] extends Cond ? K : never }[keyof R] & string;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

type RequiredIn<S extends ResourceSpec> = KeysWhere<S["inputs"], { required: true }>;
/** After `check`: given, defaulted or derived. */
type FilledIn<S extends ResourceSpec> = KeysWhere<
  S["inputs"],
  { required: true } | { default: unknown } | { derived: true }
>;
type OptionalOut<S extends ResourceSpec> = KeysWhere<S["outputs"], { optional: true }>;

/** What a program passes (`ServiceArgs`). */
export type ArgsOf<S extends ResourceSpec> = Simplify<
  { [K in RequiredIn<S>]: InputOf<S["inputs"][K]> } & {
    [K in Exclude<keyof S["inputs"] & string, RequiredIn<S>>]?: InputOf<S["inputs"][K]>;
  }
>;

/** What `check` returns: defaults filled in, and outputs that `check` computes (a content hash). */
export type InputsOf<S extends ResourceSpec> = Simplify<
  { [K in FilledIn<S>]: PlainOf<S["inputs"][K]> } & {
    [K in Exclude<keyof S["inputs"] & string, FilledIn<S>>]?: PlainOf<S["inputs"][K]>;
  } & { [K in KeysWhere<S["outputs"], { change: "update" }>]: PlainOf<S["outputs"][K]> }
>;

/** What the provider stores: the inputs and what Twilio assigns. */
export type OutputsOf<S extends ResourceSpec> = Simplify<
  InputsOf<S> & { [K in Exclude<keyof S["outputs"] & string, OptionalOut<S>>]: PlainOf<S["outputs"][K]> } & {
    [K in OptionalOut<S>]?: PlainOf<S["outputs"][K]>;
  }
>;

/** The `pulumi.Output` properties of a resource class. */
export type OutputPropertiesOf<S extends ResourceSpec> = {
  readonly [K in keyof OutputsOf<S>]-?: pulumi.Output<
    K extends Exclude<keyof S["inputs"] & string, FilledIn<S>>
      ? OutputsOf<S>[K] | undefined
      : Exclude<OutputsOf<S>[K], undefined>
  >;
};

// ---- Values derived from a spec ----

/** Field names whose change does `change` (inputs default to "update", outputs to "none"). */
export function fieldsThat(spec: ResourceSpec, change: "replace" | "update" | "none"): string[] {
  const of = (fields: Readonly<Record<string, FieldSpec>>, fallback: FieldSpec["change"]) =>
    Object.entries(fields)
      .filter(([, field]) => (field.change ?? fallback) === change)
      .map(([name]) => name);
  return [...of(spec.inputs, "update"), ...of(spec.outputs, "none")];
}

/**
 * What a dynamic class registers: every input and output named (undefined until known, so the
 * class has an `Output` for each), the program's args in between.
 */
export function registeredProperties(spec: ResourceSpec, args: object): Record<string, unknown> {
  const unset = (fields: Readonly<Record<string, FieldSpec>>) =>
    Object.fromEntries(Object.keys(fields).map((name) => [name, undefined]));
  return { ...unset(spec.inputs), ...args, ...unset(spec.outputs) };
}

/** The inputs with each declared default filled in where the program gave none (undefined or null). */
export function withDefaults(spec: ResourceSpec, news: Record<string, unknown>): Record<string, unknown> {
  const filled = { ...news };
  for (const [name, field] of Object.entries(spec.inputs)) {
    if (field.default !== undefined && (filled[name] === undefined || filled[name] === null)) {
      filled[name] = structuredClone(field.default);
    }
  }
  return filled;
}

const PARENT_PREFIXES = { serviceSid: "ZS", environmentSid: "ZE" } as const;

/** The import id's form, e.g. "ZS…/ZE…/ZV…" (README, schema). */
export function importIdOf(spec: ResourceSpec): string | undefined {
  if (!spec.id) return undefined;
  return [...spec.id.parents.map((parent) => PARENT_PREFIXES[parent]), spec.id.sidPrefix].map((p) => `${p}…`).join("/");
}
