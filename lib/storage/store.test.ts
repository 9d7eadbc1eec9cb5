import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fileStore, fileStoreRoot, isFileKey, localFileStore, readVerified, verify, type FileStore } from "./store";

const KEY = /^([0-9a-f]{2})\/([0-9a-f]{2})\/\1\2[0-9a-f]{4}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const bytes = (s: string) => new TextEncoder().encode(s);
const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** Every file under dir, relative, with `/` separators. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

let sandbox: string; // holds the store root and a sibling "outside" directory
let root: string;
let store: FileStore;

beforeEach(async () => {
  sandbox = await mkdtemp(path.join(os.tmpdir(), "attain-store-"));
  root = path.join(sandbox, "files");
  store = localFileStore(root);
});

afterEach(async () => {
  vi.restoreAllMocks();
  await rm(sandbox, { recursive: true, force: true });
});

describe("localFileStore", () => {
  it("round-trips bytes under a generated, sharded UUID key", async () => {
    const data = bytes("%PDF-1.4 evidence");
    const stored = await store.put(data);

    expect(stored.key).toMatch(KEY);
    expect(isFileKey(stored.key)).toBe(true);
    expect(stored.size).toBe(data.length);
    expect(stored.sha256).toBe(sha256(data));
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);

    const read = await store.read(stored.key);
    expect(read).toBeInstanceOf(Uint8Array);
    expect(Array.from(read!)).toEqual(Array.from(data));
    expect(await listFiles(root)).toEqual([stored.key]);

    await store.remove(stored.key);
    expect(await store.read(stored.key)).toBeNull();
    expect(await listFiles(root)).toEqual([]);
  });

  it("gives every put a new key, even for identical bytes", async () => {
    const data = bytes("same");
    const a = await store.put(data);
    const b = await store.put(data);
    expect(a.key).not.toBe(b.key);
    expect(a.sha256).toBe(b.sha256);
    expect(await listFiles(root)).toEqual([a.key, b.key].sort());
  });

  it("stores empty and binary content exactly", async () => {
    const binary = Uint8Array.from({ length: 256 }, (_, i) => i);
    const view = new Uint8Array(new Uint8Array(300).fill(9).buffer, 10, 20); // a view into a larger buffer
    for (const data of [new Uint8Array(0), binary, view]) {
      const stored = await store.put(data);
      expect(stored.size).toBe(data.length);
      expect(stored.sha256).toBe(sha256(data));
      expect(Array.from((await store.read(stored.key))!)).toEqual(Array.from(data));
    }
  });

  it("creates the root on first write and leaves no temporary files", async () => {
    await expect(stat(root)).rejects.toThrow();
    const keys = await Promise.all(Array.from({ length: 10 }, (_, i) => store.put(bytes(`file ${i}`)).then((s) => s.key)));
    const files = await listFiles(root);
    expect(files).toEqual(keys.sort());
    expect(files.some((f) => f.endsWith(".tmp") || path.basename(f).startsWith("."))).toBe(false);
    expect(await listFiles(sandbox)).toEqual(keys.map((k) => `files/${k}`).sort());
  });

  it("returns null for a well-formed key that was never stored, and removing it is a no-op", async () => {
    const missing = "ab/cd/abcd1234-5678-4abc-8def-0123456789ab";
    expect(isFileKey(missing)).toBe(true);
    expect(await store.read(missing)).toBeNull();
    await expect(store.remove(missing)).resolves.toBeUndefined();
    const stored = await store.put(bytes("x"));
    await store.remove(stored.key);
    await expect(store.remove(stored.key)).resolves.toBeUndefined();
  });

  describe("refuses keys that are not its own", () => {
    let victim: string;
    let stored: { key: string };

    beforeEach(async () => {
      victim = path.join(sandbox, "secret.txt");
      await writeFile(victim, "secret");
      stored = await store.put(bytes("mine"));
    });

    const bad = (key: string) => [
      "../secret.txt",
      "../../secret.txt",
      "./../secret.txt",
      "ab/cd/../../../secret.txt",
      "..\\secret.txt",
      "%2e%2e/secret.txt",
      "",
      ".",
      "..",
      "/etc/passwd",
      path.join(sandbox, "secret.txt"),
      key.toUpperCase(),
      ` ${key}`,
      `${key}\n`,
      `${key}\0`,
      `/${key}`,
      `${key}/`,
      key.split("/").join("\\"),
      key.split("/")[2]!, // the bare UUID, unsharded
      `00/00/${key.split("/")[2]}`, // wrong shard
      `${key.slice(0, 6)}../../x`,
      `ab/cd/abcd1234-5678-1abc-8def-0123456789ab`, // not v4
    ];

    it("read returns null and remove does nothing", async () => {
      for (const key of bad(stored.key)) {
        expect(isFileKey(key), key).toBe(false);
        expect(await store.read(key), key).toBeNull();
        await store.remove(key);
      }
      expect(await stat(victim)).toBeTruthy();
      expect(await listFiles(root)).toEqual([stored.key]);
      expect(Array.from((await store.read(stored.key))!)).toEqual(Array.from(bytes("mine")));
    });

    it("is not fooled by an absolute path", async () => {
      expect(await localFileStore(sandbox).read(victim)).toBeNull();
      expect(await localFileStore("/").read("/etc/passwd")).toBeNull();
      expect(await localFileStore("/").read("etc/passwd")).toBeNull();
    });
  });
});

describe("readVerified", () => {
  it("returns the bytes when the checksum matches", async () => {
    const store = localFileStore(root);
    const data = bytes("evidence");
    const { key, sha256: digest } = await store.put(data);
    expect(Array.from((await readVerified(key, digest, store))!)).toEqual(Array.from(data));
    expect(await readVerified(key, digest.toUpperCase(), store)).not.toBeNull();
    expect(await verify(key, digest, store)).toBe(true);
  });

  it("returns null and logs when the stored file has been tampered with", async () => {
    const store = localFileStore(root);
    const { key, sha256: digest } = await store.put(bytes("original"));
    await writeFile(path.join(root, ...key.split("/")), "tampered");
    const log = vi.spyOn(console, "error").mockImplementation(() => {});

    expect(await readVerified(key, digest, store)).toBeNull();
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0]![0])).toContain(key);
    expect(await verify(key, digest, store)).toBe(false);
    // The raw read still works: verification is the caller's choice.
    expect(Array.from((await store.read(key))!)).toEqual(Array.from(bytes("tampered")));
  });

  it("returns null without logging when the file is missing", async () => {
    const store = localFileStore(root);
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await readVerified("ab/cd/abcd1234-5678-4abc-8def-0123456789ab", sha256(bytes("x")), store)).toBeNull();
    expect(log).not.toHaveBeenCalled();
  });
});

describe("fileStore", () => {
  const saved = process.env.ATTAIN_FILE_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.ATTAIN_FILE_DIR;
    else process.env.ATTAIN_FILE_DIR = saved;
  });

  it("defaults to .data/files under the working directory", () => {
    delete process.env.ATTAIN_FILE_DIR;
    expect(fileStoreRoot()).toBe(path.join(process.cwd(), ".data", "files"));
  });

  it("uses ATTAIN_FILE_DIR and caches one instance per root", async () => {
    process.env.ATTAIN_FILE_DIR = root;
    expect(fileStoreRoot()).toBe(root);
    const first = fileStore();
    expect(fileStore()).toBe(first);

    const { key, sha256: digest } = await first.put(bytes("default store"));
    expect(await listFiles(root)).toEqual([key]);
    expect(await readVerified(key, digest)).not.toBeNull();

    process.env.ATTAIN_FILE_DIR = path.join(sandbox, "other");
    expect(fileStore()).not.toBe(first);
    expect(await fileStore().read(key)).toBeNull();
  });
});
