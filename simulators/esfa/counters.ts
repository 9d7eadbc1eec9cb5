/** Requests per endpoint and responses per status, for control.counters(). */
import type { EsfaSimulatorCounters } from "./types";

const empty = (): EsfaSimulatorCounters => ({ total: 0, byEndpoint: {}, byStatus: {} });

export class RequestCounters {
  private counts = empty();

  /** A request to the API (`endpoint` an ESFA_ENDPOINTS value, or "other"). */
  request(endpoint: string) {
    this.counts.total++;
    this.counts.byEndpoint[endpoint] = (this.counts.byEndpoint[endpoint] ?? 0) + 1;
  }
  response(status: number) {
    this.counts.byStatus[status] = (this.counts.byStatus[status] ?? 0) + 1;
  }
  snapshot(): EsfaSimulatorCounters {
    return structuredClone(this.counts);
  }
  reset() {
    this.counts = empty();
  }
}
