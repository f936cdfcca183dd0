/**
 * `--listen HOST:PORT`, the exporter's address. The default port, 10123, is outside the
 * 9100-9999 range Prometheus's "Default port allocations" wiki page hands out to exporters,
 * which has been fully allocated since 2023 (new exporters are listed above 10000): any port in
 * that range is some exporter's (node_exporter's 9100 and the like). 10123 has not been checked
 * against the list above 10000; it should be registered there before a release.
 * The default host is loopback: the metrics name every listener of an organization, so
 * serving them beyond this machine is a choice a person makes (`--listen 0.0.0.0:10123`).
 */
import type {Kind} from './flag-kinds.js';
import {UsageError} from './usage-error.js';

export type ListenAddress = {host: string; port: number};

export const DEFAULT_EXPORTER_PORT = 10_123;

/** `127.0.0.1:10123`, `[::1]:10123`, `0.0.0.0:0` (port 0: any free port) → host and port. */
export function parseListenAddress(text: string, label = '--listen'): ListenAddress {
	const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(text.trim());
	const port = match ? Number(match[3]) : Number.NaN;
	if (!match || port > 65_535) {
		throw new UsageError(
			`${label} takes HOST:PORT (like 127.0.0.1:${DEFAULT_EXPORTER_PORT}, or [::1]:${DEFAULT_EXPORTER_PORT}), got ${JSON.stringify(text)}`,
		);
	}

	return {host: match[1] ?? match[2]!, port};
}

export function showListenAddress({host, port}: ListenAddress): string {
	return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** The flag's kind for flags.ts's FLAGS table. */
export function listenAddress(): Kind<ListenAddress> {
	const fallback = {host: '127.0.0.1', port: DEFAULT_EXPORTER_PORT};
	return {
		type: 'string',
		multiple: false,
		valueName: 'HOST:PORT',
		default: fallback,
		facts: {default: showListenAddress(fallback)},
		parse: (raw, label) => parseListenAddress(String(raw), label),
		show: showListenAddress,
	};
}
