/**
 * What the bundle changes in @sindresorhus/is (got's type checks) for memory, and nothing else: an esbuild plugin.
 *
 * The module builds two `Intl.ListFormat`s when it loads, for the wording of one assertion's error message. Building
 * one loads ICU's list-format data: about 4 MB resident (measured with process.memoryUsage().rss in Node 24), held
 * for as long as the process runs, in every mode that loads got, for a message the live view never shows. Here each
 * is built when a message needs it, and says the same.
 *
 * A patch that no longer matches the module's source fails the build, so an upgrade is never silently unpatched.
 */
import {readFile} from 'node:fs/promises';

/** The two formatters as the module declares them, and what each becomes. */
const FORMATTERS = ['conjunction', 'disjunction'].map(type => {
	const options = `{ style: 'long', type: '${type}' }`;
	return {
		eager: `new Intl.ListFormat('en', ${options});`,
		lazy: `{ format: values => new Intl.ListFormat('en', ${options}).format(values) };`,
	};
});

/** The esbuild plugin. */
export const listFormatPatch = {
	name: 'list-format-patch',
	setup(build) {
		build.onLoad(
			{filter: /[\\/]node_modules[\\/]@sindresorhus[\\/]is[\\/]distribution[\\/]index\.js$/},
			async args => {
				let source = await readFile(args.path, 'utf8');
				for (const {eager, lazy} of FORMATTERS) {
					if (!source.includes(eager)) {
						throw new Error(`scripts/list-format-patch.mjs: ${args.path} no longer has "${eager}"`);
					}

					source = source.replace(eager, lazy);
				}

				return {contents: source, loader: 'js'};
			},
		);
	},
};
