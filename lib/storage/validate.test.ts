import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pdfOf } from "./pdf";
import { CONTENT_TYPES, DEFAULT_MAX_UPLOAD_BYTES, UPLOAD_LIMITS, UPLOAD_MESSAGES, maxUploadBytes, validateUpload } from "./validate";

// ---------------------------------------------------------------------------------------------------------
// Byte fixtures

const text = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** A minimal but complete one-page PDF. */
function pdf(): Uint8Array {
  const objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"];
  return pdfOf(objects);
}

/** A real 1x1 PNG. */
const png = () => Uint8Array.from(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64"));

/** A JPEG: SOI, a JFIF APP0 segment, EOI. */
const jpeg = () => concat(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), text("JFIF\0"), Uint8Array.from([1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]));

/** An OLE2 compound file header followed by a directory sector naming the given streams. */
function ole2(...streams: string[]): Uint8Array {
  const header = new Uint8Array(512);
  header.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const directory = new Uint8Array(512);
  ["Root Entry", ...streams].forEach((name, i) => {
    const view = new DataView(directory.buffer, i * 128);
    Array.from(name).forEach((c, j) => view.setUint16(j * 2, c.charCodeAt(0), true));
    view.setUint16(64, (name.length + 1) * 2, true);
    view.setUint8(66, i === 0 ? 5 : 2);
  });
  return concat(header, directory);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A ZIP archive with "stored" (uncompressed) entries, in order. */
function zip(entries: Record<string, string>): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const nameBytes = text(name);
    const data = text(content);
    const crc = crc32(data);
    const local = new Uint8Array(30 + nameBytes.length + data.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, data.length, true);
    lv.setUint16(26, nameBytes.length, true);
    local.set(nameBytes, 30);
    local.set(data, 30 + nameBytes.length);

    const central = new Uint8Array(46 + nameBytes.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, data.length, true);
    cv.setUint16(28, nameBytes.length, true);
    cv.setUint32(42, offset, true);
    central.set(nameBytes, 46);

    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const cd = concat(...centrals);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, centrals.length, true);
  ev.setUint16(10, centrals.length, true);
  ev.setUint32(12, cd.length, true);
  ev.setUint32(16, offset, true);
  return concat(...locals, cd, eocd);
}

const CT = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
const RELS = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>';
const docx = () => zip({ "[Content_Types].xml": CT, "_rels/.rels": RELS, "word/document.xml": "<w:document/>" });
const xlsx = () => zip({ "[Content_Types].xml": CT, "_rels/.rels": RELS, "xl/workbook.xml": "<workbook/>" });
const pptx = () => zip({ "[Content_Types].xml": CT, "_rels/.rels": RELS, "ppt/presentation.xml": "<p:presentation/>" });
const odf = (type: string) => zip({ mimetype: type, "META-INF/manifest.xml": "<manifest:manifest/>", "content.xml": "<office:document-content/>" });

// ---------------------------------------------------------------------------------------------------------

function accepted(name: string, bytes: Uint8Array) {
  const result = validateUpload({ name, bytes });
  if (!result.ok) throw new Error(`${name} was refused: ${result.message}`);
  return result.file;
}

function refusal(name: string, bytes: Uint8Array): string {
  const result = validateUpload({ name, bytes });
  if (result.ok) throw new Error(`${name} was accepted`);
  return result.message;
}

const savedLimit = process.env.ATTAIN_MAX_UPLOAD_MB;
beforeEach(() => {
  delete process.env.ATTAIN_MAX_UPLOAD_MB;
});
afterEach(() => {
  if (savedLimit === undefined) delete process.env.ATTAIN_MAX_UPLOAD_MB;
  else process.env.ATTAIN_MAX_UPLOAD_MB = savedLimit;
});

describe("validateUpload: accepted kinds", () => {
  it.each([
    ["report.pdf", pdf, "pdf", CONTENT_TYPES.pdf],
    ["photo.png", png, "png", "image/png"],
    ["photo.jpg", jpeg, "jpg", "image/jpeg"],
    ["photo.JPEG", jpeg, "jpeg", "image/jpeg"],
    ["log.docx", docx, "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["hours.xlsx", xlsx, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["talk.pptx", pptx, "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"],
    ["old.doc", () => ole2("WordDocument", "1Table"), "doc", "application/msword"],
    ["old.xls", () => ole2("Workbook"), "xls", "application/vnd.ms-excel"],
    ["notes.odt", () => odf(CONTENT_TYPES.odt), "odt", "application/vnd.oasis.opendocument.text"],
    ["sums.ods", () => odf(CONTENT_TYPES.ods), "ods", "application/vnd.oasis.opendocument.spreadsheet"],
  ])("accepts %s", (name, bytes, extension, contentType) => {
    const data = bytes();
    expect(accepted(name, data)).toEqual({ safeName: name, extension, contentType, size: data.length });
  });

  it("accepts a view into a larger buffer", () => {
    const padded = concat(new Uint8Array(7), docx(), new Uint8Array(5));
    expect(accepted("log.docx", padded.subarray(7, padded.length - 5)).extension).toBe("docx");
  });
});

describe("validateUpload: type", () => {
  const wrongType = UPLOAD_MESSAGES.wrongType;

  it("has a clear message", () => {
    expect(wrongType).toBe("The selected file must be a PDF, Word, Excel, PowerPoint, OpenDocument, JPG or PNG file");
  });

  it.each([
    ["an executable", "setup.exe", () => concat(text("MZ"), new Uint8Array(200))],
    ["an executable named .pdf", "setup.pdf", () => concat(text("MZ"), new Uint8Array(200))],
    ["an HTML page named .pdf", "page.pdf", () => text("<!DOCTYPE html><html><script>alert(1)</script></html>")],
    ["an HTML page", "page.html", () => text("<!DOCTYPE html><html></html>")],
    ["plain text", "notes.txt", () => text("hello")],
    ["a PNG named .pdf", "x.pdf", png],
    ["a PDF named .png", "x.png", pdf],
    ["a JPEG named .png", "x.png", jpeg],
    ["a PDF with no extension", "report", pdf],
    ["a PDF named .pdf.exe", "report.pdf.exe", pdf],
    ["a PDF named only .pdf", ".pdf", pdf],
    ["a plain zip", "archive.zip", () => zip({ "hello.txt": "hi" })],
    ["a plain zip renamed .docx", "log.docx", () => zip({ "hello.txt": "hi", "word/document.xml": "<w:document/>" })],
    ["a spreadsheet renamed .docx", "log.docx", xlsx],
    ["a document renamed .pptx", "talk.pptx", docx],
    [
      "a macro-enabled document renamed .docx",
      "log.docx",
      () => zip({ "[Content_Types].xml": CT, "word/document.xml": "<w:document/>", "word/vbaProject.bin": "x" }),
    ],
    ["a truncated .docx", "log.docx", () => docx().subarray(0, 60)],
    ["a zip signature alone", "log.docx", () => text("PK\x03\x04")],
    ["an OLE2 file with no Word or Excel stream (e.g. an .msi) named .doc", "setup.doc", () => ole2("SummaryInformation")],
    ["a Word .doc renamed .xls", "old.xls", () => ole2("WordDocument")],
    ["an Excel .xls renamed .doc", "old.doc", () => ole2("Workbook")],
    ["a .xls named .xlsx", "hours.xlsx", () => ole2("Workbook")],
    ["an .odt named .ods", "sums.ods", () => odf(CONTENT_TYPES.odt)],
    ["an OpenDocument presentation named .odt", "talk.odt", () => odf("application/vnd.oasis.opendocument.presentation")],
    ["an SVG named .png", "x.png", () => text('<svg xmlns="http://www.w3.org/2000/svg"/>')],
  ])("refuses %s", (_label, name, bytes) => {
    expect(refusal(name, bytes())).toBe(wrongType);
  });
});

describe("validateUpload: size", () => {
  it("refuses an empty file", () => {
    expect(refusal("report.pdf", new Uint8Array(0))).toBe("The selected file is empty");
  });

  it("defaults to 20 MB", () => {
    expect(maxUploadBytes()).toBe(20 * 1024 * 1024);
    expect(UPLOAD_LIMITS.maxBytes).toBe(DEFAULT_MAX_UPLOAD_BYTES);
    expect(UPLOAD_MESSAGES.tooBig(maxUploadBytes())).toBe("The selected file must be smaller than 20 MB");
  });

  it("reads ATTAIN_MAX_UPLOAD_MB at call time", () => {
    process.env.ATTAIN_MAX_UPLOAD_MB = "5";
    expect(maxUploadBytes()).toBe(5 * 1024 * 1024);
    expect(UPLOAD_LIMITS.maxBytes).toBe(5 * 1024 * 1024);
    for (const bad of ["", "0", "-1", "lots"]) {
      process.env.ATTAIN_MAX_UPLOAD_MB = bad;
      expect(maxUploadBytes()).toBe(DEFAULT_MAX_UPLOAD_BYTES);
    }
  });

  it("refuses a file over the limit and accepts one at it", () => {
    process.env.ATTAIN_MAX_UPLOAD_MB = "0.001"; // 1048 bytes
    const limit = maxUploadBytes();
    expect(limit).toBe(1048);
    const over = concat(pdf(), new Uint8Array(limit + 1 - pdf().length));
    expect(refusal("big.pdf", over)).toBe("The selected file must be smaller than 1 KB");
    expect(accepted("ok.pdf", over.subarray(0, limit)).size).toBe(limit);
  });

  it("states the limit in MB", () => {
    process.env.ATTAIN_MAX_UPLOAD_MB = "2.5";
    const over = new Uint8Array(maxUploadBytes() + 1);
    over.set(pdf());
    expect(refusal("big.pdf", over)).toBe("The selected file must be smaller than 2.5 MB");
  });
});

describe("validateUpload: file names", () => {
  it.each([
    ["../../x.pdf", "x.pdf"],
    ["../../etc/passwd.pdf", "passwd.pdf"],
    ["C:\\temp\\x.pdf", "x.pdf"],
    ["C:\\temp/mixed\\dir/x.pdf", "x.pdf"],
    ["/abs/path/x.pdf", "x.pdf"],
    ["  My report (final) v2-a_b.pdf  ", "My report (final) v2-a_b.pdf"],
    ["Évaluation Été.pdf", "Évaluation Été.pdf"],
    ['a:b*c?d"e<f>g|h.pdf', "a_b_c_d_e_f_g_h.pdf"],
    ["rep\u202Efdp.exe.pdf", "rep_fdp.exe.pdf"],
    ["x;rm -rf $HOME.pdf", "x_rm -rf _HOME.pdf"],
  ])("%j is stored with the safe name %j", (name, safeName) => {
    expect(accepted(name, pdf()).safeName).toBe(safeName);
  });

  it.each([
    ["a NUL byte", "x\0.pdf", UPLOAD_MESSAGES.nameControl],
    ["a NUL byte before the extension check", "x.exe\0.pdf", UPLOAD_MESSAGES.nameControl],
    ["a newline", "x\n.pdf", UPLOAD_MESSAGES.nameControl],
    ["a control character in the directory part", "a\u0007/x.pdf", UPLOAD_MESSAGES.nameControl],
    ["an empty name", "", UPLOAD_MESSAGES.nameMissing],
    ["only spaces", "   ", UPLOAD_MESSAGES.nameMissing],
    ["a directory", "folder/", UPLOAD_MESSAGES.nameMissing],
    ["a Windows directory", "C:\\temp\\", UPLOAD_MESSAGES.nameMissing],
    [".", ".", UPLOAD_MESSAGES.nameOnlyDots],
    ["..", "..", UPLOAD_MESSAGES.nameOnlyDots],
    ["../..", "../..", UPLOAD_MESSAGES.nameOnlyDots],
    ["only dots", ".....", UPLOAD_MESSAGES.nameOnlyDots],
    ["201 characters", `${"a".repeat(197)}.pdf`, UPLOAD_MESSAGES.nameTooLong],
  ])("refuses %s", (_label, name, message) => {
    expect(refusal(name, pdf())).toBe(message);
  });

  it("accepts a 200 character name", () => {
    expect(accepted(`${"a".repeat(196)}.pdf`, pdf()).safeName).toHaveLength(200);
  });

  it("has clear messages", () => {
    expect(UPLOAD_MESSAGES.nameTooLong).toBe("The file name must be 200 characters or fewer");
    expect(UPLOAD_MESSAGES.nameControl).toBe("The file name must not contain control characters");
  });
});
