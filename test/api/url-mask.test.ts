/**
 * No password in a base URL or a proxy URL reaches a message, whatever it
 * holds: `@`, `:`, `/`, `%40`, non-ASCII, percent-encoded or raw.
 */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {describeProxy, selectProxy} from '../../src/api/proxy.js';
import {maskUrl, maskUserinfo} from '../../src/api/url-mask.js';

const password = fc.string({unit: 'grapheme', minLength: 4, maxLength: 24}).filter(text => text.trim().length >= 4);
const user = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);

/** The password must not appear, unless it is part of the rest of the URL anyway. */
function hidden(shown: string, secret: string, rest: string): boolean {
	return rest.includes(secret) || !shown.includes(secret);
}

describe('maskUrl', () => {
	it('keeps the user name, masks the password, and leaves the rest', () => {
		expect(maskUrl('https://fleet:s3cr%40t@api.example.com:8443/v1?x=1')).toBe(
			'https://fleet:****@api.example.com:8443/v1?x=1',
		);
		expect(maskUrl('http://fleet:p@ss:w@rd@proxy.corp:3128')).toBe('http://fleet:****@proxy.corp:3128');
		expect(maskUrl('http://u:12/x@host')).toBe('http://u:****@host');
		expect(maskUrl('https://api.letta.com')).toBe('https://api.letta.com');
		expect(maskUrl('http://user@host:1')).toBe('http://user@host:1');
		expect(maskUserinfo('fleet:secret@proxy:3128')).toBe('fleet:****@proxy:3128');
	});

	it('takes a name before :// that is no URL scheme for a user name, and hides what follows as its password', () => {
		// fast-check's counterexample: user "a", password "//   !", written without a scheme.
		expect(maskUrl('a://   !@api.example.com:8443/v1/environments')).toBe(
			'a:****@api.example.com:8443/v1/environments',
		);
		expect(maskUrl('fleet://s3cret:x@proxy.corp:3128')).toBe('fleet:****@proxy.corp:3128');
		expect(maskUserinfo('fleet://s3cret@proxy.corp:3128')).toBe('fleet:****@proxy.corp:3128');
		expect(maskUrl('socks5h://fleet:s3cret@proxy.corp:1080')).toBe('socks5h://fleet:****@proxy.corp:1080');
	});

	it('never shows the password, raw or percent-encoded, whatever its characters', () => {
		fc.assert(
			fc.property(
				user,
				password,
				fc.boolean(),
				fc.constantFrom('https://', 'http://', ''),
				(name, secret, encode, scheme) => {
					const written = encode ? encodeURIComponent(secret) : secret;
					const rest = `${scheme}${name}:@api.example.com:8443/v1/environments`;
					const text = `${scheme}${name}:${written}@api.example.com:8443/v1/environments`;
					const shown = maskUrl(text);
					return (
						hidden(shown, secret, rest) &&
						hidden(shown, written, rest) &&
						hidden(shown, encodeURIComponent(secret), rest)
					);
				},
			),
			{numRuns: 2000},
		);
	});

	it('a proxy URL in `config` and in the unusable-proxy line never shows it either', () => {
		fc.assert(
			fc.property(
				user,
				password,
				fc.boolean(),
				fc.constantFrom('http://', 'socks5://', ''),
				(name, secret, encode, scheme) => {
					const written = encode ? encodeURIComponent(secret) : secret;
					const env = {HTTPS_PROXY: `${scheme}${name}:${written}@proxy.corp:3128`};
					const rest = `${scheme}${name}:****@proxy.corp:3128 HTTPS_PROXY cannot be used`;
					const selection = selectProxy('https://api.letta.com', env);
					const shown = [
						describeProxy('https://api.letta.com', env),
						selection.kind === 'proxy'
							? selection.display
							: selection.kind === 'unusable'
								? selection.message
								: '',
					].join(' ');
					return (
						hidden(shown, secret, rest) &&
						hidden(shown, written, rest) &&
						hidden(shown, encodeURIComponent(secret), rest)
					);
				},
			),
			{numRuns: 2000},
		);
	});
});
