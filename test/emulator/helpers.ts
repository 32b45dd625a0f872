/** Shared by the emulator tests: start an emulator in-process and talk to it like a client. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, type EmulatorOptions } from "../../emulator/index";

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

export type Form = Record<string, string | string[] | boolean | undefined>;

export function basicAuth(username = TEST_ACCOUNT_SID, password = TEST_AUTH_TOKEN): string {
  return "Basic " + Buffer.from(`${username}:${password}`).toString("base64");
}

function encodeForm(form: Form): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  return params;
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body };
}

export interface UploadInput {
  path?: string;
  visibility?: string;
  content?: string | Buffer;
  filename?: string;
  contentType?: string;
}

/** A minimal Serverless API client over fetch; `url` is the emulator's origin. */
export class Client {
  constructor(
    readonly url: string,
    /** null sends no Authorization header. */
    readonly authorization: string | null = basicAuth(),
  ) {}

  async call(method: string, path: string, form?: Form): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (this.authorization) headers.authorization = this.authorization;
    const absolute = path.startsWith("http") ? path : this.url + path;
    return answer(await fetch(absolute, { method, headers, body: form ? encodeForm(form) : undefined }));
  }

  /** Like call, but fails the test unless the status is 2xx. */
  async ok(method: string, path: string, form?: Form): Promise<any> {
    const result = await this.call(method, path, form);
    if (result.status >= 300)
      throw new Error(`${method} ${path} answered ${result.status}: ${JSON.stringify(result.body)}`);
    return result.body;
  }

  async upload(collectionPath: string, input: UploadInput): Promise<Answer> {
    const form = new FormData();
    if (input.path !== undefined) form.append("Path", input.path);
    if (input.visibility !== undefined) form.append("Visibility", input.visibility);
    if (input.content !== undefined) {
      const blob = new Blob([input.content], { type: input.contentType ?? "application/javascript" });
      form.append("Content", blob, input.filename ?? "file.js");
    }
    const headers: Record<string, string> = {};
    if (this.authorization) headers.authorization = this.authorization;
    return answer(await fetch(`${this.url}${collectionPath}/Versions`, { method: "POST", headers, body: form }));
  }

  async stats(): Promise<any> {
    return (await fetch(`${this.url}/_emulator/stats`)).json();
  }
}

export async function startTestEmulator(
  options: EmulatorOptions = {},
): Promise<{ emulator: Emulator; client: Client }> {
  const emulator = await startEmulator({ buildDelayMs: 20, ...options });
  return { emulator, client: new Client(emulator.url) };
}

export const HELLO_SOURCE = `exports.handler = function (context, event, callback) {
  console.log("hello was called");
  callback(null, "hello from the emulator");
};
`;

/** Polls the build's Status until it is no longer `building`. */
export async function waitForBuild(client: Client, serviceSid: string, buildSid: string): Promise<string> {
  for (;;) {
    const { status } = await client.ok("GET", `/v1/Services/${serviceSid}/Builds/${buildSid}/Status`);
    if (status !== "building") return status;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface Deployed {
  service: any;
  environment: any;
  fn: any;
  functionVersion: any;
  asset: any;
  assetVersion: any;
  build: any;
  deployment: any;
}

/** A service with one function and one asset, built and deployed to a "dev" environment. */
export async function deployProject(client: Client, uniqueName: string, source = HELLO_SOURCE): Promise<Deployed> {
  const service = await client.ok("POST", "/v1/Services", { UniqueName: uniqueName, FriendlyName: uniqueName });
  const base = `/v1/Services/${service.sid}`;
  const environment = await client.ok("POST", `${base}/Environments`, {
    UniqueName: "dev-environment",
    DomainSuffix: "dev",
  });
  const fn = await client.ok("POST", `${base}/Functions`, { FriendlyName: "hello" });
  const functionUpload = await client.upload(`${base}/Functions/${fn.sid}`, {
    path: "/hello",
    visibility: "public",
    content: source,
  });
  const asset = await client.ok("POST", `${base}/Assets`, { FriendlyName: "style" });
  const assetUpload = await client.upload(`${base}/Assets/${asset.sid}`, {
    path: "/style.css",
    visibility: "public",
    content: "body { color: red; }",
    filename: "style.css",
    contentType: "text/css",
  });
  if (functionUpload.status !== 201 || assetUpload.status !== 201) {
    throw new Error(`upload failed: ${JSON.stringify([functionUpload.body, assetUpload.body])}`);
  }
  const build = await client.ok("POST", `${base}/Builds`, {
    FunctionVersions: [functionUpload.body.sid],
    AssetVersions: [assetUpload.body.sid],
  });
  const status = await waitForBuild(client, service.sid, build.sid);
  if (status !== "completed") throw new Error(`build ${build.sid} ended ${status}`);
  const deployment = await client.ok("POST", `${base}/Environments/${environment.sid}/Deployments`, {
    BuildSid: build.sid,
  });
  return {
    service,
    environment: await client.ok("GET", `${base}/Environments/${environment.sid}`),
    fn,
    functionVersion: functionUpload.body,
    asset,
    assetVersion: assetUpload.body,
    build,
    deployment,
  };
}

/** A fresh data directory for each test of the calling suite, removed after it: `dataDir()` reads it. */
export function freshDataDirEachTest(prefix: string): () => string {
  let dataDir = "";
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));
  return () => dataDir;
}
