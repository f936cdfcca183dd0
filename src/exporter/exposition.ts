/**
 * The families (families.ts) in Prometheus's text format, or OpenMetrics when the scraper asks
 * for it, written by prom-client. Each format gets its own registry and metric objects:
 * prom-client renames a counter in place when an OpenMetrics registry renders it, so a shared
 * counter would lose its `_total` in the other format. Every metric reads the current samples
 * when scraped (`collect`), so nothing is kept twice.
 */
import {Counter, Gauge, Registry, type RegistryContentType} from 'prom-client';
import {FAMILIES, type FamilyKey, type Sample} from './families.js';

export type Exposition = {
	/** The body and Content-Type for a request's Accept header (undefined: the text format). */
	render(accept: string | undefined): Promise<{contentType: string; body: string}>;
};

const OPENMETRICS = 'application/openmetrics-text';

/** `read` is called once per scrape and gives every family's samples. */
export function createExposition(read: () => Record<FamilyKey, Sample[]>): Exposition {
	const text = registryFor(Registry.PROMETHEUS_CONTENT_TYPE, read);
	const openMetrics = registryFor(Registry.OPENMETRICS_CONTENT_TYPE, read);
	return {
		async render(accept) {
			const registry = wantsOpenMetrics(accept) ? openMetrics : text;
			return {contentType: registry.contentType, body: await registry.metrics()};
		},
	};
}

/**
 * Whether an Accept header prefers OpenMetrics (Prometheus sends
 * `application/openmetrics-text;version=1.0.0;q=0.5,...;text/plain;version=0.0.4;q=0.2,*\/*;q=0.1`):
 * it is listed with a q above 0 and at least the text format's.
 */
export function wantsOpenMetrics(accept: string | undefined): boolean {
	if (!accept) return false;
	let openMetricsQ = -1;
	let textQ = -1;
	for (const part of accept.split(',')) {
		const [type = '', ...parameters] = part.split(';').map(piece => piece.trim().toLowerCase());
		const q = Number(parameters.find(parameter => parameter.startsWith('q='))?.slice(2) ?? '1');
		const weight = Number.isFinite(q) ? q : 0;
		if (type === OPENMETRICS) openMetricsQ = Math.max(openMetricsQ, weight);
		else if (type === 'text/plain') textQ = Math.max(textQ, weight);
	}

	return openMetricsQ > 0 && openMetricsQ >= textQ;
}

function registryFor(contentType: RegistryContentType, read: () => Record<FamilyKey, Sample[]>): Registry<RegistryContentType> {
	const registry = new Registry<RegistryContentType>();
	registry.setContentType(contentType);
	// One read per scrape, shared by every family of that scrape, so they agree with each other.
	let current: Record<FamilyKey, Sample[]> | undefined;
	let first: FamilyKey | undefined;
	for (const key of Object.keys(FAMILIES) as FamilyKey[]) {
		first ??= key;
		const spec = FAMILIES[key];
		const configuration = {
			name: spec.name,
			help: spec.help,
			labelNames: [...spec.labelNames],
			registers: [registry],
			collect(this: Gauge | Counter) {
				if (key === first || !current) current = read();
				this.reset();
				for (const sample of current[key]) {
					if (spec.type === 'counter') (this as Counter).inc(sample.labels, sample.value);
					else (this as Gauge).set(sample.labels, sample.value);
				}
			},
		};
		// The metric registers itself in `registry` (configuration.registers).
		if (spec.type === 'counter') new Counter(configuration);
		else new Gauge(configuration);
	}

	return registry;
}
