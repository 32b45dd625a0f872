/**
 * Routes by method and Twilio's path templates ("/v1/Services/{ServiceSid}/Functions"); the
 * template is also the key under which /_emulator/stats counts calls.
 */
export interface RouteMatch<H> {
  handler: H;
  template: string;
  params: Record<string, string>;
}

export type RouteResult<H> =
  { kind: "found"; match: RouteMatch<H> } | { kind: "method-not-allowed"; template: string } | { kind: "not-found" };

interface Route<H> {
  method: string;
  template: string;
  pattern: RegExp;
  names: string[];
  handler: H;
}

export class Router<H> {
  private readonly routes: Route<H>[] = [];

  add(method: string, template: string, handler: H): void {
    const names: string[] = [];
    const source = template.replace(/\{(\w+)\}|[^{}]+/g, (part, name: string | undefined) => {
      if (name) {
        names.push(name);
        return "([^/]+)";
      }
      return part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
    });
    this.routes.push({ method: method.toUpperCase(), template, pattern: new RegExp(`^${source}/?$`), names, handler });
  }

  /** The operations served, as "METHOD template". */
  operations(): string[] {
    return this.routes.map((route) => `${route.method} ${route.template}`);
  }

  match(method: string, path: string): RouteResult<H> {
    let pathTemplate: string | undefined;
    for (const route of this.routes) {
      const found = route.pattern.exec(path);
      if (!found) continue;
      if (route.method !== method.toUpperCase()) {
        pathTemplate ??= route.template;
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, index) => {
        params[name] = decodeURIComponent(found[index + 1]);
      });
      return { kind: "found", match: { handler: route.handler, template: route.template, params } };
    }
    return pathTemplate ? { kind: "method-not-allowed", template: pathTemplate } : { kind: "not-found" };
  }
}
