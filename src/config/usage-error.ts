/** A bad command line or config file: the CLI prints its one-line message and exits with code 2. */
export class UsageError extends Error {}
