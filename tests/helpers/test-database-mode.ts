// Which database the integration suite runs on: SQLite files by default,
// PostgreSQL when MINIPORTAL_TEST_DATABASE=postgresql (npm test runs both).
// PostgreSQL runs use MINIPORTAL_POSTGRES_ADMIN_URL's server (default 127.0.0.1:5432, trust auth).
export const onPostgres = process.env.MINIPORTAL_TEST_DATABASE === "postgresql";

export const PG_TEMPLATE_KEY = "MINIPORTAL_TEST_PG_TEMPLATE";
/** Path of the run's migrated SQLite template file, which createTestDb copies. */
export const SQLITE_TEMPLATE_KEY = "MINIPORTAL_TEST_SQLITE_TEMPLATE";
