/**
 * ServerlessApp reports every mistake in its settings and folder at once, before it declares any
 * resource. A check that can find several throws InputProblems; `gather` runs the independent
 * checks and collects what each found.
 */

/** Several problems found by one check, each a whole sentence naming what the user wrote. */
export class InputProblems extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
    this.name = "InputProblems";
  }
}

/** Runs `check`; what it throws is added to `problems` (one per sentence) and undefined returned. */
export function gather<T>(problems: string[], check: () => T): T | undefined {
  try {
    return check();
  } catch (error) {
    if (error instanceof InputProblems) problems.push(...error.problems);
    else problems.push(error instanceof Error ? error.message : String(error));
    return undefined;
  }
}

/** The one message for all problems: the problem itself when there is one, else a list. */
export function describeProblems(problems: readonly string[]): string {
  if (problems.length === 1) return problems[0];
  return `${problems.length} problems, fix them all before deploying (nothing was sent to Twilio):\n${problems.map((p) => `- ${p}`).join("\n")}`;
}
