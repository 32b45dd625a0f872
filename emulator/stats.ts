/** What /_emulator/stats reports: API calls by "METHOD template", bytes uploaded, faults injected. */
export class Stats {
  private calls: Record<string, number> = {};
  private bytesUploaded = 0;
  private faults: Record<string, number> = {};

  countCall(operation: string): void {
    this.calls[operation] = (this.calls[operation] ?? 0) + 1;
  }

  countUpload(bytes: number): void {
    this.bytesUploaded += bytes;
  }

  countFault(kind: string): void {
    this.faults[kind] = (this.faults[kind] ?? 0) + 1;
  }

  reset(): void {
    this.calls = {};
    this.bytesUploaded = 0;
    this.faults = {};
  }

  toJSON(): { calls: Record<string, number>; total_calls: number; bytes_uploaded: number; faults: Record<string, number> } {
    const totalCalls = Object.values(this.calls).reduce((sum, count) => sum + count, 0);
    return { calls: { ...this.calls }, total_calls: totalCalls, bytes_uploaded: this.bytesUploaded, faults: { ...this.faults } };
  }
}
