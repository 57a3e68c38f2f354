// Which errors every form answers with "Nothing was saved": storage faults only.
import { describe, expect, it } from "vitest";
import { StorageWriteError, storageFaultOf } from "@/lib/db/write-errors";

const driverError = (originalCode: string) =>
  Object.assign(new Error("driver"), { meta: { driverAdapterError: { cause: { originalCode } } } });

describe("storageFaultOf", () => {
  it("names the reason of a read-only, full or unreachable database", () => {
    expect(storageFaultOf(driverError("SQLITE_READONLY"))?.reason).toBe("readOnly");
    expect(storageFaultOf(driverError("SQLITE_IOERR_WRITE"))?.reason).toBe("readOnly");
    expect(storageFaultOf(driverError("SQLITE_FULL"))?.reason).toBe("full");
    const pg = Object.assign(new Error("gone"), { cause: { kind: "postgres", code: "57P01" } });
    expect(storageFaultOf(pg)?.reason).toBe("unreachable");
    const wrapped = new StorageWriteError("note", "SQLITE_FULL", { cause: driverError("SQLITE_FULL") });
    expect(storageFaultOf(wrapped)).toMatchObject({ error: wrapped, reason: "full" });
  });

  it("leaves bugs, conflicts and lock waits alone", () => {
    expect(storageFaultOf(new TypeError("x is undefined"))).toBeNull();
    expect(storageFaultOf(Object.assign(new Error("unique"), { code: "P2002" }))).toBeNull();
    expect(storageFaultOf(driverError("SQLITE_BUSY"))).toBeNull();
  });
});
