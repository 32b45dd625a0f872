/**
 * The emulator's clock: real time plus an offset that tests move forward (never back), so a
 * test can see what Twilio does a week later in a second. Every timestamp the API writes and
 * every rule that uses time (retention, build timing, builds per hour) reads this clock.
 */
export class Clock {
  constructor(
    private offsetMs = 0,
    /** Called with the new offset after each advance, to make it durable. */
    private readonly persist: (offsetMs: number) => void = () => undefined,
  ) {}

  /** Milliseconds since the epoch, as the emulator sees it. */
  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  get offset(): number {
    return this.offsetMs;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`the clock only moves forward: got ${ms} ms`);
    this.offsetMs += ms;
    this.persist(this.offsetMs);
  }
}
