/**
 * The emulator's single HTTP port: emulator controls (/_emulator/*, no auth), deployed domains
 * (no auth), and the API (Basic auth, with the configured latency and injected faults).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { ApiContext, ApiHandler } from "./api/context";
import type { EmulatorCore } from "./twilio/core";
import { registerApi } from "./api/index";
import { authenticate } from "./http/auth";
import { readBody } from "./http/body";
import { clockRequest } from "./clock-api";
import { debugLog } from "./debug";
import { domainTarget, findEnvironmentByDomain, serveDomain } from "./twilio/domains";
import { ApiError, methodNotAllowed, notFound, tooManyRequests } from "./http/errors";
import { FAULTS, FaultInjector, type Fault } from "./http/faults";
import { FormParams } from "./http/form";
import { Holds } from "./http/holds";
import { Router } from "./http/router";

/** One line per request once answered: method, path (no query: a domain request's may carry user data), status, time. */
const log = debugLog("request");

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (status === 204) {
    res.writeHead(204, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: unknown): void {
  // A client that hung up mid-request (ECONNRESET while reading its body) is no internal error.
  if (res.headersSent || (error as NodeJS.ErrnoException | undefined)?.code === "ECONNRESET") {
    res.destroy();
    return;
  }
  if (error instanceof ApiError) {
    sendJson(res, error.status, error, error.headers);
    return;
  }
  console.error("twilio-serverless-emulator: internal error:", error);
  sendJson(
    res,
    500,
    new ApiError(500, 20500, `Internal server error: ${error instanceof Error ? error.message : String(error)}`),
  );
}

export class RequestHandler {
  private readonly router = new Router<ApiHandler>();
  private readonly faults: FaultInjector;
  private readonly holds = new Holds();

  constructor(private readonly core: EmulatorCore) {
    registerApi(this.router);
    this.faults = new FaultInjector(core.options.faultRate, core.options.seed);
  }

  /** Every "METHOD template" the API serves. */
  operations(): string[] {
    return this.router.operations();
  }

  handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (log.enabled) {
      const started = Date.now();
      const path = (req.url ?? "/").split("?")[0];
      res.once("close", () =>
        log(
          "%s %s %s %d ms",
          req.method,
          path,
          res.writableFinished ? res.statusCode : "dropped",
          Date.now() - started,
        ),
      );
    }
    this.dispatch(req, res).catch((error: unknown) => sendError(res, error));
  };

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    if (url.pathname === "/_emulator/clock" && (req.method === "GET" || req.method === "POST")) {
      sendJson(res, 200, await clockRequest(this.core, req));
      return;
    }
    if (url.pathname.startsWith("/_emulator/")) {
      this.control(req, res, url);
      return;
    }
    const target = domainTarget(
      req.headers.host,
      url.pathname,
      (domain) => !!findEnvironmentByDomain(this.core.store, domain),
    );
    if (target) {
      await serveDomain(this.core, req, res, target, url.search.slice(1));
      return;
    }
    await this.api(req, res, url);
  }

  private control(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const { stats } = this.core;
    const path = url.pathname;
    if (req.method === "GET" && path === "/_emulator/stats") sendJson(res, 200, stats);
    else if (req.method === "POST" && path === "/_emulator/reset") {
      stats.reset();
      sendJson(res, 200, stats);
    } else if (req.method === "GET" && path === "/_emulator/health") sendJson(res, 200, { status: "ok" });
    else if (req.method === "POST" && path === "/_emulator/hold" && url.searchParams.get("route")) {
      this.holds.hold(url.searchParams.get("route")!);
      sendJson(res, 200, { held: this.holds.list(), waiting: this.holds.waitingCount() });
    } else if (req.method === "GET" && path === "/_emulator/hold")
      sendJson(res, 200, { held: this.holds.list(), waiting: this.holds.waitingCount() });
    else if (req.method === "POST" && path === "/_emulator/fault" && url.searchParams.get("route")) {
      const fault = (url.searchParams.get("fault") ?? "drop-after") as Fault;
      if (!FAULTS.includes(fault))
        sendError(res, new ApiError(400, 20001, `fault must be one of ${FAULTS.join(", ")}`));
      else {
        this.faults.plan(url.searchParams.get("route")!, fault);
        sendJson(res, 200, { route: url.searchParams.get("route"), fault });
      }
    } else if (req.method === "POST" && path === "/_emulator/release") {
      this.holds.releaseAll();
      sendJson(res, 200, { held: [] });
    } else sendError(res, notFound(path));
  }

  private async api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const { options, stats } = this.core;
    const method = (req.method ?? "GET").toUpperCase();
    const route = this.router.match(method, url.pathname);
    // Counted on arrival, before anything can refuse it; the status once the connection is done.
    const operation = `${method} ${route.kind === "found" ? route.match.template : url.pathname}`;
    stats.countCall(operation);
    res.once("close", () => stats.countResponse(operation, res.writableFinished ? res.statusCode : "dropped"));
    // Unreferenced: a request waiting out its latency does not keep a stopped emulator's process alive.
    if (options.latencyMs > 0) await sleep(options.latencyMs, undefined, { ref: false });
    const accountSid = authenticate(req.headers.authorization, options.credentials);
    let path: string;
    try {
      path = decodeURI(url.pathname);
    } catch {
      throw notFound(url.pathname);
    }
    if (route.kind === "not-found") throw notFound(path);
    if (route.kind === "method-not-allowed") throw methodNotAllowed(method, path);
    const { handler, template, params } = route.match;
    if (!(await this.holds.pass(`${method} ${template}`, req))) return;

    const fault = this.faults.next(`${method} ${template}`);
    if (fault !== "none") stats.countFault(fault);
    if (fault === "drop-before") {
      req.socket.destroy();
      return;
    }
    if (fault === "error-500") throw new ApiError(500, 20500, "Internal server error (fault injected by the emulator)");
    if (fault === "throttle-429") throw tooManyRequests("Too many requests (fault injected by the emulator)");

    // Real time passing counts too: what retention deleted is gone before the request sees it.
    await this.core.retention.runIfDue();
    let form: Promise<FormParams> | undefined;
    const ctx: ApiContext = {
      core: this.core,
      req,
      method,
      path,
      query: url.searchParams,
      params,
      baseUrl: `http://${req.headers.host ?? `${options.host}:${options.port}`}`,
      accountSid,
      form: () =>
        (form ??= readBody(req, options.limits.formBodyBytes, "Form body").then((body) => FormParams.parse(body))),
    };
    let result: { status: number; body?: unknown } | undefined;
    let failure: unknown;
    try {
      result = await handler(ctx);
    } catch (error) {
      failure = error;
    }
    if (fault === "drop-after") {
      // Applied, but the answer is lost.
      req.socket.destroy();
      return;
    }
    if (result) sendJson(res, result.status, result.body);
    else sendError(res, failure);
  }
}
