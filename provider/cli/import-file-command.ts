/**
 * `pulumi-twilio-serverless import-file`: writes the `pulumi import --file` JSON of a whole
 * existing Service (import-file-read.ts reads it, import-file-json.ts names it), and with
 * --directory matches its files to a local twilio-run folder (import-file-local.ts). Reads only:
 * nothing on Twilio changes. The JSON holds sids and names, never a Variable's value.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { closeClient, getClient } from "../client";
import { fetchFunctionVersionContent } from "../client/api/files";
import { debugLog } from "../debug";
import { parseCommandFlags, UsageError } from "./flags";
import { appNotes, buildImportFile, type ImportFile } from "./import-file-json";
import { reconcileLocalFiles } from "./import-file-local";
import { readServiceSnapshot } from "./import-file-read";
import { useStackCredentials } from "./stack-credentials";
import type { CommandIo } from "./logs-command";
import { readStackConfig } from "./stack-target";

const debug = debugLog("import-file");

export const IMPORT_FILE_HELP = `Usage: npx pulumi-twilio-serverless import-file --service <sid or unique name> [flags]

Writes the \`pulumi import --file\` JSON of an existing Service (deployed with the Toolkit, the
Console, or moved by Twilio from Functions Classic): the Service, its Environments, their
Variables, the Builds they serve, the Functions and Assets in those Builds, and the Deployments.
Reads only. Then: \`pulumi import --file <out>\` in your project.

Flags:
      --service <sid|name>      the Service (ZS… or its unique name); required
  -e, --environment <name>      only this Environment (unique name, domain suffix or ZE…);
                                repeat for several; default: all
  -o, --out <file>              write the JSON there (default: standard output)
  -d, --directory <folder>      the local twilio-run folder of the Service (functions/, assets/):
                                each deployed file is matched to its local file; a Function
                                missing there is written from its deployed Version (never
                                overwriting); an Asset missing there is listed, as Twilio cannot
                                return an Asset's content
      --app <name>              a dynamic stack's ServerlessApp moving to the plugin: its name
                                (\`new ServerlessApp("<name>", …)\`); the file also creates the
                                component and imports each resource as its child, named as
                                ServerlessApp names them; the program keeps ServerlessApp,
                                imported from pulumi-twilio-serverless/dist/native
  -s, --stack <name>            read the credentials from this stack's config
  -C, --cwd <folder>            the Pulumi project folder for --stack (default: the current folder)
  -h, --help                    this text

Credentials: the stack's twilio:* or twilio-serverless:* config when the folder is a Pulumi project
with a selected stack (or --stack), else TWILIO_ACCOUNT_SID + TWILIO_AUTH_TOKEN (or TWILIO_API_KEY
+ TWILIO_API_SECRET).
Exit codes: 0 done, 1 failed, 2 bad usage (an unknown Service or Environment says which exist;
with --app, Environments serving different Builds are named).
`;

export interface ImportFileFlags {
  help: boolean;
  service?: string;
  environments: string[];
  out?: string;
  directory?: string;
  app?: string;
  stack?: string;
  cwd: string;
}

export function parseImportFileFlags(args: string[]): ImportFileFlags {
  const { values } = parseCommandFlags("import-file", () =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        service: { type: "string" },
        environment: { type: "string", short: "e", multiple: true },
        out: { type: "string", short: "o" },
        directory: { type: "string", short: "d" },
        app: { type: "string" },
        stack: { type: "string", short: "s" },
        cwd: { type: "string", short: "C" },
        help: { type: "boolean", short: "h" },
      },
    }),
  );
  const flags: ImportFileFlags = {
    help: values.help === true,
    service: values.service,
    environments: values.environment ?? [],
    out: values.out,
    directory: values.directory,
    app: values.app,
    stack: values.stack,
    cwd: values.cwd ?? process.cwd(),
  };
  if (!flags.help && !flags.service) {
    throw new UsageError(
      "--service is required: the sid (ZS…) or unique name of the Service to import; see `npx pulumi-twilio-serverless import-file --help`.",
    );
  }
  if (flags.app !== undefined && flags.app.trim() === "") {
    throw new UsageError(
      '--app is empty: give the name the program passes to ServerlessApp (`new ServerlessApp("hello-world", …)` → --app hello-world).',
    );
  }
  return flags;
}

export async function runImportFileCommand(args: string[], io: CommandIo): Promise<number> {
  const flags = parseImportFileFlags(args);
  if (flags.help) {
    io.stdout.write(IMPORT_FILE_HELP);
    return 0;
  }
  const config = await readStackConfig({ cwd: flags.cwd, stack: flags.stack });
  if (config) useStackCredentials(config);
  try {
    const client = getClient();
    const { snapshot, notes } = await readServiceSnapshot(client, {
      service: flags.service as string,
      environments: flags.environments,
    });
    const file = buildImportFile(snapshot, { app: flags.app });
    const local = flags.directory
      ? await reconcileLocalFiles(path.resolve(flags.directory), snapshot.files, (f) =>
          fetchFunctionVersionContent(client, snapshot.sid, f.sid, f.versionSid),
        )
      : undefined;
    const json = JSON.stringify(file, null, 2) + "\n";
    if (flags.out) fs.writeFileSync(flags.out, json);
    else io.stdout.write(json);
    debug("service %s: %d resources", snapshot.sid, file.resources.length);

    const lines = [
      `Service ${snapshot.uniqueName} (${snapshot.sid}): ${countTypes(file)}${flags.out ? `, written to ${flags.out}` : ""}.`,
    ];
    if (local) {
      lines.push(`Files, and their local file in ${flags.directory}:`, ...local.files.map((f) => `  ${f.line}`));
      if (local.notDeployed.length > 0)
        lines.push(`Not deployed (a program declaring them creates them): ${local.notDeployed.join(", ")}.`);
    }
    lines.push(...[...notes, ...appNotes(snapshot, { app: flags.app })].map((note) => `Note: ${note}`));
    lines.push(
      `Next: \`pulumi import --file ${flags.out ?? "<file>"}\` in the Pulumi project; ` +
        (flags.app
          ? `the program keeps \`new ServerlessApp("${flags.app}", …)\`, imported from "pulumi-twilio-serverless/dist/native".`
          : "the program gives each Function and Asset its local file as `source`."),
    );
    io.stderr.write(lines.join("\n") + "\n");
    return 0;
  } finally {
    await closeClient();
  }
}

/** "1 Service, 2 Environments, …" in the file's order. */
function countTypes(file: ImportFile): string {
  const counts = new Map<string, number>();
  for (const resource of file.resources) {
    const type = resource.type.split(":").pop() as string;
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return [...counts].map(([type, n]) => `${n} ${type}${n === 1 ? "" : "s"}`).join(", ");
}
