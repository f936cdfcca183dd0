/**
 * Exit statuses. A stop by signal exits 128 + the signal's number, as a shell
 * reports a program the signal killed (POSIX `$?`): SIGHUP 129, SIGINT 130,
 * SIGTERM 143. So a script can tell "the operator quit" (0) from "stopped".
 */
import {constants} from 'node:os';

/** The signals every mode stops on (src/cli.ts stopSignal). */
export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

/** 128 + the signal's number on this platform: 130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP on Linux and macOS. */
export function signalExitStatus(signal: StopSignal): number {
	return 128 + constants.signals[signal];
}
