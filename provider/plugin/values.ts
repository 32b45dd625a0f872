/**
 * Property values between the engine and the operations. The engine sends secrets wrapped
 * (the plugin accepts secrets, so a Variable's value is secret in state even when imported); the
 * operations see plain values, and the fields that came in secret, or that the schema declares
 * secret, go back wrapped.
 */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

type Props = Record<string, unknown>;

function isSecretValue(value: unknown): value is { value: unknown } {
  return typeof value === "object" && value !== null && (value as Props)[SIG_KEY] === SECRET_SIG;
}

function unwrap(value: unknown): { value: unknown; secret: boolean } {
  if (isSecretValue(value)) return { value: unwrap(value.value).value, secret: true };
  if (Array.isArray(value)) {
    const items = value.map(unwrap);
    return { value: items.map((item) => item.value), secret: items.some((item) => item.secret) };
  }
  if (typeof value === "object" && value !== null) {
    let secret = false;
    const plain: Props = {};
    for (const [key, inner] of Object.entries(value)) {
      const item = unwrap(inner);
      plain[key] = item.value;
      secret ||= item.secret;
    }
    return { value: plain, secret };
  }
  return { value, secret: false };
}

/** The plain properties and the top-level keys that held a secret anywhere inside. */
export function unwrapSecrets(props: Props | undefined): { plain: Props; secretKeys: Set<string> } {
  const plain: Props = {};
  const secretKeys = new Set<string>();
  for (const [key, value] of Object.entries(props ?? {})) {
    const item = unwrap(value);
    plain[key] = item.value;
    if (item.secret) secretKeys.add(key);
  }
  return { plain, secretKeys };
}

/** The properties with the given keys wrapped as secrets (undefined values dropped: the wire has no undefined). */
export function wrapSecrets(props: Props, secretKeys: Iterable<string>): Props {
  const wrapped: Props = {};
  for (const [key, value] of Object.entries(props)) if (value !== undefined) wrapped[key] = value;
  for (const key of secretKeys) {
    if (wrapped[key] !== undefined) wrapped[key] = { [SIG_KEY]: SECRET_SIG, value: wrapped[key] };
  }
  return wrapped;
}
