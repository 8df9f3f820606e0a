// The worker thread's entry. Node cannot start a worker from a .ts file by itself, and a worker
// does not inherit the tsx loader of `npm start` (nor Vitest's): register tsx here, then load the
// TypeScript worker. Plain JavaScript so that any Node can load it.
import { register } from 'tsx/esm/api';

register();
await import('./parse-ledger-worker.ts');
