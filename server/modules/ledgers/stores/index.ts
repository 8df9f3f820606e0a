import type { LedgerKind } from '../../../../src/lib/ledgers/definitions';
import { householdsStore } from './households-store';
import { returneesStore } from './returnees-store';
import { rosterStore } from './roster-store';
import { labsStore } from './labs-store';
import type { LedgerStore } from './ledger-store';
import { sitesStore } from './sites-store';
import { staffStore } from './staff-store';
import { vehiclesStore } from './vehicles-store';
import { zonesStore } from './zones-store';

export const LEDGER_STORES: Record<LedgerKind, LedgerStore<any>> = { sites: sitesStore, staff: staffStore, vehicles: vehiclesStore, labs: labsStore, households: householdsStore, returnees: returneesStore, zones: zonesStore, roster: rosterStore };
export type { LedgerStore, WriteOptions } from './ledger-store';
