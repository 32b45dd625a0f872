/** Twilio's form-encoded parameters: repeated keys for lists, "true"/"false" for booleans. */
import { invalidParameter } from "./errors";

export class FormParams {
  constructor(private readonly params: URLSearchParams) {}

  static parse(body: Buffer | string): FormParams {
    return new FormParams(new URLSearchParams(body.toString()));
  }

  has(name: string): boolean {
    return this.params.has(name);
  }

  /** The value of `name`, or undefined when absent; `required` turns absence into a 20001. */
  string(name: string, required: true): string;
  string(name: string, required?: false): string | undefined;
  string(name: string, required = false): string | undefined {
    const value = this.params.get(name);
    if (value === null) {
      if (required) throw invalidParameter(`Missing required parameter ${name} in the post body`);
      return undefined;
    }
    return value;
  }

  /** Every value of a repeated parameter (`FunctionVersions=ZN…&FunctionVersions=ZN…`). */
  list(name: string): string[] {
    return this.params.getAll(name);
  }

  boolean(name: string): boolean | undefined {
    const value = this.params.get(name);
    if (value === null) return undefined;
    const lower = value.toLowerCase();
    if (lower === "true") return true;
    if (lower === "false") return false;
    throw invalidParameter(`Invalid parameter ${name}: expected true or false, got "${value}"`);
  }
}
