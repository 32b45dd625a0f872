/**
 * The README's resource reference, written from the schema (scripts/resource-reference.ts writes
 * it into provider/README.md between markers; a test checks it is current).
 */
import { importIdOf, type FieldSpec, type FieldType, type ResourceSpec } from "./fields";
import { RESOURCES } from "./resources";

export const REFERENCE_MARKERS = {
  start: "<!-- schema:reference:start (written by `npm run reference` from provider/schema; edit there) -->",
  end: "<!-- schema:reference:end -->",
};

function typeText(type: FieldType): string {
  if (typeof type === "object" && "oneOf" in type) return type.oneOf.map(typeText).join(" or ");
  if (typeof type === "object") return type.map ? `map of ${type.ref}` : type.ref;
  return { stringList: "string[]", stringMap: "map of string" }[type as string] ?? type;
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function inputRow(name: string, field: FieldSpec): string {
  const type = field.enum ? field.enum.map((v) => `"${v}"`).join(" \\| ") : typeText(field.type);
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

/** `readme` with its section between the markers replaced . */
export function withReference(readme: string): string {
  const start = readme.indexOf(REFERENCE_MARKERS.start);
  const end = readme.indexOf(REFERENCE_MARKERS.end);
  if (start < 0 || end < 0) throw new Error("the README has no schema:reference markers");
  return readme.slice(0, start) + resourceReference() + readme.slice(end + REFERENCE_MARKERS.end.length);
}
