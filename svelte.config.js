import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		// The Node entry in server/ imports build/handler.js and serves it beside the hub and ingest.
		adapter: adapter({ out: 'build' })
	}
};
