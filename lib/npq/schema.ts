export {
  acceptFormSchema,
  adminStatementListSchema,
  applicationListSchema,
  changeScheduleFormSchema,
  copySchedulesFormSchema,
  declarationFormSchema,
  deferFormSchema,
  fundedPlaceFormSchema,
  listHref,
  pageOnlySchema,
  parseList,
  participantListSchema,
  statementListSchema,
  withdrawFormSchema,
} from "./portal-schema";
export type { AcceptFormValues, CopySchedulesFormValues, DeclarationFormValues, FundedPlaceFormValues } from "./portal-schema";
