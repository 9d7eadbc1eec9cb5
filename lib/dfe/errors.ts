import { ApiValidationError } from "../api/http";

/**
 * Collects a request's validation errors as ActiveModel does, for NPQ and ECF alike: grouped by attribute in the order
 * each attribute first failed, a repeated message dropped. DfE answers them in one of two shapes:
 *
 * - `each` (NPQ applications, participants, outcomes): one error per message, as npq-registration's
 *   API::Errors::Serializer lists every failed rule;
 * - `joined` (NPQ declarations' API::Errors::Response, ECF's API::V1::ActiveModelErrorsSerializer): one error per
 *   attribute, its distinct messages joined by ", ".
 */
export class DfeErrors {
  private readonly byTitle = new Map<string, string[]>();

  constructor(private readonly shape: "each" | "joined" = "each") {}

  add(title: string, detail: string): void {
    const details = this.byTitle.get(title) ?? [];
    if (!details.includes(detail)) details.push(detail);
    this.byTitle.set(title, details);
  }

  get any(): boolean {
    return this.byTitle.size > 0;
  }

  has(title: string): boolean {
    return this.byTitle.has(title);
  }

  /** The errors in DfE's body shape ({title, detail} in order). */
  get errors(): { title: string; detail: string }[] {
    const grouped = [...this.byTitle];
    return this.shape === "joined"
      ? grouped.map(([title, details]) => ({ title, detail: details.join(", ") }))
      : grouped.flatMap(([title, details]) => details.map((detail) => ({ title, detail })));
  }

  /** DfE's 422 with every error collected, when there is any. */
  throwIfAny(): void {
    if (this.any) throw new ApiValidationError(this.errors);
  }
}
