// ESLint in `npm test`: React's rules of hooks (hooks called in order, effects that name what
// they read) everywhere, and typescript-eslint's recommended type-checked rules (floating or
// misused promises, unsafe `any`, unbound methods, needless assertions...) on every TypeScript
// file tsconfig.json holds: src/, bench/, test/ and vitest.config.ts. Tests read parsed JSON
// through test/helpers/json.ts and vitest's matchers through test/helpers/matcher.ts, so neither
// reaches them as `any`. scripts/*.mjs stay untyped: plain JavaScript outside tsconfig.json, the
// project service does not see them, and typing them would take allowDefaultProject (a program
// per file) or allowJs (which widens what tsc checks) for three small build scripts.
import stylistic from '@stylistic/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const TYPED = [
	'src/**/*.ts',
	'src/**/*.tsx',
	'bench/**/*.ts',
	'bench/**/*.tsx',
	'test/**/*.ts',
	'test/**/*.tsx',
	'vitest.config.ts',
];

export default [
	{ignores: ['dist/', 'build/', '.cache/', 'node_modules/']},
	{
		files: ['**/*.ts', '**/*.tsx'],
		languageOptions: {parser: tseslint.parser},
		plugins: {'react-hooks': reactHooks, '@stylistic': stylistic},
		linterOptions: {reportUnusedDisableDirectives: 'error'},
		rules: {
			'react-hooks/rules-of-hooks': 'error',
			'react-hooks/exhaustive-deps': 'error',
			// Prettier wraps code at 120 columns but leaves comments and strings alone: this holds the comments.
			'@stylistic/max-len': [
				'error',
				{
					code: 120,
					tabWidth: 4,
					ignoreStrings: true,
					ignoreTemplateLiterals: true,
					ignoreRegExpLiterals: true,
					ignoreUrls: true,
				},
			],
		},
	},
	...tseslint.configs.recommendedTypeChecked.map(config => ({...config, files: TYPED})),
	{
		files: TYPED,
		languageOptions: {parserOptions: {projectService: true, tsconfigRootDir: import.meta.dirname}},
		rules: {
			// `const {dropped: _dropped, ...kept} = record` leaves out a field: the name says it is unused on purpose.
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ignoreRestSiblings: true, varsIgnorePattern: '^_', argsIgnorePattern: '^_'},
			],
		},
	},
];
