import { defineConfig } from "prisma/config";

// `prisma generate` needs no database; migrations are applied by src/migrate.ts (see its header).
export default defineConfig({
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/tracemed" },
});
