/**
 * Child script, floor (a): the calls a one-file change cannot avoid, and nothing else: upload
 * the new Version, create the Build, poll its status (again as soon as an answer arrives),
 * deploy it. No listing, no lookups, no framework: what no tool can beat.
 * Input (argv[2], JSON): FloorDeployInput. Output (last stdout line, JSON): { buildSid }.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";

export interface FloorDeployInput {
  apiUrl: string;
  accountSid: string;
  authToken: string;
  serviceSid: string;
  environmentSid: string;
  /** The Function whose file changed. */
  functionSid: string;
  file: string;
  path: string;
  visibility: string;
  /** Every other Version of the running build, unchanged. */
  functionVersions: string[];
  assetVersions: string[];
}

async function main(input: FloorDeployInput): Promise<{ buildSid: string }> {
  const headers = {
    authorization: `Basic ${Buffer.from(`${input.accountSid}:${input.authToken}`).toString("base64")}`,
  };
  const service = `${input.apiUrl}/v1/Services/${input.serviceSid}`;
  const call = async (method: string, url: string, body?: FormData | URLSearchParams) => {
    const response = await fetch(url, { method, headers, body });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url}: HTTP ${response.status} ${text}`);
    return JSON.parse(text);
  };

  const upload = new FormData();
  upload.append("Path", input.path);
  upload.append("Visibility", input.visibility);
  upload.append(
    "Content",
    new Blob([readFileSync(input.file)], { type: "application/javascript" }),
    path.basename(input.file),
  );
  const version = await call("POST", `${service}/Functions/${input.functionSid}/Versions`, upload);

  const buildForm = new URLSearchParams({ Runtime: "node22" });
  for (const sid of [...input.functionVersions, version.sid]) buildForm.append("FunctionVersions", sid);
  for (const sid of input.assetVersions) buildForm.append("AssetVersions", sid);
  const build = await call("POST", `${service}/Builds`, buildForm);

  for (;;) {
    const { status } = await call("GET", `${service}/Builds/${build.sid}/Status`);
    if (status === "completed") break;
    if (status !== "building") throw new Error(`build ${build.sid} ended ${status}`);
  }
  await call(
    "POST",
    `${service}/Environments/${input.environmentSid}/Deployments`,
    new URLSearchParams({ BuildSid: build.sid }),
  );
  return { buildSid: build.sid };
}

main(JSON.parse(process.argv[2])).then(
  (result) => console.log(JSON.stringify(result)),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
