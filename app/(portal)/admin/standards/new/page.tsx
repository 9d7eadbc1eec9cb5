import type { Metadata } from "next";
import { StandardForm } from "@/components/catalogue/standard-form";
import { PageHeading } from "@/components/ui";
import { requireArea } from "@/lib/session";

export const metadata: Metadata = { title: "Add a standard" };

export default async function NewStandardPage() {
  await requireArea("admin");
  return (
    <>
      <PageHeading caption="Catalogue" title="Add a standard" />
      <StandardForm
        initial={{
          reference: "",
          larsCode: "",
          title: "",
          level: "",
          versions: "1.0",
          options: "",
          overallGrades: "Fail, Pass, Merit, Distinction",
          components: "",
          combinations: "",
          fallback: "Pass",
        }}
      />
    </>
  );
}
