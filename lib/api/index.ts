/** The lib/api door: what pages, components and routes may import (plain values and functions, safe anywhere). */

export {
  ApiValidationError,
  BadRequestError,
  cohortFilter,
  dataResponse,
  dateFilter,
  optionalAttributes,
  pagination,
  participantIdFilter,
  readAttributes,
  requestBody,
  sortParam,
  listFilters,
} from "./http";
export { MESSAGES } from "./messages";
