/**
 * The pages a person opens, and the permission each needs: the home page lists those the signed-in
 * role may open. The permissions are the server's (server/auth/roles.ts, sent by /api/auth/me);
 * this table only says which page needs which, mirroring the API routes each page calls.
 */
export interface PageEntry {
	path: string;
	/** Message keys of the link and its one-line description. */
	key: 'wall' | 'sites' | 'dispatch' | 'replay' | 'pools' | 'results' | 'ledgers' | 'quarantine' | 'fieldQuarantine' | 'zones' | 'reports' | 'timetable' | 'alerts';
	/** Any one of these permissions opens the page. */
	needs: string[];
}

export const PAGES: PageEntry[] = [
	{ path: '/wall', key: 'wall', needs: ['live:view'] },
	{ path: '/sites', key: 'sites', needs: ['staffing:view'] },
	{ path: '/dispatch', key: 'dispatch', needs: ['dispatch:view'] },
	{ path: '/replay', key: 'replay', needs: ['dispatch:view'] },
	{ path: '/pools', key: 'pools', needs: ['pools:view'] },
	{ path: '/results', key: 'results', needs: ['results:view'] },
	{ path: '/quarantine', key: 'quarantine', needs: ['quarantine:view'] },
	{ path: '/field/quarantine', key: 'fieldQuarantine', needs: ['quarantine:act'] },
	// Zones are drawn for the whole county, by commanders and admins (the server refuses an officer's village scope):
	// of the roles that may add a zone (quarantine:act), only they hold audit:read.
	{ path: '/zones', key: 'zones', needs: ['audit:read'] },
	// The daily report: commanders and admins (who may amend it) and shift leaders (read).
	{ path: '/reports', key: 'reports', needs: ['reports:view'] },
	// The alert history: commanders, admins, shift leaders and dispatchers (the server scopes each).
	{ path: '/alerts', key: 'alerts', needs: ['staffing:view', 'dispatch:view'] },
	// The village timetable: the command centre and shift leaders edit it (officers read their villages' rows on their phone page).
	{ path: '/timetable', key: 'timetable', needs: ['staffing:view'] },
	{ path: '/ledgers', key: 'ledgers', needs: ['ledgers:import', 'ledgers:export'] }
];

export function pagesFor(permissions: readonly string[]): PageEntry[] {
	return PAGES.filter((entry) => entry.needs.some((permission) => permissions.includes(permission)));
}

/** A link that keeps the page's language. */
export function withLang(path: string, locale: 'zh-CN' | 'en'): string {
	return locale === 'en' ? `${path}${path.includes('?') ? '&' : '?'}lang=en` : path;
}
