/**
 * While the detail pane is open, refreshes its device with
 * GET /v1/environments/{deviceId} on the poll interval, so the pane shows the
 * freshest record even on a large fleet whose full pass takes a while.
 */
import {useEffect, useState} from 'react';
import type {LettaClient} from '../../api/client.js';
import {asApiError} from '../../api/errors.js';
import {parseConnection} from '../../api/parse.js';
import type {Connection} from '../../api/connection.js';

export type DeviceRecord = {connection: Connection | null; refreshedAt: number | null; error: string | null};

export function useDeviceRecord(client: LettaClient, deviceId: string | null, intervalMs: number): DeviceRecord {
	const [record, setRecord] = useState<DeviceRecord>({connection: null, refreshedAt: null, error: null});

	useEffect(() => {
		setRecord({connection: null, refreshedAt: null, error: null});
		if (deviceId === null) {
			return;
		}

		const controller = new AbortController();
		let timer: NodeJS.Timeout | undefined;
		const refresh = async () => {
			try {
				const response = await client.getEnvironment(deviceId, controller.signal);
				setRecord({connection: parseConnection(response.body), refreshedAt: response.receivedAt, error: null});
			} catch (error) {
				if (!controller.signal.aborted) {
					setRecord(previous => ({...previous, error: asApiError(error).describe()}));
				}
			}

			if (!controller.signal.aborted) {
				timer = setTimeout(() => void refresh(), intervalMs);
			}
		};

		void refresh();
		return () => {
			controller.abort();
			clearTimeout(timer);
		};
	}, [client, deviceId, intervalMs]);

	return record;
}
