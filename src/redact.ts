/**
 * Removes credentials from text before it goes into an error message, a log line or JSON output.
 * Covers bearer tokens, Google access (`ya29.`) and refresh (`1//`) tokens, `access_token=` style
 * values (query strings, form bodies and JSON), `Authorization` headers and the signature of
 * signed URLs (`X-Goog-Signature`, `Signature`, `sig`), plus the exact secrets this process has
 * handled ({@link rememberSecret}): a static token need not look like a Google one.
 * @module
 */

const MASK = "[REDACTED]";

/** Each pattern keeps its first group (the name) and masks what follows. */
const PATTERNS: readonly RegExp[] = [
  // `Authorization: Bearer x`, `authorization=...`, `"authorization": "..."`: the whole value goes.
  // A colon counts only as a separator (space after it, a quoted key, or a scheme next), so the
  // method name `authorization:reset` stays readable.
  /(\bauthorization(?:["']?\s*=\s*|["']\s*:\s*|\s*:\s+|:(?=(?:bearer|basic)\b))["']?)(?:[A-Za-z]+\s+)?[^\s"',;}]+/gi,
  // `Bearer <token>` anywhere else (e.g. quoted inside a server message).
  /(\bbearer\s+)[A-Za-z0-9._~+/=-]+/gi,
  // Token-bearing keys in query strings, form bodies and JSON.
  /(\b(?:access_token|refresh_token|id_token|client_secret|oauth_token)["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi,
  // Signed URL signatures.
  /([?&;](?:x-goog-signature|x-amz-signature|signature|sig)=)[^&#\s"']+/gi,
];

/** Bare Google tokens that may appear without any key next to them. */
const BARE_TOKENS: readonly RegExp[] = [
  /\bya29\.[A-Za-z0-9._-]+/g,
  /(?<![A-Za-z0-9/:])1\/\/[A-Za-z0-9._-]{8,}/g,
];

/** Shorter values would mask ordinary words; no real credential is this short. */
const MIN_SECRET_LENGTH = 8;
/** Bounds memory for a long-lived process that sees many refreshed tokens; oldest go first. */
const MAX_SECRETS = 256;
const secrets = new Set<string>();

/**
 * Remembers a credential (an access or refresh token, a client secret) so that {@link redact}
 * masks it wherever it appears, whatever its shape. Values shorter than 8 characters are ignored.
 */
export function rememberSecret(value: string | null | undefined): void {
  const secret = value?.trim();
  if (!secret || secret.length < MIN_SECRET_LENGTH || secrets.has(secret)) {
    return;
  }
  secrets.add(secret);
  if (secrets.size > MAX_SECRETS) {
    const oldest = secrets.values().next().value;
    if (oldest !== undefined) {
      secrets.delete(oldest);
    }
  }
}

/** Masks only the remembered secrets: for output that must keep signed URLs usable. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret)) {
      out = out.split(secret).join(MASK);
    }
  }
  return out;
}

/** Returns `text` with every token, Authorization value and URL signature replaced by `[REDACTED]`. */
export function redact(text: string): string {
  let out = redactSecrets(text);
  for (const pattern of PATTERNS) {
    out = out.replace(pattern, `$1${MASK}`);
  }
  for (const pattern of BARE_TOKENS) {
    out = out.replace(pattern, MASK);
  }
  return out;
}

const MAX_CAUSE_DEPTH = 8;

function redactProperty(value: unknown, depth: number): unknown {
  if (typeof value === "string") {
    return redact(value);
  }
  return typeof value === "object" && value !== null ? redactCause(value, depth + 1) : value;
}

/**
 * A copy of `cause` that is safe to keep on an error: strings are redacted, Errors are copied
 * with the same prototype, redacted `message`/`stack`/own properties and a redacted cause chain.
 * A `DataPortabilityError` was redacted when it was built and passes unchanged.
 */
export function redactCause(cause: unknown, depth = 0): unknown {
  if (typeof cause === "string") {
    return redact(cause);
  }
  if (typeof cause !== "object" || cause === null) {
    return cause;
  }
  if (depth >= MAX_CAUSE_DEPTH) {
    return "[cause chain truncated]";
  }
  if (cause instanceof Error && cause.name === "DataPortabilityError") {
    return cause;
  }
  if (cause instanceof Error) {
    // DOMException's accessors reject copies; such errors become plain Errors of the same name.
    const proto = cause instanceof DOMException ? Error.prototype : Object.getPrototypeOf(cause);
    const copy = Object.create(proto) as Error;
    const hidden = { writable: true, configurable: true, enumerable: false };
    Object.defineProperty(copy, "name", { ...hidden, value: cause.name });
    Object.defineProperty(copy, "message", { ...hidden, value: redact(cause.message) });
    Object.defineProperty(copy, "stack", { ...hidden, value: redact(cause.stack ?? "") });
    for (const [key, value] of Object.entries(cause)) {
      (copy as unknown as Record<string, unknown>)[key] = redactProperty(value, depth);
    }
    if ("cause" in cause) {
      Object.defineProperty(copy, "cause", {
        ...hidden,
        value: redactCause(cause.cause, depth + 1),
      });
    }
    return copy;
  }
  try {
    return JSON.parse(redact(JSON.stringify(cause)));
  } catch {
    return "[unserialisable cause]";
  }
}
