import type { IncomingMessage } from "node:http";
import { tooLarge } from "./errors";

/**
 * Reads a request body up to `maxBytes`. Past the limit the rest is drained (so the client,
 * still sending, can read the answer) and a 413 is thrown.
 */
export async function readBody(req: IncomingMessage, maxBytes: number, what = "Request body"): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) over = true;
    if (!over) chunks.push(chunk);
  }
  if (over) throw tooLarge(`${what} is larger than the limit of ${maxBytes} bytes`);
  return Buffer.concat(chunks);
}
