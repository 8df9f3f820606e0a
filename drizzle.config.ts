import { defineConfig } from 'drizzle-kit';

// Used only by `npm run db:generate -- --name <what-changed>`; the server applies drizzle/ at start.
export default defineConfig({
	dialect: 'postgresql',
	schema: './server/db/schema/index.ts',
	out: './drizzle'
});
