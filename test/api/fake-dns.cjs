/**
 * Preloaded (--require) into the test proxy's process: every host under
 * fleet.test resolves to 127.0.0.1 there. A base URL such as
 * https://api.fleet.test:PORT is then not loopback to letta-fleet (which never
 * proxies loopback) yet reaches a local demo server through the proxy, as a
 * corporate proxy resolves the names its clients cannot.
 */
const dns = require('node:dns');

const lookup = dns.lookup;
dns.lookup = function (hostname, options, callback) {
	if (typeof hostname === 'string' && hostname.endsWith('.fleet.test')) {
		const done = typeof options === 'function' ? options : callback;
		const all = typeof options === 'object' && options !== null && options.all;
		process.nextTick(() => (all ? done(null, [{address: '127.0.0.1', family: 4}]) : done(null, '127.0.0.1', 4)));
		return {};
	}

	return lookup.apply(this, arguments);
};
