/** The processes `npm run start:cluster` starts (scripts/cluster.ts): one core, then `hubs` front processes. */
export const CORE_ROLES = 'web,ingest,projector,sim';
export const FRONT_ROLES = 'web,hub,ingest';

export function clusterProcesses(hubs: number): { roles: string; front: boolean }[] {
	return [{ roles: CORE_ROLES, front: false }, ...Array.from({ length: hubs }, () => ({ roles: FRONT_ROLES, front: true }))];
}
