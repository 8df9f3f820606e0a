/**
 * Credentials the demo needs so that `npm start` leads straight to a live wall: a display token
 * printed at start-up, and one device credential per
 * simulated tablet and phone, held by the simulator in memory.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { displayTokens } from '../../db/schema/index';
import type { Scenario } from '../../sim/scenarios/index';
import { createDisplayToken, displayOfToken, issueDeviceCredential } from './credentials';

const STARTUP_LABEL = 'start-up wall (demo)';
/**
 * A wall opened with an earlier start's link keeps working across restarts (nobody touches the
 * wall), for this long; older start-up tokens are revoked. Production walls use tokens an admin
 * creates (docs/security.md).
 */
const STARTUP_TOKEN_DAYS = 7;
/** Beside the embedded database, readable by the server's user only: the link printed at the last start. */
const STARTUP_TOKEN_FILE = 'startup-wall.token';

/**
 * The demo wall's display token. A restart prints the same wall address as the last start while
 * that token is still valid (the database keeps only its hash, so the token itself is kept in
 * DATA_DIR); `fresh` revokes every start-up token and mints a new one, for a link that was shared
 * too widely.
 */
export async function openStartupWall({ db, dataDir, fresh = false, now = Date.now() }: { db: Db; dataDir?: string; fresh?: boolean; now?: number }): Promise<string> {
	const expired = lt(displayTokens.createdAt, new Date(now - STARTUP_TOKEN_DAYS * 86_400_000));
	await db
		.update(displayTokens)
		.set({ revokedAt: new Date(now) })
		.where(and(eq(displayTokens.label, STARTUP_LABEL), isNull(displayTokens.revokedAt), fresh ? undefined : expired));
	const file = dataDir && dataDir !== 'memory://' ? join(dataDir, STARTUP_TOKEN_FILE) : null;
	const kept = file && !fresh && existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
	if (kept && (await displayOfToken({ db, token: kept }))) return kept;
	const { token } = await createDisplayToken({ db, input: { label: STARTUP_LABEL }, actor: 'start-up' });
	if (file) {
		mkdirSync(dataDir!, { recursive: true });
		writeFileSync(file, `${token}\n`, { mode: 0o600 });
	}
	return token;
}

/** The simulator's devices: a tablet per site, a phone per routed vehicle, a lab system per lab (the village officers' phones: demo-officers.ts). */
export async function provisionSimulatedDevices({ db, scenario }: { db: Db; scenario: Scenario }): Promise<Map<string, string>> {
	const devices = new Map<string, string>();
	for (const site of scenario.ledgers().sites) {
		const { deviceId, token } = await issueDeviceCredential({ db, input: { deviceId: `tablet-${site.code}`, kind: 'site_tablet', scopeId: site.code }, actor: 'simulator' });
		devices.set(deviceId, token);
	}
	// Every vehicle's phone: couriers on their routes, transfer vehicles on their tasks.
	for (const vehicleId of new Set([...scenario.routes.map((route) => route.vehicleId), ...scenario.ledgers().vehicles.filter((vehicle) => vehicle.kind === 'transfer').map((vehicle) => vehicle.code)])) {
		const { deviceId, token } = await issueDeviceCredential({ db, input: { deviceId: `phone-${vehicleId}`, kind: 'courier_phone', scopeId: vehicleId }, actor: 'simulator' });
		devices.set(deviceId, token);
	}
	for (const lab of scenario.ledgers().labs) {
		const { deviceId, token } = await issueDeviceCredential({ db, input: { deviceId: `lims-${lab.code}`, kind: 'lab_system', scopeId: lab.code }, actor: 'simulator' });
		devices.set(deviceId, token);
	}
	return devices;
}
