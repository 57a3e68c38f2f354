// The compose stack (ops/compose.yml) and the files it wires together. No Docker
// engine runs here, so consistency between the files is what can be proven:
// names, ports, paths and secrets agree on both sides of every connection.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  COMPOSE_YML,
  DASHBOARD_JSON,
  OPS,
  PROMETHEUS_YML,
  REPO,
  readJson,
  readYaml,
  tempDir,
  type PromConfig,
} from "./helpers";

type LongVolume = { type?: string; source?: string; target: string };
interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[] | string;
  entrypoint?: string[] | string;
  environment?: Record<string, string>;
  init?: boolean;
  stop_signal?: string;
  stop_grace_period?: string;
  volumes?: (string | LongVolume)[];
  secrets?: (string | { source: string; target?: string })[];
  ports?: string[];
}
interface Compose {
  services: Record<string, Service>;
  secrets?: Record<string, { file: string }>;
  volumes?: Record<string, unknown>;
}
interface Mount {
  source: string;
  target: string;
  bind: boolean;
}

const compose = readYaml<Compose>(COMPOSE_YML);
const services = compose.services;
const prometheus = readYaml<PromConfig>(PROMETHEUS_YML);

function svc(name: string): Service {
  const s = services[name];
  if (!s) throw new Error(`compose has no service ${name}`);
  return s;
}

function mounts(s: Service): Mount[] {
  return (s.volumes ?? []).map((v) => {
    if (typeof v !== "string") {
      return { source: v.source ?? "", target: v.target, bind: v.type === "bind" };
    }
    const [source = "", target = ""] = v.split(":");
    return { source, target, bind: source.startsWith(".") || source.startsWith("/") };
  });
}

/** The host file (relative to ops/) mounted at `target` inside service `name`. */
function hostFileAt(name: string, target: string): string {
  for (const m of mounts(svc(name)).filter((m) => m.bind)) {
    if (target === m.target) return path.resolve(OPS, m.source);
    if (target.startsWith(`${m.target}/`)) return path.resolve(OPS, m.source, path.relative(m.target, target));
  }
  throw new Error(`${name}: nothing mounted at ${target}`);
}

function flag(s: Service, name: string): string | undefined {
  const args = Array.isArray(s.command) ? s.command : (s.command ?? "").split(/\s+/);
  const prefix = `${name}=`;
  return args.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

function secretNames(s: Service): string[] {
  return (s.secrets ?? []).map((x) => (typeof x === "string" ? x : x.source));
}

function hostPort(hp: string): { host: string; port: string } {
  const i = hp.lastIndexOf(":");
  return { host: hp.slice(0, i), port: hp.slice(i + 1) };
}

const tempo = readYaml<{
  server: { http_listen_port: number };
  distributor: { receivers: { otlp: { protocols: Record<string, { endpoint: string }> } } };
}>(path.join(OPS, "tempo/tempo.yml"));

describe("compose.yml", () => {
  it("runs the app, Prometheus, Tempo and Grafana (and the blackbox prober)", () => {
    for (const name of ["app", "prometheus", "tempo", "grafana", "blackbox"]) expect(services).toHaveProperty(name);
  });

  it("builds the app from the repository root with ops/Dockerfile", () => {
    const build = svc("app").build;
    expect(build?.context).toBe("..");
    expect(build?.dockerfile).toBe("ops/Dockerfile");
    const context = path.resolve(OPS, build?.context ?? "");
    expect(context).toBe(path.resolve(REPO));
    expect(existsSync(path.join(context, build?.dockerfile ?? ""))).toBe(true);
  });

  it("gives the app its environment", () => {
    const env = svc("app").environment ?? {};
    expect(env.PORT).toBe("3000");
    expect(env.MINIPORTAL_DATA_DIR).toBe("/data");
    expect(env.MINIPORTAL_LOG_JSON).toBe("1");
    expect(mounts(svc("app")).some((m) => m.target === "/data" && !m.bind)).toBe(true);
  });

  it("stops the app with SIGTERM and waits longer than its drain deadline before Docker kills it", () => {
    const app = svc("app");
    expect(app.init).toBe(true); // tini forwards the signal to npm, which forwards it to the primary
    expect(app.stop_signal).toBe("SIGTERM");
    const grace = /^(\d+)s$/.exec(app.stop_grace_period ?? "");
    const drain = Number(app.environment?.MINIPORTAL_SHUTDOWN_TIMEOUT_S ?? 10);
    expect(Number(grace?.[1])).toBeGreaterThan(drain);
  });

  it("points the app's OTLP exporter at Tempo's OTLP/HTTP receiver", () => {
    const url = new URL(svc("app").environment?.MINIPORTAL_OTLP_ENDPOINT ?? "");
    expect(url.protocol).toBe("http:");
    expect(services).toHaveProperty(url.hostname);
    // @vercel/otel exports http/protobuf: it must hit the http receiver, not grpc.
    const http = tempo.distributor.receivers.otlp.protocols.http;
    expect(http, "tempo.yml has an OTLP http receiver").toBeDefined();
    expect(url.hostname).toBe("tempo");
    expect(url.port).toBe(hostPort(http?.endpoint ?? "").port);
    expect(tempo.distributor.receivers.otlp.protocols.grpc?.endpoint).toMatch(/:4317$/);
  });

  it("has Prometheus scrape the app service on the app's PORT, with the app's token", () => {
    const job = prometheus.scrape_configs.find((s) => s.job_name === "miniportal");
    const targets = job?.static_configs?.flatMap((s) => s.targets) ?? [];
    expect(targets.length).toBe(1);
    const { host, port } = hostPort(targets[0] ?? "");
    expect(services).toHaveProperty(host);
    expect(host).toBe("app");
    expect(port).toBe(svc("app").environment?.PORT);

    // Both sides read the same compose secret.
    const tokenPath = job?.authorization?.credentials_file ?? "";
    const secret = /^\/run\/secrets\/([\w.-]+)$/.exec(tokenPath)?.[1] ?? "";
    expect(secretNames(svc("prometheus"))).toContain(secret);
    expect(secretNames(svc("app"))).toContain(secret);
    expect(svc("app").environment?.MINIPORTAL_METRICS_TOKEN_FILE).toBe(tokenPath);
  });

  it("probes the app's /health through the blackbox service", () => {
    const job = prometheus.scrape_configs.find((s) => s.job_name === "miniportal-health");
    const probed = new URL(job?.static_configs?.[0]?.targets[0] ?? "");
    expect(probed.hostname).toBe("app");
    expect(probed.port).toBe(svc("app").environment?.PORT);
    expect(probed.pathname).toBe("/health");
    const address = job?.relabel_configs?.find((r) => r.target_label === "__address__")?.replacement ?? "";
    expect(hostPort(address)).toEqual({ host: "blackbox", port: "9115" });
    const probeModule = job?.params?.module?.[0] ?? "";
    const bbConfig = readYaml<{ modules: Record<string, unknown> }>(
      hostFileAt("blackbox", flag(svc("blackbox"), "--config.file") ?? ""),
    );
    expect(bbConfig.modules).toHaveProperty(probeModule);
  });

  it("mounts Prometheus's config where --config.file looks, with its rule files beside it", () => {
    const configPath = flag(svc("prometheus"), "--config.file") ?? "";
    expect(hostFileAt("prometheus", configPath)).toBe(PROMETHEUS_YML);
    for (const rf of prometheus.rule_files ?? []) {
      const inContainer = path.posix.resolve(path.posix.dirname(configPath), rf);
      expect(existsSync(hostFileAt("prometheus", inContainer)), rf).toBe(true);
    }
    // The invite SLO window is 30 days: retention must cover it.
    const retention = flag(svc("prometheus"), "--storage.tsdb.retention.time") ?? "15d";
    expect(Number.parseInt(retention, 10)).toBeGreaterThanOrEqual(30);
  });

  it("mounts Tempo's config where -config.file looks", () => {
    const tempoCfg = flag(svc("tempo"), "-config.file") ?? "";
    expect(hostFileAt("tempo", tempoCfg)).toBe(path.join(OPS, "tempo/tempo.yml"));
  });

  it("mounts only host files and directories that exist (relative to ops/)", () => {
    for (const [name, s] of Object.entries(services)) {
      for (const m of mounts(s)) {
        if (m.bind) {
          expect(existsSync(path.resolve(OPS, m.source)), `${name}: ${m.source}`).toBe(true);
        } else {
          expect(compose.volumes ?? {}, `${name}: named volume ${m.source}`).toHaveProperty(m.source);
        }
      }
    }
  });

  it("keeps secrets in ops/secrets, generated by init-secrets.sh and never committed", () => {
    const declared = Object.entries(compose.secrets ?? {});
    expect(declared.length).toBeGreaterThan(0);
    for (const [, s] of declared) expect(path.dirname(s.file)).toBe("./secrets");
    for (const [name, s] of Object.entries(services)) {
      for (const secret of secretNames(s)) expect(compose.secrets, `${name}: ${secret}`).toHaveProperty(secret);
    }
    expect(readFileSync(path.join(OPS, "secrets/.gitignore"), "utf8").split("\n")).toContain("*");

    const { dir, cleanup } = tempDir();
    try {
      const secrets = path.join(dir, "secrets");
      execFileSync("sh", [path.join(OPS, "init-secrets.sh"), secrets], { stdio: "pipe" });
      for (const [, s] of declared) {
        const file = path.join(secrets, path.basename(s.file));
        expect(readFileSync(file, "utf8"), file).toMatch(/^[0-9a-f]{64}$/);
        expect(statSync(file).mode & 0o777).toBe(0o644);
      }
      expect(statSync(secrets).mode & 0o777).toBe(0o700);
      // A second run must not replace anything (the master pass guards every journal).
      const before = readFileSync(path.join(secrets, "portal_master_pass"), "utf8");
      execFileSync("sh", [path.join(OPS, "init-secrets.sh"), secrets], { stdio: "pipe" });
      expect(readFileSync(path.join(secrets, "portal_master_pass"), "utf8")).toBe(before);
    } finally {
      cleanup();
    }
  });
});

describe("grafana provisioning", () => {
  const provisioning = hostFileAt("grafana", "/etc/grafana/provisioning");
  const datasources = readYaml<{ datasources: { uid: string; type: string; url: string }[] }>(
    path.join(provisioning, "datasources/datasources.yml"),
  ).datasources;

  it("points the Prometheus datasource at the prometheus service and port", () => {
    const ds = datasources.find((d) => d.uid === "prometheus");
    expect(ds?.type).toBe("prometheus");
    const url = new URL(ds?.url ?? "");
    expect(url.hostname).toBe("prometheus");
    expect(services).toHaveProperty(url.hostname);
    const listen = flag(svc("prometheus"), "--web.listen-address") ?? ":9090";
    expect(url.port).toBe(hostPort(listen).port);
  });

  it("points the Tempo datasource at the tempo service's query port", () => {
    const ds = datasources.find((d) => d.uid === "tempo");
    expect(ds?.type).toBe("tempo");
    const url = new URL(ds?.url ?? "");
    expect(url.hostname).toBe("tempo");
    expect(url.port).toBe(String(tempo.server.http_listen_port));
  });

  it("loads the dashboard from where it is mounted, with the datasource uid it uses", () => {
    const providers = readYaml<{ providers: { options: { path: string } }[] }>(
      path.join(provisioning, "dashboards/dashboards.yml"),
    ).providers;
    const dir = providers[0]?.options.path ?? "";
    expect(hostFileAt("grafana", path.posix.join(dir, "portal.json"))).toBe(DASHBOARD_JSON);
    const home = svc("grafana").environment?.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH;
    if (home) expect(hostFileAt("grafana", home)).toBe(DASHBOARD_JSON);

    const used = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object") {
        const o = v as Record<string, unknown>;
        const ds = o.datasource as { uid?: string; type?: string } | undefined;
        if (ds?.uid && ds.type !== "grafana") used.add(ds.uid);
        Object.values(o).forEach(walk);
      }
    };
    walk(readJson(DASHBOARD_JSON));
    for (const uid of used) expect(datasources.map((d) => d.uid)).toContain(uid);
  });
});

describe("app image", () => {
  const dockerfile = readFileSync(path.join(OPS, "Dockerfile"), "utf8");

  it("builds on node 24 bookworm-slim (the .nvmrc line) with npm ci, the build script and npm start", () => {
    const line = readFileSync(path.join(REPO, ".nvmrc"), "utf8").trim();
    expect(line).toBe("24");
    expect(dockerfile).toMatch(new RegExp(`^FROM node:${line}-bookworm-slim AS build$`, "m"));
    expect(dockerfile).toMatch(new RegExp(`^FROM node:${line}-bookworm-slim AS runtime$`, "m"));
    expect(dockerfile).toMatch(/^RUN npm ci$/m);
    expect(dockerfile).toMatch(/^RUN npm run build$/m);
    expect(dockerfile).toMatch(/^CMD \["npm", "start"\]$/m);
    expect(dockerfile).toMatch(/^VOLUME \["\/data"\]$/m);
  });

  it("keeps secrets and local state out of the build context", () => {
    const ignore = readFileSync(path.join(OPS, "Dockerfile.dockerignore"), "utf8").split("\n");
    for (const entry of ["ops/secrets", "**/node_modules", ".git", "**/.env*"]) expect(ignore).toContain(entry);
    const entrypoint = /^ENTRYPOINT \["sh", "\/app\/(.+)"\]$/m.exec(dockerfile)?.[1] ?? "";
    expect(existsSync(path.join(REPO, entrypoint)), entrypoint).toBe(true);
  });

  it("entrypoint turns *_FILE secrets into variables", () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = path.join(dir, "token");
      execFileSync("sh", ["-c", `printf 's3cret\\n' > "${file}"`]);
      const env: Record<string, string | undefined> = { ...process.env, MINIPORTAL_METRICS_TOKEN_FILE: file };
      delete env.MINIPORTAL_METRICS_TOKEN;
      const out = execFileSync(
        "sh",
        [path.join(OPS, "docker-entrypoint.sh"), "sh", "-c", 'printf "%s|%s" "$MINIPORTAL_METRICS_TOKEN" "${MINIPORTAL_METRICS_TOKEN_FILE-unset}"'],
        { env: env as NodeJS.ProcessEnv, encoding: "utf8" },
      );
      expect(out).toBe("s3cret|unset");
    } finally {
      cleanup();
    }
  });
});
