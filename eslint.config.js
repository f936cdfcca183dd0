// ESLint runs in `npm test` for the React hooks rules: hooks called in order, effects that name
// what they read. TypeScript's own checks are tsc's (npm run typecheck), not repeated here.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default [
	{ignores: ['dist/', 'build/', '.cache/', 'node_modules/']},
	{
		files: ['**/*.ts', '**/*.tsx'],
		languageOptions: {parser: tseslint.parser},
		plugins: {'react-hooks': reactHooks},
		linterOptions: {reportUnusedDisableDirectives: 'error'},
		rules: {
			'react-hooks/rules-of-hooks': 'error',
			'react-hooks/exhaustive-deps': 'error',
		},
	},
];
