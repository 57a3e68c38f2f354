// The profiles of ops/compose.yml, above all scale-out (docs/scale-out.md). No
// Docker engine runs here, so this proves what can be proven from the files: each
// profile starts the services it promises and none of the other's, every name a
// service reaches is a service of the same profile, host ports do not clash, the
// instances share what they must (database, Redis, secrets) and keep apart what
// they must (data dirs, names), and the balancer and Prometheus find exactly them.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { COMPOSE_YML, OPS, PROM_DIR, promtool, readYaml, tempDir } from "./helpers";

type Service = {
  image?: string;
  build?: { context: string; dockerfile: string };
  profiles?: string[];
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: string[] | Record<string, { condition: string }>;
  volumes?: string[];
  secrets?: string[];
  ports?: string[];
  networks?: Record<string, { aliases?: string[] } | null>;
};
type Compose = { services: Record<string, Service>; secrets: Record<string, unknown>; volumes: Record<string, unknown> };

// Compose resolves YAML merge keys (the instances share `<<: *scale-out-app`).
const compose = YAML.parse(readFileSync(COMPOSE_YML, "utf8"), { merge: true }) as Compose;
const services = compose.services;
const PROFILES = ["single", "scale-out"] as const;

/** The services `docker compose --profile <p> up` starts: those of no profile, and the profile's. */
function active(profile: string): Record<string, Service> {
  return Object.fromEntries(
    Object.entries(services).filter(([, s]) => !s.profiles || s.profiles.includes(profile)),
  );
}
/** Names a container can resolve in that profile: service names and network aliases. */
function hostnames(profile: string): Set<string> {
  const names = new Set<string>();
  for (const [name, s] of Object.entries(active(profile))) {
    names.add(name);
    for (const net of Object.values(s.networks ?? {})) for (const alias of net?.aliases ?? []) names.add(alias);
  }
  return names;
}
const dependsOn = (s: Service) => (Array.isArray(s.depends_on) ? s.depends_on : Object.keys(s.depends_on ?? {}));
const flag = (s: Service, name: string) => s.command?.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
const svc = (name: string) => {
  const s = services[name];
  if (!s) throw new Error(`compose has no service ${name}`);
  return s;
};
/** The host file (under ops/) bind-mounted at a container path. */
function hostFileAt(s: Service, target: string): string | undefined {
  for (const v of s.volumes ?? []) {
    const [source = "", mountedAt = ""] = v.split(":");
    if (!source.startsWith(".")) continue;
    if (target === mountedAt) return path.resolve(OPS, source);
    if (target.startsWith(`${mountedAt}/`)) return path.resolve(OPS, source, path.relative(mountedAt, target));
  }
  return undefined;
}
const hostPort = (address: string) => {
  const i = address.lastIndexOf(":");
  return { host: address.slice(0, i), port: address.slice(i + 1) };
};

const INSTANCES = ["app-1", "app-2"];

describe("compose profiles", () => {
  it("scale-out runs PostgreSQL, Redis, two app instances, the balancer, Prometheus, Tempo and Grafana", () => {
    const names = Object.keys(active("scale-out"));
    for (const name of ["postgres", "redis", ...INSTANCES, "balancer", "prometheus-scale-out", "tempo", "grafana"])
      expect(names).toContain(name);
    // Not the single profile's SQLite app or its Prometheus (both would run beside it).
    expect(names).not.toContain("app");
    expect(names).not.toContain("prometheus");
  });

  it("single runs the SQLite app and its Prometheus, nothing of scale-out", () => {
    const names = Object.keys(active("single"));
    for (const name of ["app", "prometheus", "blackbox", "alertmanager", "tempo", "grafana"]) expect(names).toContain(name);
    for (const name of ["postgres", "redis", ...INSTANCES, "balancer", "prometheus-scale-out"])
      expect(names).not.toContain(name);
  });

  it("every service belongs to a known profile or to both", () => {
    for (const [name, s] of Object.entries(services))
      for (const p of s.profiles ?? []) expect(PROFILES as readonly string[], name).toContain(p);
  });

  for (const profile of PROFILES) {
    it(`${profile}: dependencies are in the profile, host ports do not clash, images are pinned`, () => {
      const running = active(profile);
      const published = new Map<string, string>();
      for (const [name, s] of Object.entries(running)) {
        for (const dep of dependsOn(s)) expect(Object.keys(running), `${name} depends on ${dep}`).toContain(dep);
        for (const p of s.ports ?? []) {
          const parts = p.split(":");
          const key = parts.length === 3 ? `${parts[0]}:${parts[1]}` : `0.0.0.0:${parts[0]}`;
          expect(published.get(key), `${name} and ${published.get(key)} both publish ${key}`).toBeUndefined();
          published.set(key, name);
        }
        if (s.image && !s.build) expect(s.image, name).toMatch(/:v?\d+\.\d+(\.\d+)?(-[a-z]+)?$/);
      }
    });

    it(`${profile}: Grafana's Prometheus and every OTLP endpoint resolve to a service of the profile`, () => {
      const names = hostnames(profile);
      const datasources = readFileSync(path.join(OPS, "grafana/provisioning/datasources/datasources.yml"), "utf8");
      for (const url of datasources.match(/http:\/\/[a-z0-9-]+:\d+/g) ?? [])
        expect([...names], url).toContain(new URL(url).hostname);
      for (const [name, s] of Object.entries(active(profile))) {
        const otlp = s.environment?.MINIPORTAL_OTLP_ENDPOINT;
        if (otlp) expect([...names], `${name}: ${otlp}`).toContain(new URL(otlp).hostname);
      }
    });
  }
});

describe("the scale-out instances", () => {
  it("share one database, one Redis and the same secrets, and trust one proxy hop", () => {
    const [first, ...rest] = INSTANCES.map(env);
    for (const key of [
      "DATABASE_URL",
      "REDIS_URL",
      "AUTH_SECRET_FILE",
      "PORTAL_MASTER_PASS_FILE",
      "MINIPORTAL_METRICS_TOKEN_FILE",
      "MINIPORTAL_BASE_URL",
      "PORT",
    ]) {
      expect(first?.[key], key).toBeTruthy();
      for (const other of rest) expect(other[key], key).toBe(first?.[key]);
    }
    expect(first?.MINIPORTAL_TRUSTED_PROXIES).toBe("1");
    const names = hostnames("scale-out");
    const db = new URL(first?.DATABASE_URL ?? "");
    expect(db.protocol).toBe("postgresql:");
    expect(db.password, "no password in the URL (PGPASSWORD_FILE)").toBe("");
    expect([...names]).toContain(db.hostname);
    expect(svc(db.hostname).environment?.POSTGRES_USER).toBe(db.username);
    expect(svc(db.hostname).environment?.POSTGRES_DB).toBe(db.pathname.slice(1));
    expect(first?.PGPASSWORD_FILE).toBe(svc(db.hostname).environment?.POSTGRES_PASSWORD_FILE);
    expect([...names]).toContain(new URL(first?.REDIS_URL ?? "").hostname);
    // Each *_FILE is a secret the instance mounts, and one the entrypoint reads.
    const entrypoint = readFileSync(path.join(OPS, "docker-entrypoint.sh"), "utf8");
    for (const name of INSTANCES) {
      for (const [key, value] of Object.entries(env(name)).filter(([k]) => k.endsWith("_FILE"))) {
        const secret = /^\/run\/secrets\/([\w.-]+)$/.exec(value)?.[1] ?? "";
        expect(svc(name).secrets, `${name}: ${key}`).toContain(secret);
        expect(compose.secrets).toHaveProperty(secret);
        expect(entrypoint, key).toMatch(new RegExp(`^for var in .*\\b${key.replace(/_FILE$/, "")}\\b`, "m"));
      }
    }
  });

  it("have their own names and data volumes, and no host port of their own", () => {
    const names = INSTANCES.map((n) => env(n).MINIPORTAL_INSTANCE);
    expect(names).toEqual(INSTANCES);
    const dataVolumes = INSTANCES.map((n) => svc(n).volumes?.find((v) => v.endsWith(":/data"))?.split(":")[0]);
    expect(new Set(dataVolumes).size).toBe(INSTANCES.length);
    for (const v of dataVolumes) expect(compose.volumes).toHaveProperty(v!);
    for (const n of INSTANCES) expect(svc(n).ports ?? []).toEqual([]);
  });

  it("sit behind the balancer, which runs ops/haproxy/haproxy.cfg on its published port", () => {
    const lb = svc("balancer");
    const cfgPath = lb.command?.[lb.command.indexOf("-f") + 1] ?? "";
    expect(hostFileAt(lb, cfgPath)).toBe(path.join(OPS, "haproxy/haproxy.cfg"));
    const cfg = readFileSync(path.join(OPS, "haproxy/haproxy.cfg"), "utf8");
    const servers = [...cfg.matchAll(/^\s*server \S+ "\$\{(\w+)-[^}]*\}"/gm)].map((m) => m[1]!);
    expect(servers).toEqual(["MINIPORTAL_APP1", "MINIPORTAL_APP2"]);
    expect(servers.map((v) => lb.environment?.[v])).toEqual(INSTANCES.map((n) => `${n}:${env(n).PORT}`));
    expect(cfg).toMatch(/balance roundrobin/);
    const directives = cfg.replace(/#.*$/gm, "");
    expect(directives, "no sticky routing").not.toMatch(/\bstick|\bcookie\b/);
    const bindPort = hostPort(lb.environment?.MINIPORTAL_LB_BIND ?? "").port;
    expect(lb.ports?.map((p) => p.split(":").at(-1))).toContain(bindPort);
    // The instances' links point at the balancer's port by default.
    expect(env("app-1").MINIPORTAL_BASE_URL).toMatch(new RegExp(`:${lb.ports?.[0]?.split(":")[0]}\\}$`));
    expect(dependsOn(lb).sort()).toEqual(INSTANCES);
  });
});

describe("Prometheus in the scale-out profile", () => {
  const prom = svc("prometheus-scale-out");
  const configPath = flag(prom, "--config.file") ?? "";
  const configFile = hostFileAt(prom, configPath) ?? "";
  type SdJob = {
    job_name: string;
    authorization?: { credentials_file: string };
    file_sd_configs?: { files: string[] }[];
    relabel_configs?: { replacement?: string; target_label?: string }[];
  };
  const config = readYaml<{ rule_files: string[]; scrape_configs: SdJob[] }>(configFile);

  it("runs ops/prometheus/prometheus.scale-out.yml with alerts.yml beside it", () => {
    expect(configFile).toBe(path.join(PROM_DIR, "prometheus.scale-out.yml"));
    for (const rf of config.rule_files)
      expect(hostFileAt(prom, path.posix.resolve(path.posix.dirname(configPath), rf))).toBe(
        path.join(PROM_DIR, "alerts.yml"),
      );
    // Grafana asks for "prometheus": this service answers to that name.
    expect(prom.networks?.default?.aliases).toContain("prometheus");
  });

  it("discovers exactly the app instances from the mounted targets file, with their token", () => {
    const job = config.scrape_configs.find((j) => j.job_name === "miniportal")!;
    const pattern = job.file_sd_configs?.[0]?.files[0] ?? "";
    const dir = hostFileAt(prom, path.posix.dirname(pattern)) ?? "";
    expect(dir).toBe(path.join(PROM_DIR, "targets"));
    const groups = JSON.parse(readFileSync(path.join(dir, "miniportal.json"), "utf8")) as { targets: string[] }[];
    const targets = groups.flatMap((g) => g.targets);
    expect(targets).toEqual(INSTANCES.map((n) => `${n}:${env(n).PORT}`));
    const secret = /^\/run\/secrets\/([\w.-]+)$/.exec(job.authorization?.credentials_file ?? "")?.[1] ?? "";
    expect(prom.secrets).toContain(secret);
    for (const n of INSTANCES) expect(env(n).MINIPORTAL_METRICS_TOKEN_FILE).toBe(`/run/secrets/${secret}`);
    // The health probes go through the blackbox exporter of the same profile.
    const health = config.scrape_configs.find((j) => j.job_name === "miniportal-health")!;
    const exporter = health.relabel_configs?.find((r) => r.target_label === "__address__")?.replacement ?? "";
    expect([...hostnames("scale-out")]).toContain(hostPort(exporter).host);
  });

  it("is a valid Prometheus config (promtool), targets file included", () => {
    const { dir, cleanup } = tempDir();
    try {
      const text = readFileSync(configFile, "utf8")
        .replaceAll("/run/secrets/metrics_token", path.join(dir, "token"))
        .replaceAll("/etc/prometheus/targets/", `${path.join(PROM_DIR, "targets")}/`);
      writeFileSync(path.join(dir, "token"), "test-token");
      writeFileSync(path.join(dir, "alerts.yml"), readFileSync(path.join(PROM_DIR, "alerts.yml")));
      writeFileSync(path.join(dir, "prometheus.yml"), text);
      const result = promtool(["check", "config", path.join(dir, "prometheus.yml")]);
      expect(result.ok, result.output).toBe(true);
    } finally {
      cleanup();
    }
  });
});

function env(name: string): Record<string, string> {
  return svc(name).environment ?? {};
}
