// A tiny OTLP/HTTP trace receiver on loopback for the tests: accepts
// POST /v1/traces (protobuf, or JSON), decodes the spans with a minimal protobuf
// reader, and keeps both the decoded spans and the raw bodies (the privacy tests
// search the raw bytes, which no decoder bug can hide anything from).
import { appendFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedSpan = {
  service: string | null;
  scope: string;
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  attributes: Record<string, unknown>;
  events: { name: string; attributes: Record<string, unknown> }[];
  status: { code: number; message: string };
  resource: Record<string, unknown>;
};

// --- protobuf wire format: just what OTLP traces use ---------------------------
type Field = { no: number; wire: number; varint?: bigint; bytes?: Buffer; fixed?: Buffer };

function readVarint(buf: Buffer, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    const byte = buf[pos++];
    if (byte === undefined) throw new Error("truncated varint");
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [result, pos];
    shift += 7n;
  }
}

function fields(buf: Buffer): Field[] {
  const out: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [key, next] = readVarint(buf, pos);
    pos = next;
    const no = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (wire === 0) {
      const [v, p] = readVarint(buf, pos);
      out.push({ no, wire, varint: v });
      pos = p;
    } else if (wire === 1) {
      out.push({ no, wire, fixed: buf.subarray(pos, pos + 8) });
      pos += 8;
    } else if (wire === 2) {
      const [len, p] = readVarint(buf, pos);
      out.push({ no, wire, bytes: buf.subarray(p, p + Number(len)) });
      pos = p + Number(len);
    } else if (wire === 5) {
      out.push({ no, wire, fixed: buf.subarray(pos, pos + 4) });
      pos += 4;
    } else {
      throw new Error(`unsupported wire type ${wire}`);
    }
  }
  return out;
}

const str = (f: Field | undefined) => f?.bytes?.toString("utf8") ?? "";
const hex = (f: Field | undefined) => f?.bytes?.toString("hex") ?? "";
const each = (fs: Field[], no: number) => fs.filter((f) => f.no === no);
const one = (fs: Field[], no: number) => fs.find((f) => f.no === no);

function anyValue(buf: Buffer): unknown {
  const f = fields(buf)[0];
  if (!f) return null;
  switch (f.no) {
    case 1:
      return str(f);
    case 2:
      return f.varint === 1n;
    case 3:
      return Number(BigInt.asIntN(64, f.varint ?? 0n));
    case 4:
      return f.fixed?.readDoubleLE(0) ?? 0;
    case 5:
      return each(fields(f.bytes!), 1).map((v) => anyValue(v.bytes!));
    case 6:
      return keyValues(each(fields(f.bytes!), 1));
    case 7:
      return f.bytes?.toString("hex");
    default:
      return null;
  }
}

function keyValues(list: Field[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kv of list) {
    const fs = fields(kv.bytes!);
    const value = one(fs, 2);
    out[str(one(fs, 1))] = value?.bytes ? anyValue(value.bytes) : null;
  }
  return out;
}

/** ExportTraceServiceRequest (protobuf) into spans. */
export function decodeTraceRequest(body: Buffer): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  for (const rs of each(fields(body), 1)) {
    const rsFields = fields(rs.bytes!);
    const resourceField = one(rsFields, 1);
    const resource = resourceField ? keyValues(each(fields(resourceField.bytes!), 1)) : {};
    for (const ss of each(rsFields, 2)) {
      const ssFields = fields(ss.bytes!);
      const scopeField = one(ssFields, 1);
      const scope = scopeField ? str(one(fields(scopeField.bytes!), 1)) : "";
      for (const sp of each(ssFields, 2)) {
        const s = fields(sp.bytes!);
        const statusField = one(s, 15);
        const status = statusField ? fields(statusField.bytes!) : [];
        spans.push({
          service: typeof resource["service.name"] === "string" ? resource["service.name"] : null,
          scope,
          name: str(one(s, 5)),
          kind: Number(one(s, 6)?.varint ?? 0n),
          traceId: hex(one(s, 1)),
          spanId: hex(one(s, 2)),
          parentSpanId: hex(one(s, 4)),
          attributes: keyValues(each(s, 9)),
          events: each(s, 11).map((e) => {
            const ef = fields(e.bytes!);
            return { name: str(one(ef, 2)), attributes: keyValues(each(ef, 3)) };
          }),
          status: { code: Number(one(status, 3)?.varint ?? 0n), message: str(one(status, 2)) },
          resource,
        });
      }
    }
  }
  return spans;
}

export type OtlpReceiver = {
  url: string;
  port: number;
  spans(): ReceivedSpan[];
  rawBodies(): Buffer[];
  close(): Promise<void>;
};

/** Starts the receiver on 127.0.0.1; with `files`, also appends what arrives to them. */
export async function startOtlpReceiver(
  options: { port?: number; spansFile?: string; rawFile?: string } = {},
): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const raw: Buffer[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      if (req.method !== "POST" || req.url !== "/v1/traces") {
        res.writeHead(404).end();
        return;
      }
      raw.push(body);
      if (options.rawFile) appendFileSync(options.rawFile, body);
      try {
        const decoded = String(req.headers["content-type"]).includes("json") ? [] : decodeTraceRequest(body);
        spans.push(...decoded);
        if (options.spansFile) for (const s of decoded) appendFileSync(options.spansFile, `${JSON.stringify(s)}\n`);
        res.writeHead(200, { "content-type": "application/x-protobuf" }).end();
      } catch (error) {
        res.writeHead(400).end(String(error));
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    spans: () => [...spans],
    rawBodies: () => [...raw],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
