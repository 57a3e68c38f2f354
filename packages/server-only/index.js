// Intentionally empty: see package.json. Next resolves `server-only` to next/dist/compiled/server-only.
