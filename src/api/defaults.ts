/**
 * The API client's defaults, each written once: the flags' defaults (config/flags.ts), `--help`
 * (config/help-text.ts) and the client (api/client.ts, api/body.ts) read them here. Kept apart from the client so that
 * reading flags loads no network, stream or zlib code.
 */

/** Where the Letta API is (reference: letta-environments-api.md, "Auth, base URL, credentials"). */
export const DEFAULT_BASE_URL = 'https://api.letta.com';

/** How long one request may take, ms (`--timeout`). */
export const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * The cap on one response body, MiB, on each side (on the wire, and inflated; `--max-body-mib`):
 * a full page of the demo fleet (at the server's page cap) is about 85 KB, so 32 leaves wide room
 * for fat metadata, and still keeps a bomb or an endless body far under the 300 MB a monitor may
 * hold (docs/benchmarks.md, "Bounded bodies").
 */
export const DEFAULT_MAX_BODY_MIB = 32;
