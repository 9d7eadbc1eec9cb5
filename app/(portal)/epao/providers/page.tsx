import type { Metadata } from "next";
import { linksPage } from "@/components/links/links-page";

export const metadata: Metadata = { title: "Training providers" };

export default linksPage("epao");
