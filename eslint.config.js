// ESLint in `npm test`: React's rules of hooks (hooks called in order, effects that name what
// they read) everywhere, and typescript-eslint's recommended type-checked rules (floating or
// misused promises, unsafe `any`, unbound methods, needless assertions...) on src/ and bench/.
// The tests are next: their JSON.parse results are read untyped in some 240 places.
import stylistic from '@stylistic/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const TYPED = [
	'src/**/*.ts',
	'src/**/*.tsx',
	'bench/**/*.ts',
	'bench/**/*.tsx',
	// The tests join folder by folder, as each is typed; the rest follow.
	'test/api/**/*.ts',
	'test/credentials/**/*.ts',
	'test/e2e/**/*.ts',
	'test/faults/**/*.ts',
	'test/fleet/**/*.ts',
	'test/output/**/*.ts',
	'test/source.test.ts',
	'test/demo/**/*.ts',
	'test/helpers/**/*.ts',
	'test/helpers/**/*.tsx',
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
