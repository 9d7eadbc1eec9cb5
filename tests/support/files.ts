import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { useFileStore } from "@/lib/assessment/files";
import { localFileStore } from "@/lib/storage";
import { simplePdf } from "@/lib/storage/pdf";

/** A small but real one-page PDF. */
export function pdfBytes(text = "Evidence"): Uint8Array {
  return simplePdf(text);
}

/** A 1×1 PNG. */
export function pngBytes(): Uint8Array {
  return Uint8Array.from(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64"));
}

/** Points the evidence services at a fresh temporary store for this test file; returns its root. */
export function useTemporaryFileStore(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "attain-files-"));
  useFileStore(localFileStore(root));
  return root;
}

/** Every stored file under a store root (to check nothing is left behind). */
export function storedFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(full);
    }
  };
  if (fs.existsSync(root)) walk(root);
  return out;
}
