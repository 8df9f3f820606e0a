/**
 * Access from the command line, against the database the environment names:
 *
 *   npm run admin:create -- <username> [--role admin|commander|shift_leader|dispatcher|quarantine_desk|quarantine_officer|lab_operator|viewer]
 *       [--township t:<township>]                 a shift leader's or township quarantine desk's township (required for one)
 *       [--villages v:<township>/<village>,…]     a quarantine officer's villages (at least one)
 *       the password comes from ADMIN_PASSWORD, or is asked for; a scope that names no existing region is refused
 *   npm run admin -- display <label>                       a wall display token (printed once)
 *   npm run admin -- device <deviceId> <site_tablet|courier_phone|lab_system|platform_gateway|quarantine_device> <site, vehicle or lab id, * for a gateway, village ids v1,v2 for a quarantine device>
 *                                                         a device credential (printed once; re-issuing revokes the old one)
 */
import { createInterface } from 'node:readline';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/client';
import { ROLES, type UserRole } from '../server/auth/roles';
import { createDisplayToken, issueDeviceCredential, type DeviceKind } from '../server/modules/identity/credentials';
import { ServiceError } from '../server/modules/service-error';
import { createUser, IdentityError } from '../server/modules/identity/users';
import { DEVICE_KINDS } from '../server/db/schema/index';

class UsageError extends Error {}

async function askPassword(): Promise<string> {
	if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
	if (!process.stdin.isTTY) throw new UsageError('set ADMIN_PASSWORD, or run in a terminal to be asked');
	const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
	// Echo nothing while the password is typed.
	(rl as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = (text: string) => {
		if (text.includes('password')) process.stdout.write(text);
	};
	const password = await new Promise<string>((resolve) => rl.question('password (12 characters or more): ', resolve));
	rl.close();
	process.stdout.write('\n');
	return password;
}

async function main(): Promise<void> {
	const [command, ...rest] = process.argv.slice(2);
	const config = loadConfig();
	const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR }).catch((error: Error) => {
		throw new UsageError(`cannot open the database: ${error.message}`);
	});
	const actor = `cli:${process.env.USER ?? 'unknown'}`;
	try {
		if (command === 'create-user') {
			const [username, ...flags] = rest;
			if (!username) throw new UsageError('name the user: npm run admin:create -- <username>');
			let role: UserRole = 'admin';
			let townshipId: string | null = null;
			let villageIds: string[] = [];
			for (let index = 0; index < flags.length; index++) {
				if (flags[index] === '--role') role = flags[++index] as UserRole;
				else if (flags[index] === '--township') townshipId = flags[++index];
				else if (flags[index] === '--villages') villageIds = (flags[++index] ?? '').split(/[,，]/).map((id) => id.trim()).filter(Boolean);
				else throw new UsageError(`unknown option ${flags[index]}`);
			}
			if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
			const user = await createUser({ db: database.db, input: { username, password: await askPassword(), role, townshipId, villageIds }, actor });
			console.log(`created ${role} ${user.username}`);
		} else if (command === 'display') {
			const label = rest.join(' ');
			if (!label) throw new UsageError('give the display a label: npm run admin -- display 指挥中心大屏1');
			const { id, token } = await createDisplayToken({ db: database.db, input: { label }, actor });
			console.log(`display ${id}: open /wall?display=${token}`);
		} else if (command === 'device') {
			const [deviceId, kind, scopeId] = rest;
			if (!deviceId || !(DEVICE_KINDS as readonly string[]).includes(kind) || !scopeId) throw new UsageError(`npm run admin -- device <deviceId> <${DEVICE_KINDS.join('|')}> <scope id>`);
			const { token } = await issueDeviceCredential({ db: database.db, input: { deviceId, kind: kind as DeviceKind, scopeId }, actor });
			console.log(`device ${deviceId}: Authorization: Bearer ${token}`);
		} else {
			throw new UsageError('commands: create-user, display, device');
		}
	} finally {
		await database.close();
	}
}

main().catch((error: Error) => {
	// A refusal (a device for a site that does not exist, …) is one line in both languages, not a stack.
	if (error instanceof ServiceError) {
		console.error(`admin: ${error.text.zh}\nadmin: ${error.text.en}`);
		process.exit(2);
	}
	console.error(error instanceof UsageError || error instanceof IdentityError ? `admin: ${error.message}` : error);
	process.exit(error instanceof UsageError || error instanceof IdentityError ? 2 : 1);
});
