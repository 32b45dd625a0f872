/**
 * What /_emulator/stats reports. `calls` counts every API request by "METHOD template" when it
 * arrives, refused ones included (bad credentials, unknown route, injected fault), so "no write
 * reached the API" is checkable; `responses` splits them by the status answered ("dropped" when
 * the connection closed without an answer). Unrouted requests count under their literal path.
 */
export type ResponseStatus = number | "dropped";

export interface StatsJson {
  calls: Record<string, number>;
  total_calls: number;
  responses: Record<string, Record<string, number>>;
  bytes_uploaded: number;
  faults: Record<string, number>;
}

export class Stats {
  private calls: Record<string, number> = {};
  private responses: Record<string, Record<string, number>> = {};
  private bytesUploaded = 0;
  private faults: Record<string, number> = {};

  countCall(operation: string): void {
    this.calls[operation] = (this.calls[operation] ?? 0) + 1;
  }

  countResponse(operation: string, status: ResponseStatus): void {
    const byStatus = (this.responses[operation] ??= {});
    byStatus[status] = (byStatus[status] ?? 0) + 1;
  }

  countUpload(bytes: number): void {
    this.bytesUploaded += bytes;
  }

  countFault(kind: string): void {
    this.faults[kind] = (this.faults[kind] ?? 0) + 1;
  }

  reset(): void {
    this.calls = {};
    this.responses = {};
    this.bytesUploaded = 0;
    this.faults = {};
  }

  toJSON(): StatsJson {
    const totalCalls = Object.values(this.calls).reduce((sum, count) => sum + count, 0);
    const responses = Object.fromEntries(
      Object.entries(this.responses).map(([operation, byStatus]) => [operation, { ...byStatus }]),
    );
    return {
      calls: { ...this.calls },
      total_calls: totalCalls,
      responses,
      bytes_uploaded: this.bytesUploaded,
      faults: { ...this.faults },
    };
  }
}
