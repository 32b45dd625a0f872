/**
 * Test tooling: API requests of chosen routes wait (after being counted, before anything is
 * applied) until released, so a test can act at an exact point of a client's run, e.g. kill
 * `pulumi up` while its Deployment request is in flight. A request whose client went away
 * while held is dropped unapplied.
 */
import type { IncomingMessage } from "node:http";

export class Holds {
  private readonly routes = new Set<string>();
  private waiting: (() => void)[] = [];

  hold(route: string): void {
    this.routes.add(route);
  }

  /** Lets every held request go on, and holds nothing more. */
  releaseAll(): void {
    this.routes.clear();
    const waiting = this.waiting;
    this.waiting = [];
    waiting.forEach((resume) => resume());
  }

  list(): string[] {
    return [...this.routes];
  }

  /** Resolves at once for routes not held; otherwise on release. False when the client left meanwhile. */
  async pass(route: string, req: IncomingMessage): Promise<boolean> {
    if (!this.routes.has(route)) return true;
    await new Promise<void>((resume) => this.waiting.push(resume));
    return !req.socket.destroyed;
  }
}
