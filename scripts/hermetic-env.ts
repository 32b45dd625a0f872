/**
 * The one place that decides what the demo and the tests take from the user's shell: nothing
 * named TWILIO_* or PULUMI_*. A Twilio developer's shell holds real credentials, an API key, a
 * region, a Pulumi backend and access token; the demo and the tests make their own (the
 * emulator's test pair, a file backend), so none of those may reach an emulator or a Pulumi run.
 */

/** Names the demo and the tests never take from the caller's environment. */
export function isShellOwned(name: string): boolean {
  return name.startsWith("TWILIO_") || name.startsWith("PULUMI_");
}

/** A copy of `env` without any TWILIO_* or PULUMI_* variable, then `extra` on top. */
export function hermeticEnv(
  env: NodeJS.ProcessEnv = process.env,
  extra: Record<string, string> = {},
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && !isShellOwned(name)) result[name] = value;
  }
  return { ...result, ...extra };
}

/** Deletes every TWILIO_* and PULUMI_* variable from this process's environment; returns their names. */
export function scrubProcessEnv(): string[] {
  const removed = Object.keys(process.env).filter(isShellOwned);
  for (const name of removed) delete process.env[name];
  return removed;
}
