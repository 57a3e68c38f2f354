// Deliberately empty. Without a file here, the build picks up the repository's
// instrumentation.ts (Turbopack's root is the repository) and the bare app would
// start the portal's observability and configuration checks.
export function register() {}
