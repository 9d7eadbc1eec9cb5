import type { Metadata } from "next";
import { ApprenticeRecord } from "@/components/apprentices/apprentice-record";
import { recordPage } from "@/components/apprentices/record-page";

export const metadata: Metadata = { title: "Apprentice record" };

export default recordPage("epao", ApprenticeRecord);
