import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		// The Node entry in server/ imports build/handler.js and serves it beside the hub and ingest.
		adapter: adapter({ out: 'build' }),
		// No inline script but SvelteKit's own bootstrap, allowed by its hash. The rest of the policy
		// (connections, the basemap's host, workers, framing) is the server's, which adds these
		// sources to it: server/http/security-headers.ts.
		csp: { mode: 'hash', directives: { 'script-src': ['self'] } }
	}
};
