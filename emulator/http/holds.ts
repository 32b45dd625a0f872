/**
 * Test tooling: API requests of chosen routes wait (after being counted, before anything is
 * applied) until released, so a test can act at an exact point of a client's run, e.g. kill
 * `pulumi up` while its Deployment request is in flight. A request whose client went away
 * while held is dropped unapplied.
 */
import type { IncomingMessage } from "node:http";

export class Holds {
  private readonly routes = new Set<string>();
  private waiting = new Set<() => void>();

  hold(route: string): void {
    this.routes.add(route);
  }

  /** Lets every held request go on, and holds nothing more. */
  releaseAll(): void {
    this.routes.clear();
    const waiting = [...this.waiting];
    this.waiting.clear();
    waiting.forEach((resume) => resume());
  }

  list(): string[] {
    return [...this.routes];
  }

  /** How many requests wait now (one whose client left no longer does). */
  waitingCount(): number {
    return this.waiting.size;
  }

  /** Resolves at once for routes not held; otherwise on release (true) or when the client leaves (false). */
  async pass(route: string, req: IncomingMessage): Promise<boolean> {
    if (!this.routes.has(route)) return true;
    if (req.socket.destroyed) return false;
    return new Promise<boolean>((settle) => {
      const resume = () => {
        req.socket.off("close", leave);
        settle(true);
      };
      const leave = () => {
        this.waiting.delete(resume);
        settle(false);
      };
      this.waiting.add(resume);
      req.socket.once("close", leave);
    });
  }
}
