import { defineConfig } from 'drizzle-kit';

// `npx drizzle-kit generate --name <what>` writes a reviewed SQL migration into src/db/migrations.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './src/db/migrations',
});
