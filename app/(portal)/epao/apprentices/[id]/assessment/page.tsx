import type { Metadata } from "next";
import { AssessmentView } from "@/components/assessment/assessment-view";
import { recordPage } from "@/components/apprentices/record-page";

export const metadata: Metadata = { title: "Assessment and grades" };

export default recordPage("epao", AssessmentView);
