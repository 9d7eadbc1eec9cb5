import "server-only";
import { MAX_FILES_PER_UPLOAD, fileStore, readVerified, validateUpload, type FileStore } from "@/lib/storage";
import { NotFoundError, ValidationError } from "@/lib/errors";

/** An uploaded file as a service receives it (from a server action's FormData or a test). */
export type UploadInput = { name: string; bytes: Uint8Array };

export type StoredUpload = { fileName: string; contentType: string; size: number; sha256: string; storageKey: string };

let storeOverride: FileStore | null = null;
/** Tests may point the services at a temporary store. */
export function useFileStore(store: FileStore | null) {
  storeOverride = store;
}
export function evidenceStore(): FileStore {
  return storeOverride ?? fileStore();
}

/**
 * Validates every file first (type by content, size, name) and refuses the lot with one message per bad file under
 * `field`; then stores them. `persist` writes the rows; if it throws, the stored bytes are removed again, so a
 * failed upload leaves no orphan file and no row.
 */
export async function storeUploads<T>(field: string, files: UploadInput[], persist: (stored: StoredUpload[]) => Promise<T>): Promise<T> {
  if (files.length === 0) throw new ValidationError({ [field]: "Select a file to upload" });
  if (files.length > MAX_FILES_PER_UPLOAD) throw new ValidationError({ [field]: `Upload ${MAX_FILES_PER_UPLOAD} files or fewer at a time` });
  const problems: string[] = [];
  const valid = files.map((f) => {
    const result = validateUpload(f);
    if (!result.ok) problems.push(files.length === 1 ? result.message : `${displayName(f.name)}: ${result.message}`);
    return result;
  });
  if (problems.length > 0) throw new ValidationError({ [field]: problems.join(". ") });
  const store = evidenceStore();
  const stored: StoredUpload[] = [];
  try {
    for (const [i, f] of files.entries()) {
      const v = valid[i]!;
      if (!v.ok) continue;
      const put = await store.put(f.bytes);
      stored.push({ fileName: v.file.safeName, contentType: v.file.contentType, size: put.size, sha256: put.sha256, storageKey: put.key });
    }
    return await persist(stored);
  } catch (error) {
    await Promise.all(stored.map((s) => store.remove(s.storageKey).catch(() => undefined)));
    throw error;
  }
}

function displayName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  return base.length > 60 ? `${base.slice(0, 57)}…` : base || "A file";
}

/** The bytes of a stored file, checked against its checksum; a missing or altered file is a 404 (and is logged). */
export async function readStored(row: { storageKey: string; sha256: string }): Promise<Uint8Array> {
  const bytes = await readVerified(row.storageKey, row.sha256, evidenceStore());
  if (!bytes) throw new NotFoundError("File not found.");
  return bytes;
}
