/**
 * How the logs command prints an entry: `time level /path message` (color only on a terminal),
 * or one JSON object per line. A message of several lines keeps them, indented under its entry.
 */
import type { LogEntry } from "../logs/read-logs";

const COLORS: Record<string, string> = { info: "\x1b[36m", warn: "\x1b[33m", error: "\x1b[31m" };
const DIM = "\x1b[2m";
const RESET = "\x1b[0m";

export function formatEntry(entry: LogEntry, options: { json: boolean; color: boolean }): string {
  if (options.json) {
    return JSON.stringify({
      time: entry.time.toISOString(),
      level: entry.level,
      functionPath: entry.functionPath ?? null,
      message: entry.message,
      functionSid: entry.functionSid ?? null,
      requestSid: entry.requestSid ?? null,
      buildSid: entry.buildSid ?? null,
      sid: entry.sid,
    });
  }
  const level = entry.level.toUpperCase().padEnd(5);
  const where = entry.functionPath ?? entry.functionSid ?? "-";
  const message = entry.message.replace(/\r?\n/g, "\n    ");
  const time = entry.time.toISOString();
  if (!options.color) return `${time} ${level} ${where} ${message}`;
  const color = COLORS[entry.level] ?? "";
  return `${DIM}${time}${RESET} ${color}${level}${RESET} ${where} ${message}`;
}

/** Color on a terminal only, and never when NO_COLOR is set (https://no-color.org). */
export function wantsColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && !env.NO_COLOR;
}
