import { describe, expect, expectTypeOf, it } from "vitest";
import * as client from "@/lib/esfa/types";
import * as wire from "./wire";

/**
 * The simulator keeps its own statement of ESFA's wire contract (wire.ts) rather than sharing the client's
 * (lib/esfa/types.ts). These checks hold the two side by side, so that neither changes without the other being looked
 * at. When one fails, find which side departs from das-assessor-service and APIM's documented limits: do not just copy.
 */
describe("the simulator's wire contract and the client's", () => {
  it("name the same endpoints, grades and key header", () => {
    expect(wire.ESFA_ENDPOINTS).toEqual(client.ESFA_ENDPOINTS);
    expect(wire.ESFA_GRADES).toEqual(client.ESFA_GRADES);
    expect(wire.ESFA_KEY_HEADER).toBe(client.ESFA_KEY_HEADER);
    expect(wire.ESFA_PRINT_PROCESS_STATUSES).toEqual(client.ESFA_PRINT_PROCESS_STATUSES);
  });

  it("state the same gateway limits", () => {
    expect(wire.ESFA_MAX_BATCH).toBe(client.ESFA_MAX_BATCH);
    expect(wire.ESFA_MAX_BODY_BYTES).toBe(client.ESFA_MAX_BODY_BYTES);
    expect(wire.ESFA_RATE_LIMIT).toEqual(client.ESFA_RATE_LIMIT);
  });

  it("answer in shapes the client reads (checked by the type checker)", () => {
    expectTypeOf<wire.EsfaCertificate>().toExtend<client.EsfaCertificate>();
    expectTypeOf<wire.EsfaBatchCertificateResponse>().toExtend<client.EsfaBatchCertificateResponse>();
    expectTypeOf<wire.EsfaLearnerRecord>().toExtend<client.EsfaLearnerRecord>();
    expectTypeOf<wire.EsfaStandardOptions>().toExtend<client.EsfaStandardOptions>();
    expectTypeOf<wire.EsfaEpaDetails>().toExtend<client.EsfaEpaDetails>();
    // The postal contact goes both ways: the client sends it and the simulator answers it back.
    expectTypeOf<wire.EsfaPostalContact>().toEqualTypeOf<client.EsfaPostalContact>();
    expectTypeOf<wire.EsfaEndpoint>().toEqualTypeOf<client.EsfaEndpoint>();
  });
});
