/** Which External API operation a method and path are, with the route values (still percent-encoded). */
import { ESFA_ENDPOINTS, type EsfaEndpoint } from "./wire";

export interface RouteMatch {
  endpoint: EsfaEndpoint;
  params: string[];
}

export function matchRoute(method: string, path: string): RouteMatch | null {
  const segments = path.split("/").filter((s) => s !== "");
  const lower = segments.map((s) => s.toLowerCase());
  const rest = (from: number) => segments.slice(from).join("/");
  if (method === "GET" && lower.length === 1 && lower[0] === "ping") return { endpoint: ESFA_ENDPOINTS.ping, params: [] };
  if (lower[0] !== "api" || lower[1] !== "v1") return null;
  const area = lower[2];
  const n = segments.length;
  if (area === "learner" && method === "GET" && n >= 6) return { endpoint: ESFA_ENDPOINTS.getLearner, params: [segments[3]!, segments[4]!, rest(5)] };
  if (area === "certificate") {
    if (n === 3 && method === "POST") return { endpoint: ESFA_ENDPOINTS.createCertificates, params: [] };
    if (n === 3 && method === "PUT") return { endpoint: ESFA_ENDPOINTS.updateCertificates, params: [] };
    if (n === 4 && method === "POST" && lower[3] === "submit") return { endpoint: ESFA_ENDPOINTS.submitCertificates, params: [] };
    if (n === 4 && method === "GET" && lower[3] === "grades") return { endpoint: ESFA_ENDPOINTS.grades, params: [] };
    if (n >= 6 && method === "GET") return { endpoint: ESFA_ENDPOINTS.getCertificate, params: [segments[3]!, segments[4]!, rest(5)] };
    if (n >= 7 && method === "DELETE") return { endpoint: ESFA_ENDPOINTS.deleteCertificate, params: [segments[3]!, segments[4]!, segments[5]!, rest(6)] };
  }
  if (area === "standards" && lower[3] === "options" && method === "GET") {
    if (n === 4) return { endpoint: ESFA_ENDPOINTS.options, params: [] };
    if (n === 5) return { endpoint: ESFA_ENDPOINTS.optionsForStandard, params: [segments[4]!] };
    if (n === 6) return { endpoint: ESFA_ENDPOINTS.optionsForVersion, params: [segments[4]!, segments[5]!] };
  }
  return null;
}
