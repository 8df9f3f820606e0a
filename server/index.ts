/**
 * Composition root: config → database → event log → roles → listen.
 * A wrong or unreachable setting stops start-up with one line naming it.
 */
import { ConfigError, loadConfig } from './config';
import { startApp, StartupError } from './app';
import { timestampedLogger } from './log';

/** Every line this process prints starts with its UTC time (server/log.ts). */
const logger = timestampedLogger();

async function main(): Promise<void> {
	const config = loadConfig();
	// `npm start -- --new-wall-link`: the wall address printed by earlier starts stops working.
	const newWallLink = process.argv.includes('--new-wall-link');
	const app = await startApp(config, logger, { newWallLink });
	const mode = config.DATABASE_URL || config.REDIS_URL ? `scaled (${config.DATABASE_URL ? 'Postgres' : 'PGlite'}, ${config.REDIS_URL ? 'Redis Streams' : 'in-process log'})` : `embedded (PGlite under ${config.DATA_DIR}/, in-process event log)`;
	logger.log(`指挥中心大屏 / wall: ${app.links.wall}`);
	if (app.links.wall.includes('display=')) logger.log(newWallLink ? '  (a new wall address: the previous one no longer opens the wall)' : '  (the same address across restarts; npm start -- --new-wall-link makes a new one and retires this)');
	if (app.links.setup) logger.log(`first admin (one-time link, valid 1 hour): ${app.links.setup}  — or run: npm run admin:create -- <username>`);
	logger.log(`mode: ${mode}; roles: ${config.ROLES.join(', ')}; scenario: ${config.SCENARIO}${config.SIMULATE ? ' (simulated)' : ''}`);
	let stopping = false;
	const stop = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		logger.log(`${signal}: stopping…`);
		await app.close();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop('SIGINT'));
	process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
	if (error instanceof ConfigError || error instanceof StartupError) {
		logger.error(`cannot start: ${error.message}`);
	} else {
		logger.error(error);
	}
	process.exit(1);
});
