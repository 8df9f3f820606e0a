/** npm start and npm run serve run the server with the same V8 flags as start:cluster and the test servers. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../../server/node-flags';

describe('the server processes’ V8 flags', () => {
	it.each(['start', 'serve'])('npm run %s passes every one of them to Node', (script) => {
		const command = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts[script];
		for (const flag of SERVER_NODE_FLAGS) expect(command).toContain(` ${flag} `);
		expect(command).toMatch(/server\/index\.ts$/);
	});
});
