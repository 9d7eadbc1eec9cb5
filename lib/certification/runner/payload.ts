import "server-only";
import type { DbOrTx } from "@/lib/db";
import type { EsfaCreateCertificateRequest } from "@/lib/esfa/types";
import type { Claim, ClaimContext } from "../claims";
import { postalContactFor } from "../seams";

/* The create request sent to ESFA for a claim, built from the current record (never the claim's snapshot). */

const CONSENT_MESSAGE = "Record the apprentice's permission to claim the certificate";
const addressMessage = (employer: string) => `Add a postal address for ${employer} or for this apprentice`;

/** The create request from the current record, or the reasons it cannot be sent (not sent to ESFA). */
export async function buildPayload(
  tx: DbOrTx,
  claim: Claim,
  context: ClaimContext,
): Promise<{ payload: EsfaCreateCertificateRequest } | { problems: string[] }> {
  const { apprentice, standard, evaluation } = context;
  if (evaluation.kind !== "countdown") return { problems: ["The overall grade is no longer confirmed"] };
  const problems: string[] = [];
  const postal = await postalContactFor(tx, apprentice);
  if (!postal) problems.push(addressMessage(apprentice.employerName));
  if (!apprentice.certificateConsentAt) problems.push(CONSENT_MESSAGE);
  if (!postal || problems.length > 0) return { problems };
  return {
    payload: {
      requestId: claim.id,
      standard: { standardCode: standard.larsCode, standardReference: standard.reference },
      learner: { uln: Number(apprentice.uln), familyName: apprentice.familyName },
      learningDetails: {
        version: apprentice.standardVersion,
        courseOption: apprentice.standardOption || null,
        overallGrade: evaluation.grade,
        achievementDate: evaluation.achievementDate,
      },
      postalContact: postal,
    },
  };
}
