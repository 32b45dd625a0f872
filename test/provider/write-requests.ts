/**
 * "No write reached the API", read from the emulator's `/_emulator/stats` after a reset: any
 * entry for a POST or DELETE, applied or refused, whatever the shape the stats give it (a key
 * such as "POST /v1/Services", with or without a status, or an object with `method`). Reading
 * the shape loosely keeps the assertion right as the stats learn to count refused requests.
 */
export function writeRequestsIn(stats: unknown): string[] {
  const found: string[] = [];
  const visit = (node: unknown, where: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, `${where}[${index}]`));
    } else if (node !== null && typeof node === "object") {
      const record = node as Record<string, unknown>;
      if (typeof record.method === "string" && isWrite(record.method))
        found.push(`${where}: ${JSON.stringify(record)}`);
      for (const [key, value] of Object.entries(record)) {
        if (isWrite(key.split(" ")[0]) && value !== 0) found.push(`${where}.${key}: ${JSON.stringify(value)}`);
        else visit(value, `${where}.${key}`);
      }
    }
  };
  visit(stats, "stats");
  return found;
}

function isWrite(method: string): boolean {
  return /^(POST|DELETE|PUT|PATCH)$/i.test(method);
}

/** The emulator's stats since its last reset. */
export async function emulatorStats(url: string): Promise<unknown> {
  return (await fetch(`${url}/_emulator/stats`)).json();
}

export async function resetEmulatorStats(url: string): Promise<void> {
  await fetch(`${url}/_emulator/reset`, { method: "POST" });
}
