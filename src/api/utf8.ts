/**
 * The one UTF-8 decoder of response bodies: invalid sequences become U+FFFD, and a leading
 * byte-order mark is dropped, as got's 'text' did. The client decodes a whole body with it and the
 * page reader a record at a time (api/page-reader.ts); a record starts and ends at an ASCII byte,
 * so either way a record decodes to the same text.
 */
export const UTF8 = new TextDecoder();
