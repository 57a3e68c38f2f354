// Rendered on every request, like the portal's pages: a 20-item list and the time.
import { connection } from "next/server";

export const dynamic = "force-dynamic";

export default async function Page() {
  await connection();
  const now = new Date();
  const items = Array.from({ length: 20 }, (_, i) => ({
    id: i + 1,
    label: `Item ${i + 1}`,
    at: new Date(now.getTime() - i * 60_000),
  }));
  return (
    <main>
      <h1>Bare page</h1>
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            {item.label} at {item.at.toISOString()}
          </li>
        ))}
      </ul>
    </main>
  );
}
