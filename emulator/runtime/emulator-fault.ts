/**
 * A failure of the emulator itself while it served a function (resolving a module, opening the
 * Build's files), not of the function's code. Its stack is the emulator's: printed on the
 * emulator's stderr, never sent to the caller, whose answer is a plain 500.
 */
export class EmulatorFault extends Error {
  constructor(doing: string, cause: unknown) {
    const said = cause instanceof Error ? cause.message : String(cause);
    super(`the emulator failed while ${doing} (a fault of the emulator, not of your code): ${said}`);
    this.name = "EmulatorFault";
    console.error(`twilio-serverless-emulator: internal error while ${doing}:`, cause);
    // What reaches the caller and the Logs: the sentence, none of the emulator's frames.
    this.stack = `${this.name}: ${this.message}`;
  }
}
