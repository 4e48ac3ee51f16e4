import { describe, expect, it } from "vitest";
import type { ServeListening } from "../../../src/commands/serve.js";
import { serveBanner, serveCountsText } from "../../../src/output/downloadView.js";
import { makeStyle } from "../../../src/output/style.js";

const base: ServeListening = { bound: "0.0.0.0:8787", url: "http://192.168.1.20:8787/range/", localOnly: false, noAddress: false, notLocal: false, otherAddresses: [], verified: true, path: "/data", format: "prefix-folder", mode: "sha1" };
const qr = (text: string) => `[QR of ${text}]\n`;

describe("harden serve's banner", () => {
  it("for a room: the participants' command, the code, the other addresses of this computer, the plain-http warning", async () => {
    const style = await makeStyle(false);
    const text = serveBanner({ ...base, otherAddresses: ["172.17.0.1", "10.0.3.1"] }, style, qr);
    expect(text).toContain("Participants run: harden password --range-url http://192.168.1.20:8787/range/");
    expect(text).toContain("[QR of http://192.168.1.20:8787/range/]");
    expect(text).toContain("This computer also has these addresses: 172.17.0.1, 10.0.3.1. If participants cannot connect, try one of them instead.");
    expect(text).toContain("Warning: the room's traffic is plain HTTP");
    expect(serveBanner(base, style, qr)).not.toContain("also has these addresses");
  });

  it("on an address that is not on a local network: no command or code harden would refuse, and why", async () => {
    const style = await makeStyle(false);
    const text = serveBanner({ ...base, bound: "203.0.113.7:8787", url: "http://203.0.113.7:8787/range/", notLocal: true }, style, qr);
    expect(text).toContain("203.0.113.7:8787 is not an address on a local network, so participants' harden will not use plain http to it.");
    expect(text).not.toContain("Participants run");
    expect(text).not.toContain("[QR of");
    expect(text).toContain("Warning: the room's traffic is plain HTTP");
  });

  it("with no local network address found: how to find it, and no command or code for this computer's loopback", async () => {
    const style = await makeStyle(false);
    const text = serveBanner({ ...base, bound: "0.0.0.0:8787", url: "http://127.0.0.1:8787/range/", noAddress: true }, style, qr);
    expect(text).toContain("No local network address was found");
    expect(text).toContain("Participants run: harden password --range-url http://ADDRESS:8787/range/, with this computer's address on the room's network");
    expect(text).not.toContain("--range-url http://127.0.0.1");
    expect(text).not.toContain("127.0.0.1");
    expect(text).toContain("Answering range requests on port 8787 of every address of this computer.");
    expect(text).toContain("It must be a local network address");
    expect(text).not.toContain("[QR of");
  });

  it("asks for harden data verify first when the data was never checked in full, and only then", async () => {
    const style = await makeStyle(false);
    expect(serveBanner({ ...base, verified: false }, style, qr)).toContain("This data was not checked in full as it is now. Before the room uses it, run harden data verify /data");
    expect(serveBanner(base, style, qr)).not.toContain("not checked in full");
  });

  it("counts refused requests apart from those the data could not answer", () => {
    expect(serveCountsText({ requests: 10, ranges: 6, refused: 3, failed: 1 })).toBe("Answered so far: requests 10, ranges 6, refused 3, the data could not answer 1.");
  });
});
