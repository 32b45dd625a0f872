/**
 * Streams a multipart version upload (fields `Path`, `Visibility`, file part `Content`) into
 * the content store with busboy, enforcing the size limit while the bytes arrive: nothing
 * over the limit is buffered or kept.
 */
import busboy from "busboy";
import type { IncomingMessage } from "node:http";
import { Transform, type TransformCallback } from "node:stream";
import { ApiError, invalidParameter, tooLarge } from "./errors";
import type { ContentStore, StoredContent } from "../store/content";

export interface UploadedFile extends StoredContent {
  filename: string;
  contentType: string;
}

export interface Upload {
  fields: Map<string, string>;
  file?: UploadedFile;
}

/** Passes bytes through until `limit()` is exceeded, then fails with a 413. */
class ByteLimit extends Transform {
  private size = 0;

  constructor(
    private readonly limit: () => number,
    private readonly describe: () => string,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    const limit = this.limit();
    if (this.size > limit) callback(tooLarge(`${this.describe()} is larger than the limit of ${limit} bytes`));
    else callback(null, chunk);
  }
}

export interface UploadLimits {
  /** The limit for the fields seen so far (Visibility decides it). */
  maxBytes(fields: Map<string, string>): number;
  /** The largest limit any upload can have; busboy discards anything beyond it. */
  ceiling: number;
  describe(fields: Map<string, string>): string;
}

export function readUpload(req: IncomingMessage, content: ContentStore, limits: UploadLimits): Promise<Upload> {
  const type = req.headers["content-type"] ?? "";
  if (!/^multipart\/form-data/i.test(type)) {
    return Promise.reject(
      invalidParameter(
        "Version uploads must be multipart/form-data with the fields Path and Visibility and a file part Content",
      ),
    );
  }
  return new Promise<Upload>((resolve, reject) => {
    const fields = new Map<string, string>();
    let ingest: Promise<UploadedFile> | undefined;
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fileSize: limits.ceiling + 1, fieldSize: 64 * 1024, parts: 100 },
      });
    } catch (error) {
      reject(invalidParameter(`Invalid multipart body: ${(error as Error).message}`));
      return;
    }
    parser.on("field", (name, value) => fields.set(name, value));
    parser.on("file", (name, stream, info) => {
      // A body cut short destroys the file stream with an error; the parser's own error answers
      // 400, so here it only has to be handled (unhandled, it would end the process).
      if (name !== "Content" || ingest) {
        stream.on("error", () => undefined);
        stream.resume();
        return;
      }
      const byteLimit = new ByteLimit(
        () => limits.maxBytes(fields),
        () => limits.describe(fields),
      );
      stream.on("error", (error) => byteLimit.destroy(error));
      byteLimit.on("error", () => {
        // Keep parsing (and discarding) so the client can finish sending and read the 413.
        stream.unpipe(byteLimit);
        stream.resume();
      });
      const stored = content.ingest(stream.pipe(byteLimit));
      ingest = stored.then((result) => ({ ...result, filename: info.filename ?? "", contentType: info.mimeType }));
      ingest.catch(() => undefined);
    });
    parser.on("error", (error: Error) => {
      req.unpipe(parser);
      req.resume();
      reject(invalidParameter(`Invalid multipart body: ${error.message}`));
    });
    parser.on("close", () => {
      if (!ingest) {
        resolve({ fields });
        return;
      }
      ingest.then(
        (file) => {
          const limit = limits.maxBytes(fields);
          if (file.size > limit)
            reject(tooLarge(`${limits.describe(fields)} is larger than the limit of ${limit} bytes`));
          else resolve({ fields, file });
        },
        (error: unknown) =>
          reject(error instanceof ApiError ? error : new Error(`storing the upload failed: ${String(error)}`)),
      );
    });
    req.on("error", reject);
    req.pipe(parser);
  });
}
