/**
 * The default cap on one response body, MiB, on each side (on the wire, and inflated): a full
 * page of the demo fleet (at the server's page cap) is about 85 KB, so 32 leaves wide room for
 * fat metadata, and still keeps a bomb or an endless body far under the 300 MB a monitor may hold
 * (docs/benchmarks.md, "Bounded bodies"). --max-body-mib (options.ts) raises it; api/body.ts
 * applies it. Apart from body.ts so that reading flags loads no stream or zlib code.
 */
export const DEFAULT_MAX_BODY_MIB = 32;
