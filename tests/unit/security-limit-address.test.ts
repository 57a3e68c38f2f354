// Per-address rate limits count an IPv6 client by its /64 (a subscriber picks any
// address in it at will); IPv4, also written as IPv6, stays the single address.
import { describe, expect, it } from "vitest";
import { limitAddress } from "@/lib/security/client-ip";

describe("the address a rate limit counts under", () => {
  it("keeps IPv4 and IPv4-mapped IPv6 as the single IPv4 address", () => {
    expect(limitAddress("192.0.2.7")).toBe("192.0.2.7");
    expect(limitAddress(" 10.0.0.9 ")).toBe("10.0.0.9");
    expect(limitAddress("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(limitAddress("::FFFF:192.0.2.7")).toBe("192.0.2.7");
    expect(limitAddress("[::ffff:192.0.2.7]")).toBe("192.0.2.7");
    expect(limitAddress("::ffff:c000:207")).toBe("192.0.2.7"); // the same, in hex groups
    expect(limitAddress("0:0:0:0:0:ffff:c000:0207")).toBe("192.0.2.7");
    // Two IPv4 clients next to each other are still two keys.
    expect(limitAddress("192.0.2.8")).not.toBe(limitAddress("192.0.2.7"));
  });

  it("reduces IPv6 to its /64 in one canonical spelling, whatever the input's", () => {
    const spellings = [
      "2001:db8:1:2::1",
      "2001:db8:1:2:aaaa:bbbb:cccc:dddd",
      "2001:0db8:0001:0002:0000:0000:0000:0001", // full form, leading zeros
      "2001:DB8:1:2:FFFF:FFFF:FFFF:FFFF", // upper case
      "[2001:db8:1:2::42]", // bracketed, as in a URL or Forwarded header
      "2001:db8:1:2:0:0:c000:207",
      "2001:db8:1:2::192.0.2.7", // an embedded IPv4 tail
      "2001:db8:1:2::1%eth0", // a zone id
    ];
    for (const address of spellings) expect(limitAddress(address), address).toBe("2001:db8:1:2::/64");
  });

  it("handles compressed forms, zeros inside the prefix and zone ids", () => {
    expect(limitAddress("::1")).toBe("::/64");
    expect(limitAddress("::")).toBe("::/64");
    expect(limitAddress("2001:db8::1")).toBe("2001:db8::/64");
    expect(limitAddress("2001:db8::")).toBe("2001:db8::/64");
    expect(limitAddress("fe80::1%eth0")).toBe("fe80::/64");
    expect(limitAddress("fe80::abcd:1%25en0")).toBe("fe80::/64");
    expect(limitAddress("2001:0:0:1::5")).toBe("2001:0:0:1::/64");
    expect(limitAddress("2001:db8:0:1::5")).toBe("2001:db8:0:1::/64");
    expect(limitAddress("0:db8:1:2::")).toBe("0:db8:1:2::/64");
    expect(limitAddress("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).toBe("ffff:ffff:ffff:ffff::/64");
  });

  it("a client rotating through its /64 stays one key; the neighbouring /64 is another", () => {
    const keys = new Set(Array.from({ length: 50 }, (_, i) => limitAddress(`2001:db8:aa:bb:${i.toString(16)}::${i}`)));
    expect([...keys]).toEqual(["2001:db8:aa:bb::/64"]);
    expect(limitAddress("2001:db8:aa:bc::1")).toBe("2001:db8:aa:bc::/64");
    expect(limitAddress("2001:db8:1:2::1")).not.toBe(limitAddress("2001:db8:1:3::1"));
  });

  it("leaves what is not an address as it came (normalised)", () => {
    expect(limitAddress("unknown")).toBe("unknown");
    expect(limitAddress("not:an:address")).toBe("not:an:address");
  });
});
