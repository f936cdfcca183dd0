/**
 * The families (families.ts) in Prometheus's text format, or OpenMetrics when the scraper asks
 * for it, written by prom-client. Each format gets its own registry and metric objects:
 * prom-client renames a counter in place when an OpenMetrics registry renders it, so a shared
 * counter would lose its `_total` in the other format.
 *
 * Rendered at most once per poll and format: the first scrape after `refresh()` reads the
 * samples (once, for both formats) and renders; every other scrape until the next `refresh()`,
 * concurrent ones included, is served that same body. 100 parallel scrapes of a 1 000-listener
 * fleet once rendered 100 times and held /healthz for seconds (issue 17).
 */
import {Counter, Gauge, Registry, type RegistryContentType} from 'prom-client';
import {FAMILIES, type FamilyKey, type Sample} from './families.js';

/**
 * A rendered exposition: the body, as text and as the UTF-8 bytes every scrape is sent (encoded once), and its
 * Content-Type.
 */
export type Rendered = {contentType: string; body: string; bytes: Buffer};

export type Exposition = {
	/**
	 * The body and Content-Type for a request's Accept header (undefined: the text format); rejects with prom-client's
	 * error.
	 */
	render(accept: string | undefined): Promise<Rendered>;
	/** A poll finished: the next scrape reads the samples again and renders anew. */
	refresh(): void;
	/** Renders so far, both formats together (for tests and bench/exporter-scrapes.ts). */
	renders(): number;
};

const OPENMETRICS = 'application/openmetrics-text';

/** `read` is called at most once per refresh() and gives every family's samples. */
export function createExposition(read: () => Record<FamilyKey, Sample[]>): Exposition {
	let samples: Record<FamilyKey, Sample[]> | undefined;
	// Every family's collect runs synchronously inside registry.metrics(), so one render reads one set of samples.
	const current = () => (samples ??= read());
	const text = registryFor(Registry.PROMETHEUS_CONTENT_TYPE, current);
	const openMetrics = registryFor(Registry.OPENMETRICS_CONTENT_TYPE, current);
	const cache = new Map<Registry<RegistryContentType>, Promise<Rendered>>();
	let renders = 0;
	return {
		render(accept) {
			const registry = wantsOpenMetrics(accept) ? openMetrics : text;
			const cached = cache.get(registry);
			if (cached) return cached;
			renders++;
			const rendering = registry
				.metrics()
				.then(body => ({contentType: registry.contentType, body, bytes: Buffer.from(body)}));
			cache.set(registry, rendering);
			// A failed render is not kept: the next scrape tries again.
			rendering.catch(() => cache.get(registry) === rendering && cache.delete(registry));
			return rendering;
		},
		refresh() {
			samples = undefined;
			cache.clear();
		},
		renders: () => renders,
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

function registryFor(
	contentType: RegistryContentType,
	read: () => Record<FamilyKey, Sample[]>,
): Registry<RegistryContentType> {
	const registry = new Registry<RegistryContentType>();
	registry.setContentType(contentType);
	for (const key of Object.keys(FAMILIES) as FamilyKey[]) {
		const spec = FAMILIES[key];
		const configuration = {
			name: spec.name,
			help: spec.help,
			labelNames: [...spec.labelNames],
			registers: [registry],
			collect(this: Gauge | Counter) {
				this.reset();
				for (const sample of read()[key]) {
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
