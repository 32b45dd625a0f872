/**
 * The READMEs' references, written from the schema (scripts/resource-reference.ts writes them
 * between markers: the resources into provider/README.md, ServerlessApp's inputs into README.md;
 * test/provider/schema.test.ts checks both are current).
 */
import { importIdOf, type FieldSpec, type FieldType, type ResourceSpec } from "./fields";
import { OBJECT_TYPES, SERVERLESS_APP } from "./objects";
import { RESOURCES } from "./resources";

interface Markers {
  start: string;
  end: string;
}

export const REFERENCE_MARKERS: Markers = {
  start: "<!-- schema:reference:start (written by `npm run reference` from provider/schema; edit there) -->",
  end: "<!-- schema:reference:end -->",
};

export const APP_REFERENCE_MARKERS: Markers = {
  start: "<!-- schema:app:start (written by `npm run reference` from provider/schema; edit there) -->",
  end: "<!-- schema:app:end -->",
};

function typeText(type: FieldType): string {
  if (typeof type === "object" && "oneOf" in type) return type.oneOf.map(typeText).join(" or ");
  if (typeof type === "object") return type.map ? `map of ${type.ref}` : type.ref;
  return { stringList: "string[]", stringMap: "map of string" }[type as string] ?? type;
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function inputRow(name: string, field: FieldSpec): string {
  const type = field.enum ? field.enum.map((v) => `"${v}"`).join(" | ") : typeText(field.type);
  const given = field.required
    ? "required"
    : field.default !== undefined
      ? `default ${JSON.stringify(field.default)}`
      : "optional";
  const change = { replace: "replaces", update: "updates", none: "changes nothing" }[field.change ?? "update"];
  const secret = field.secret ? ", secret" : "";
  return `| \`${name}\` | ${cell(type)} | ${given}${secret} | ${change} | ${cell(field.description)} |`;
}

function outputRow(name: string, field: FieldSpec): string {
  return `| \`${name}\` | ${cell(typeText(field.type))} | ${cell(field.description)} |`;
}

function resourceSection(spec: ResourceSpec): string {
  const id = importIdOf(spec);
  return [
    `### \`${spec.name}\``,
    "",
    `${spec.description} Plugin type \`twilio-serverless:index:${spec.name}\`; ${id ? `import id \`${id}\`` : "not importable"}.`,
    "",
    "| input | type | given | a change | |",
    "|---|---|---|---|---|",
    ...Object.entries(spec.inputs).map(([name, field]) => inputRow(name, field)),
    "",
    "| output added | type | |",
    "|---|---|---|",
    ...Object.entries(spec.outputs).map(([name, field]) => outputRow(name, field)),
  ].join("\n");
}

/** The whole section, markers included. */
export function resourceReference(): string {
  return [
    REFERENCE_MARKERS.start,
    "",
    ...RESOURCES.map((spec) => `${resourceSection(spec)}\n`),
    REFERENCE_MARKERS.end,
  ].join("\n");
}

/** ServerlessApp's inputs (an environment's fields as `environments.X.<field>`) and outputs, markers included. */
export function appReference(): string {
  const row = (name: string, field: FieldSpec) => {
    const type = field.enum ? field.enum.map((v) => `"${v}"`).join(" | ") : typeText(field.type);
    return `| \`${name}\` | ${cell(type)}${field.required ? ", required" : ""} | ${cell(field.description)} |`;
  };
  const environment = OBJECT_TYPES.AppEnvironment.properties;
  const perEnvironment = Object.keys(OBJECT_TYPES.AppEnvironmentOutputs.properties).map((name) => `\`${name}\``);
  return [
    APP_REFERENCE_MARKERS.start,
    "",
    "| input | type | |",
    "|---|---|---|",
    ...Object.entries(SERVERLESS_APP.inputs).flatMap(([name, field]) => [
      row(name, field),
      ...(name === "environments"
        ? Object.entries(environment).map(([key, sub]) => row(`environments.X.${key}`, sub))
        : []),
    ]),
    "",
    `Outputs: ${Object.keys(SERVERLESS_APP.outputs)
      .map((name) => `\`${name}\``)
      .join(", ")}; per environment ${perEnvironment.join(", ")}.`,
    "",
    APP_REFERENCE_MARKERS.end,
  ].join("\n");
}

function replaceBetween(text: string, markers: Markers, section: string): string {
  const start = text.indexOf(markers.start);
  const end = text.indexOf(markers.end);
  if (start < 0 || end < 0) throw new Error(`the README has no ${markers.start} … ${markers.end} markers`);
  return text.slice(0, start) + section + text.slice(end + markers.end.length);
}

/** provider/README.md with its resource reference rewritten. */
export function withReference(readme: string): string {
  return replaceBetween(readme, REFERENCE_MARKERS, resourceReference());
}

/** README.md with its ServerlessApp reference rewritten. */
export function withAppReference(readme: string): string {
  return replaceBetween(readme, APP_REFERENCE_MARKERS, appReference());
}
