/**
 * Model binding: reads request bodies the way ASP.NET's binder would before any validator runs, so a value that
 * cannot be converted (a ULN "abc", a date that is not one) is the automatic 400 problem body, not a validation
 * message.
 */
import { isoDate } from "./values";

/** Thrown by `Binder.check()`: the request answers 400 with these errors (reply.ts `bindingProblem`). */
export class BindingError extends Error {
  constructor(readonly errors: Record<string, string[]>) {
    super("binding");
  }
}

/** Reads JSON values the way the .NET model binder would, collecting conversion errors. */
export class Binder {
  errors: Record<string, string[]> = {};
  private fail(path: string, message: string) {
    (this.errors[path] ??= []).push(message);
  }
  object(value: unknown, path: string): Record<string, unknown> {
    if (value == null) return {};
    if (typeof value !== "object" || Array.isArray(value)) {
      this.fail(path, `Unexpected value at '${path}': an object was expected.`);
      return {};
    }
    return value as Record<string, unknown>;
  }
  string(value: unknown, path: string): string | null {
    if (value == null) return null;
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    this.fail(path, `Unexpected character encountered while parsing value at '${path}'.`);
    return null;
  }
  integer(value: unknown, path: string, fallback: number | null): number | null {
    if (value == null || value === "") return fallback;
    const n = typeof value === "number" ? value : typeof value === "string" && /^\s*-?\d+\s*$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n)) {
      this.fail(path, `Could not convert ${JSON.stringify(value)} to an integer. Path '${path}'.`);
      return fallback;
    }
    return n;
  }
  date(value: unknown, path: string): string | null {
    if (value == null || value === "") return null;
    if (typeof value === "string") {
      const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim());
      if (match) {
        const [, y, m, d] = match;
        const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
        if (isoDate(ms) === `${y}-${m}-${d}`) return `${y}-${m}-${d}`;
      }
    }
    this.fail(path, `Could not convert string to DateTime: ${String(value)}. Path '${path}'.`);
    return null;
  }
  check() {
    if (Object.keys(this.errors).length > 0) throw new BindingError(this.errors);
  }
}

export interface CertificateInput {
  requestId: string | null;
  standardCode: number;
  standardReference: string | null;
  uln: number;
  familyName: string | null;
  version: string | null;
  courseOption: string | null;
  overallGrade: string | null;
  achievementDate: string | null;
  postalContact: {
    contactName: string | null;
    department: string | null;
    organisation: string | null;
    addressLine1: string | null;
    addressLine2: string | null;
    addressLine3: string | null;
    city: string | null;
    postCode: string | null;
  };
  certificateReference: string | null;
}

export function bindCertificateItem(binder: Binder, raw: unknown, index: number): CertificateInput {
  const p = `[${index}]`;
  const item = binder.object(raw, p);
  const standard = binder.object(item.standard, `${p}.standard`);
  const learner = binder.object(item.learner, `${p}.learner`);
  const details = binder.object(item.learningDetails, `${p}.learningDetails`);
  const contact = binder.object(item.postalContact, `${p}.postalContact`);
  const s = (v: unknown, path: string) => binder.string(v, path);
  return {
    requestId: s(item.requestId, `${p}.requestId`),
    standardCode: binder.integer(standard.standardCode, `${p}.standard.standardCode`, 0) ?? 0,
    standardReference: s(standard.standardReference, `${p}.standard.standardReference`),
    uln: binder.integer(learner.uln, `${p}.learner.uln`, 0) ?? 0,
    familyName: s(learner.familyName, `${p}.learner.familyName`),
    version: s(details.version, `${p}.learningDetails.version`),
    courseOption: s(details.courseOption, `${p}.learningDetails.courseOption`),
    overallGrade: s(details.overallGrade, `${p}.learningDetails.overallGrade`),
    achievementDate: binder.date(details.achievementDate, `${p}.learningDetails.achievementDate`),
    postalContact: {
      contactName: s(contact.contactName, `${p}.postalContact.contactName`),
      department: s(contact.department, `${p}.postalContact.department`),
      organisation: s(contact.organisation, `${p}.postalContact.organisation`),
      addressLine1: s(contact.addressLine1, `${p}.postalContact.addressLine1`),
      addressLine2: s(contact.addressLine2, `${p}.postalContact.addressLine2`),
      addressLine3: s(contact.addressLine3, `${p}.postalContact.addressLine3`),
      city: s(contact.city, `${p}.postalContact.city`),
      postCode: s(contact.postCode, `${p}.postalContact.postCode`),
    },
    certificateReference: s(item.certificateReference, `${p}.certificateReference`),
  };
}

/** One item of POST api/v1/certificate/submit. */
export interface SubmitInput {
  requestId: string | null;
  uln: number;
  familyName: string | null;
  standardCode: number;
  standardReference: string | null;
  certificateReference: string | null;
}

export function bindSubmitItem(binder: Binder, raw: unknown, index: number): SubmitInput {
  const p = `[${index}]`;
  const item = binder.object(raw, p);
  return {
    requestId: binder.string(item.requestId, `${p}.requestId`),
    uln: binder.integer(item.uln, `${p}.uln`, 0) ?? 0,
    familyName: binder.string(item.familyName, `${p}.familyName`),
    standardCode: binder.integer(item.standardCode, `${p}.standardCode`, 0) ?? 0,
    standardReference: binder.string(item.standardReference, `${p}.standardReference`),
    certificateReference: binder.string(item.certificateReference, `${p}.certificateReference`),
  };
}

/** Binds every item of a batch body, then throws BindingError if any of them could not be bound. */
export function bindAll<T>(items: unknown[], bind: (binder: Binder, raw: unknown, index: number) => T): T[] {
  const binder = new Binder();
  const inputs = items.map((raw, i) => bind(binder, raw, i));
  binder.check();
  return inputs;
}
