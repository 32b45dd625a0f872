/**
 * The emulator's clock: real time plus an offset that tests move forward (never back), so a
 * test can see what Twilio does a week later in a second. Every timestamp the API writes and
 * every rule that uses time (retention, build timing, builds per hour) reads this clock.
 * Real time is read through the `Date.now` there was when the clock was made: a process that
 * stubs `Date.now` (a test moving the provider's clock beside an in-process emulator) does not
 * move the emulator's; `advance` (`POST /_emulator/clock`) does.
 */
export class Clock {
  constructor(
    private offsetMs = 0,
    /** Called with the new offset after each advance, to make it durable. */
    private readonly persist: (offsetMs: number) => void = () => undefined,
    private readonly realNow: () => number = Date.now,
  ) {}

  /** Milliseconds since the epoch, as the emulator sees it. */
  nowMs(): number {
    return this.realNow() + this.offsetMs;
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
