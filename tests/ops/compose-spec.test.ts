// ops/compose.yml against the Compose Specification's own JSON schema (vendored in
// ops/schema/, see its README), and every health check or probe aimed at the portal
// against the routes the portal has. No Docker engine runs here to do either.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { COMPOSE_YML, OPS, PROM_DIR, REPO, readJson, readYaml } from "./helpers";

type Schema = { $schema?: string; $id?: string };
type Compose = {
  services: Record<string, { image?: string; build?: { dockerfile: string }; healthcheck?: { test: string[] | string } }>;
};
type ScrapeJob = {
  job_name: string;
  metrics_path?: string;
  static_configs?: { targets: string[] }[];
  relabel_configs?: { target_label?: string; replacement?: string }[];
};

const schema = readJson<Schema>(path.join(OPS, "schema/compose-spec.json"));
// Compose resolves YAML merge keys (`<<: *scale-out-app`) before it validates.
const parseCompose = (text: string) => YAML.parse(text, { merge: true }) as Compose;
const compose = parseCompose(readFileSync(COMPOSE_YML, "utf8"));

function validator() {
  const ajv = new Ajv({ allErrors: true });
  // Ajv 6 knows draft-07's meta-schema by its http:// id; the file names it by https://.
  const { $schema, ...rest } = schema;
  expect($schema).toMatch(/draft-07/);
  return ajv.compile(rest);
}

const describeErrors = (errors: { dataPath: string; message?: string }[] | null | undefined) =>
  (errors ?? []).map((e) => `${e.dataPath} ${e.message}`).join("\n");

describe("compose.yml and the Compose Specification schema", () => {
  it("vendors the specification's schema, itself a valid draft-07 JSON schema", () => {
    expect(schema.$id).toBe("compose_spec.json");
    const ajv = new Ajv();
    expect(ajv.validateSchema({ ...schema, $schema: "http://json-schema.org/draft-07/schema#" })).toBe(true);
  });

  it("is a valid Compose file", () => {
    const validate = validator();
    expect(validate(compose), describeErrors(validate.errors)).toBe(true);
  });

  it("is rejected with a misspelt key or a wrongly typed value (the check bites)", () => {
    const validate = validator();
    const app = compose.services.app!;
    const typo = { ...compose, services: { ...compose.services, app: { ...app, helthcheck: { test: ["NONE"] } } } };
    expect(validate(typo)).toBe(false);
    expect(describeErrors(validate.errors)).toMatch(/services\['app'\].*additional properties/);
    const badPorts = { ...compose, services: { ...compose.services, app: { ...app, ports: "3000:3000" } } };
    expect(validate(badPorts)).toBe(false);
  });

  it("pins every image to a version and builds the app from a Dockerfile that exists", () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (service.build) expect(existsSync(path.join(REPO, service.build.dockerfile)), name).toBe(true);
      const image = service.image ?? "";
      expect(image, `${name}: an image`).not.toBe("");
      if (!service.build) expect(image, `${name}: a pinned tag`).toMatch(/^[\w./-]+:[\w.-]*\d[\w.-]*$/);
    }
  });
});

/** The portal route a path is answered by (app/<path>/route.ts or page.tsx). */
function routeFile(urlPath: string): string | undefined {
  const dir = path.join(REPO, "app", urlPath);
  return ["route.ts", "page.tsx"].map((f) => path.join(dir, f)).find((f) => existsSync(f));
}

/** Every path at which something in ops/ checks or scrapes the portal, with where it is said. */
function probedPaths(): { where: string; path: string }[] {
  const found: { where: string; path: string }[] = [];
  const dockerfile = readFileSync(path.join(OPS, "Dockerfile"), "utf8");
  const healthcheck = /^HEALTHCHECK\b[\s\S]*?CMD (\[.*\])$/m.exec(dockerfile)?.[1] ?? "";
  // The path is the JavaScript string literal in the `node -e` one-liner: '/health'.
  for (const [, p = ""] of healthcheck.matchAll(/'(\/[\w/-]*)'/g)) found.push({ where: "Dockerfile HEALTHCHECK", path: p });
  for (const file of ["prometheus.yml", "prometheus.scale-out.yml"]) {
    const jobs = readYaml<{ scrape_configs: ScrapeJob[] }>(path.join(PROM_DIR, file)).scrape_configs;
    const metrics = jobs.find((j) => j.job_name === "miniportal");
    found.push({ where: `${file} job miniportal`, path: metrics?.metrics_path ?? "/metrics" });
    const health = jobs.find((j) => j.job_name === "miniportal-health");
    const targets = [
      ...(health?.static_configs ?? []).flatMap((s) => s.targets),
      ...(health?.relabel_configs ?? []).filter((r) => r.target_label === "__param_target").map((r) => r.replacement),
    ];
    for (const target of targets)
      if (target) found.push({ where: `${file} job miniportal-health`, path: new URL(target.replace("$1", "x")).pathname });
  }
  const haproxy = readFileSync(path.join(OPS, "haproxy/haproxy.cfg"), "utf8");
  for (const [, p = ""] of haproxy.matchAll(/^\s*option httpchk\s+\w+\s+(\S+)/gm))
    found.push({ where: "haproxy.cfg option httpchk", path: p });
  for (const [name, service] of Object.entries(compose.services)) {
    const test = [service.healthcheck?.test ?? []].flat().join(" ");
    for (const [, p = ""] of test.matchAll(/https?:\/\/app(?:-\d+)?(?::\d+)?(\/[\w/-]*)/g))
      found.push({ where: `compose ${name} healthcheck`, path: p });
  }
  return found;
}

describe("health checks and probes aimed at the portal", () => {
  const probes = probedPaths();

  it("are found in the Dockerfile, both Prometheus configs and HAProxy", () => {
    const where = probes.map((p) => p.where).join("\n");
    for (const source of ["Dockerfile HEALTHCHECK", "prometheus.yml", "prometheus.scale-out.yml", "haproxy.cfg"])
      expect(where, source).toContain(source);
  });

  it("each name a route the portal has", () => {
    for (const probe of probes) expect(routeFile(probe.path), `${probe.where}: ${probe.path}`).toBeDefined();
    expect(new Set(probes.map((p) => p.path))).toEqual(new Set(["/health", "/metrics"]));
  });
});
