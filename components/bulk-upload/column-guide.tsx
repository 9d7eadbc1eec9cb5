import { Table } from "@/components/ui";
import type { UploadColumn } from "@/lib/apprentices";

const GUIDE: { column: UploadColumn; required: string; guidance: string }[] = [
  { column: "ULN", required: "Yes", guidance: "The 10-digit unique learner number. Format the column as text so your spreadsheet keeps every digit." },
  { column: "Given names", required: "Yes", guidance: "Up to 100 characters." },
  { column: "Family name", required: "Yes", guidance: "Up to 100 characters." },
  { column: "Date of birth", required: "Yes", guidance: "YYYY-MM-DD or DD/MM/YYYY. The apprentice must be at least 16 on the start date." },
  { column: "Email", required: "No", guidance: "The apprentice's email address." },
  { column: "Employer name", required: "Yes", guidance: "Up to 200 characters." },
  { column: "Employer contact name", required: "No", guidance: "Up to 120 characters." },
  { column: "Employer contact email", required: "No", guidance: "The employer contact's email address." },
  { column: "Employer address line 1", required: "No", guidance: "Up to 200 characters." },
  { column: "Employer address line 2", required: "No", guidance: "Up to 200 characters." },
  { column: "Employer town", required: "No", guidance: "Up to 100 characters." },
  { column: "Employer postcode", required: "No", guidance: "A UK postcode, like LS1 4AP." },
  { column: "Standard", required: "Yes", guidance: "The standard's reference, like ST0070, or its LARS code, like 196." },
  { column: "Version", required: "Yes", guidance: "One of the standard's versions, like 1.0." },
  { column: "Option", required: "If the standard has options", guidance: "Exactly as the option is named in the standard." },
  { column: "Start date", required: "Yes", guidance: "YYYY-MM-DD or DD/MM/YYYY." },
  { column: "Planned end date", required: "Yes", guidance: "YYYY-MM-DD or DD/MM/YYYY, after the start date." },
  { column: "EPAO ID", required: "Yes", guidance: "The EPAO's ID, like EPA0001. You need an active link with the EPAO for the standard." },
];

/** What to put in each column of the template. */
export function ColumnGuide() {
  return (
    <Table
      caption="What to put in each column"
      rows={GUIDE}
      rowKey={(g) => g.column}
      columns={[
        { key: "column", header: "Column", rowHeader: true, className: "w-56", cell: (g) => g.column },
        { key: "required", header: "Required", className: "w-40", cell: (g) => g.required },
        { key: "guidance", header: "What to enter", cell: (g) => g.guidance },
      ]}
    />
  );
}
