// A stand-in for one server worker process: spends points on one rate-limit key
// with the portal's own limiter (store chosen by the environment, as in the
// server) and prints how many were granted. Used by security-rate-limit.test.ts.
import { consumeLimit, resetRateLimits, type PolicyName } from "../../lib/security/rate-limit";

const [policy, key, countText] = process.argv.slice(2);
const count = Number(countText);
// Wait for the start signal so every worker spends at the same time.
process.stdin.once("data", async () => {
  const decisions = await Promise.all(Array.from({ length: count }, () => consumeLimit(policy as PolicyName, key!)));
  process.stdout.write(`granted ${decisions.filter((d) => d.ok).length}\n`);
  await resetRateLimits();
  process.exit(0);
});
process.stdout.write("ready\n");
