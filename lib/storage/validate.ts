/**
 * Validation of an uploaded evidence file: its name, its size and its real type. Pure — no I/O.
 *
 * The type is detected from the file's bytes (magic numbers and, for ZIP-based formats, the archive's
 * central directory); the browser's MIME type is never trusted. The file's extension must agree with
 * what the bytes say it is, so a PNG named `x.pdf` or a plain ZIP named `x.docx` is refused.
 */

const MIB = 1024 * 1024;
export const DEFAULT_MAX_UPLOAD_BYTES = 20 * MIB;

/** At most this many files in one upload (gateway evidence for an item, an evidence request answer, a document). */
export const MAX_FILES_PER_UPLOAD = 10;
export const MAX_FILE_NAME_LENGTH = 200;

/** The kinds of file we accept, by canonical extension. */
export type UploadKind = "pdf" | "doc" | "docx" | "xls" | "xlsx" | "pptx" | "odt" | "ods" | "jpg" | "png";

export const CONTENT_TYPES = {
  pdf: "application/pdf",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  odt: "application/vnd.oasis.opendocument.text",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  jpg: "image/jpeg",
  png: "image/png",
} as const satisfies Record<UploadKind, string>;

/** File extensions (lower case, no dot) accepted for each kind. */
export const EXTENSIONS = {
  pdf: ["pdf"],
  doc: ["doc"],
  docx: ["docx"],
  xls: ["xls"],
  xlsx: ["xlsx"],
  pptx: ["pptx"],
  odt: ["odt"],
  ods: ["ods"],
  jpg: ["jpg", "jpeg"],
  png: ["png"],
} as const satisfies Record<UploadKind, readonly string[]>;

/** Maximum upload size in bytes: `ATTAIN_MAX_UPLOAD_MB` (a positive number of MiB) if set, else 20 MiB. Read at call time. */
export function maxUploadBytes(): number {
  const raw = process.env.ATTAIN_MAX_UPLOAD_MB?.trim();
  if (!raw) return DEFAULT_MAX_UPLOAD_BYTES;
  const mb = Number(raw);
  const bytes = Math.floor(mb * MIB);
  return Number.isFinite(mb) && bytes > 0 ? bytes : DEFAULT_MAX_UPLOAD_BYTES;
}

export const UPLOAD_LIMITS = {
  /** The effective limit; reads `ATTAIN_MAX_UPLOAD_MB` each time (see `maxUploadBytes`). */
  get maxBytes(): number {
    return maxUploadBytes();
  },
  defaultMaxBytes: DEFAULT_MAX_UPLOAD_BYTES,
  maxNameLength: MAX_FILE_NAME_LENGTH,
  kinds: Object.keys(CONTENT_TYPES) as readonly UploadKind[],
  extensions: Object.values(EXTENSIONS).flat() as readonly string[],
  contentTypes: CONTENT_TYPES,
};

export const UPLOAD_MESSAGES = {
  empty: "The selected file is empty",
  wrongType: "The selected file must be a PDF, Word, Excel, PowerPoint, OpenDocument, JPG or PNG file",
  nameMissing: "The file name must not be empty",
  nameOnlyDots: "The file name must contain letters or numbers, not only dots",
  nameControl: "The file name must not contain control characters",
  nameTooLong: `The file name must be ${MAX_FILE_NAME_LENGTH} characters or fewer`,
  tooBig: (maxBytes: number) => `The selected file must be smaller than ${formatSize(maxBytes)}`,
} as const;

export type ValidatedUpload = { safeName: string; extension: string; contentType: string; size: number };
export type UploadValidation = { ok: true; file: ValidatedUpload } | { ok: false; message: string };

export function validateUpload(input: { name: string; bytes: Uint8Array }): UploadValidation {
  const name = checkFileName(input.name);
  if (!name.ok) return name;

  const size = input.bytes.byteLength;
  if (size === 0) return { ok: false, message: UPLOAD_MESSAGES.empty };
  const maxBytes = maxUploadBytes();
  if (size > maxBytes) return { ok: false, message: UPLOAD_MESSAGES.tooBig(maxBytes) };

  const extension = extensionOf(name.safeName);
  const kind = extension ? detectKinds(input.bytes).find((k) => (EXTENSIONS[k] as readonly string[]).includes(extension)) : undefined;
  if (!extension || !kind) return { ok: false, message: UPLOAD_MESSAGES.wrongType };

  return { ok: true, file: { safeName: name.safeName, extension, contentType: CONTENT_TYPES[kind], size } };
}

// ---------------------------------------------------------------------------------------------------------
// File names

// C0 and C1 control characters, DEL.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
const UNSAFE_NAME_CHAR = /[^\p{L}\p{M}\p{N} ._()-]/gu;

/**
 * Checks a client-supplied file name and returns its base name with unusual characters replaced by `_`.
 * The result is for display and downloads only — storage keys never come from user input.
 */
export function checkFileName(raw: string): { ok: true; safeName: string } | { ok: false; message: string } {
  if (CONTROL.test(raw)) return { ok: false, message: UPLOAD_MESSAGES.nameControl };
  const base = raw
    .normalize("NFC")
    .slice(Math.max(raw.lastIndexOf("/"), raw.lastIndexOf("\\")) + 1)
    .trim();
  if (!base) return { ok: false, message: UPLOAD_MESSAGES.nameMissing };
  if (/^[.\s]+$/u.test(base)) return { ok: false, message: UPLOAD_MESSAGES.nameOnlyDots };
  if (base.length > MAX_FILE_NAME_LENGTH) return { ok: false, message: UPLOAD_MESSAGES.nameTooLong };
  return { ok: true, safeName: base.replace(UNSAFE_NAME_CHAR, "_") };
}

/** Lower-case extension without the dot, or "" (a leading dot, as in `.pdf`, is not an extension). */
function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

function formatSize(bytes: number): string {
  const [value, unit] = bytes >= MIB ? [bytes / MIB, "MB"] : bytes >= 1024 ? [bytes / 1024, "KB"] : [bytes, "bytes"];
  return `${Number(value.toFixed(1))} ${unit}`;
}

// ---------------------------------------------------------------------------------------------------------
// Type detection

const PDF = ascii("%PDF-");
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];

/**
 * The kinds the bytes could be (usually one; an OLE2 Word file with an embedded workbook could be either).
 * Empty when the bytes are not an accepted kind.
 */
export function detectKinds(bytes: Uint8Array): UploadKind[] {
  if (startsWith(bytes, PDF)) return ["pdf"];
  if (startsWith(bytes, PNG)) return ["png"];
  if (startsWith(bytes, JPEG)) return ["jpg"];
  if (startsWith(bytes, OLE2)) return oleKinds(bytes);
  if (startsWith(bytes, ZIP_LOCAL)) return zipKinds(bytes);
  return [];
}

/** Legacy Office: an OLE2 compound file whose directory names a `WordDocument` or `Workbook` (`Book` for Excel 5) stream. */
function oleKinds(bytes: Uint8Array): UploadKind[] {
  const kinds: UploadKind[] = [];
  if (indexOf(bytes, utf16le("WordDocument\0")) >= 0) kinds.push("doc");
  if (indexOf(bytes, utf16le("Workbook\0")) >= 0 || indexOf(bytes, utf16le("Book\0")) >= 0) kinds.push("xls");
  return kinds;
}

const ODF_MIMETYPES: ReadonlyArray<[UploadKind, string]> = [
  ["odt", CONTENT_TYPES.odt],
  ["ods", CONTENT_TYPES.ods],
];

/** OOXML (`[Content_Types].xml` plus a `word/`, `xl/` or `ppt/` part, no VBA macros) or OpenDocument (a stored `mimetype` first entry). */
function zipKinds(bytes: Uint8Array): UploadKind[] {
  const names = zipEntryNames(bytes);
  if (!names) return [];
  const lower = names.map((n) => n.toLowerCase());
  if (lower.some((n) => n.endsWith("vbaproject.bin"))) return [];

  if (lower.includes("[content_types].xml")) {
    const kinds: UploadKind[] = [];
    if (lower.some((n) => n.startsWith("word/"))) kinds.push("docx");
    if (lower.some((n) => n.startsWith("xl/"))) kinds.push("xlsx");
    if (lower.some((n) => n.startsWith("ppt/"))) kinds.push("pptx");
    return kinds;
  }

  if (names.includes("mimetype")) {
    const mimetype = odfMimetype(bytes);
    return ODF_MIMETYPES.filter(([, type]) => type === mimetype).map(([kind]) => kind);
  }
  return [];
}

/** Entry names from the ZIP central directory, or null when the archive is malformed or ZIP64. */
function zipEntryNames(bytes: Uint8Array): string[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const EOCD_SIZE = 22;
  const lowest = Math.max(0, bytes.length - EOCD_SIZE - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - EOCD_SIZE; i >= lowest; i--) {
    if (view.getUint32(i, true) === 0x06054b50 && i + EOCD_SIZE + view.getUint16(i + 20, true) <= bytes.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;

  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) return null;
  if (cdOffset + cdSize > eocd) return null;

  const decoder = new TextDecoder("utf-8", { fatal: false });
  const names: string[] = [];
  let p = cdOffset;
  const end = cdOffset + cdSize;
  for (let n = 0; n < count; n++) {
    if (p + 46 > end || view.getUint32(p, true) !== 0x02014b50) return null;
    const nameLength = view.getUint16(p + 28, true);
    const next = p + 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    if (next > end) return null;
    names.push(decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength)));
    p = next;
  }
  return names;
}

/** The contents of an OpenDocument package's first entry, which must be an uncompressed file named `mimetype`. */
function odfMimetype(bytes: Uint8Array): string | null {
  if (bytes.length < 30) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const method = view.getUint16(8, true);
  const size = view.getUint32(18, true);
  const nameLength = view.getUint16(26, true);
  const extraLength = view.getUint16(28, true);
  const start = 30 + nameLength + extraLength;
  if (method !== 0 || nameLength !== 8 || size > 100 || start + size > bytes.length) return null;
  if (new TextDecoder().decode(bytes.subarray(30, 38)) !== "mimetype") return null;
  return new TextDecoder().decode(bytes.subarray(start, start + size));
}

function ascii(s: string): number[] {
  return Array.from(s, (c) => c.charCodeAt(0));
}

function utf16le(s: string): number[] {
  return Array.from(s).flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]);
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);
}

/** Plain byte search (no `Buffer`, so this module also works in the browser). */
function indexOf(bytes: Uint8Array, needle: readonly number[]): number {
  const first = needle[0];
  if (first === undefined) return 0;
  for (let i = bytes.indexOf(first); i >= 0 && i + needle.length <= bytes.length; i = bytes.indexOf(first, i + 1)) {
    if (needle.every((b, j) => bytes[i + j] === b)) return i;
  }
  return -1;
}
