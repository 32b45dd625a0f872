/**
 * Running one task per file and reporting every failure at once: the tasks all run to their
 * end (none is left half-done by an early throw), then one error names each file that failed.
 * FileSet (uploads, deletes) and FileCleanup (deletes) share it.
 */

/** How many failed files an error lists before it only counts the rest. */
const FAILURES_LISTED = 5;

/**
 * Runs `task` for every item; after all have ended, throws one error ("<what> failed for 2 of
 * 5 files<hint>:" and a line per failure, named by `describe`) when any failed.
 */
export async function forEachSettled<T>(
  items: readonly T[],
  describe: (item: T) => string,
  what: string,
  task: (item: T) => Promise<void>,
  hint = "",
): Promise<void> {
  const results = await Promise.allSettled(items.map(task));
  const failed = results.flatMap((result, index) =>
    result.status === "rejected"
      ? [`${describe(items[index])}: ${result.reason instanceof Error ? result.reason.message : String(result.reason)}`]
      : [],
  );
  if (failed.length === 0) return;
  const more = failed.length > FAILURES_LISTED ? `\n(and ${failed.length - FAILURES_LISTED} more)` : "";
  throw new Error(
    `${what} failed for ${failed.length} of ${items.length} files${hint}:\n${failed.slice(0, FAILURES_LISTED).join("\n")}${more}`,
  );
}
