export { createDb, type Db, type DbOptions } from "./client";
export { migrate, MigrationError, migrationsDir, type MigrationResult } from "./migrate";
export { Prisma } from "./generated/prisma/client";
export type * from "./generated/prisma/models";
export * from "./generated/prisma/enums";
export { createPool, type Pool } from "./pool";
export { releaseLease, takeLease } from "./lease";
