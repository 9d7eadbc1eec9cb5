export { cn, type ClassValue } from "./cn";
export { linkClass, linkFocusClass, containerClass } from "./styles";
export { Header, type HeaderProps, type HeaderUser } from "./header";
export { PrimaryNav, type PrimaryNavProps, type NavItem } from "./primary-nav";
export { PageHeading, type PageHeadingProps } from "./page-heading";
export { SummaryList, type SummaryListProps, type SummaryListRow } from "./summary-list";
export { NameCell } from "./name-cell";
export { Table, type TableProps, type TableColumn, type SortDirection } from "./table";
export { Tag, type TagProps, type TagColour } from "./tag";
export { Button, ButtonLink, ButtonGroup, buttonClassName, type ButtonProps, type ButtonLinkProps, type ButtonGroupProps, type ButtonVariant } from "./button";
export {
  TextField,
  DateField,
  TextArea,
  SelectField,
  CheckboxField,
  FileField,
  RadioGroup,
  Fieldset,
  FormGroup,
  Hint,
  ErrorMessage,
  hintId,
  errorId,
  type TextFieldProps,
  type DateFieldProps,
  type TextAreaProps,
  type SelectFieldProps,
  type SelectOption,
  type CheckboxFieldProps,
  type FileFieldProps,
  type RadioGroupProps,
  type RadioOption,
  type FieldsetProps,
  type FormGroupProps,
  type HintProps,
  type ErrorMessageProps,
  type FieldWidth,
} from "./form-field";
export { CheckboxList, type CheckboxListProps, type CheckboxListOption } from "./checkbox-list";
export { ErrorSummary, type ErrorSummaryProps, type ErrorSummaryItem } from "./error-summary";
export { NotificationBanner, type NotificationBannerProps } from "./notification-banner";
export { Pagination, paginationItems, type PaginationProps, type PaginationItem } from "./pagination";
export { EmptyState, type EmptyStateProps } from "./empty-state";
export { StatCard, StatCardGroup, Panel, type StatCardProps, type StatCardGroupProps, type PanelProps } from "./card";
export { DataTable, type DataTableProps, type DataTableSort } from "./data-table";
