import { PageHeading } from "@/components/ui";
import type { UserActor } from "@/lib/auth";
import { getPreferences } from "@/lib/notifications";
import { PreferencesForm } from "./preferences-form";

/** The notification settings page body, shared by the EPAO and assessor areas. */
export async function NotificationSettings({ actor }: { actor: UserActor }) {
  const preferences = await getPreferences(actor);
  return (
    <>
      <PageHeading
        caption={actor.organisationName}
        title="Notifications"
        description={
          <p>
            Choose which events you want to be emailed about at {actor.email}. These settings are yours only; they do not change what anyone else in your
            organisation receives.
          </p>
        }
      />
      <div className="mb-8 max-w-2xl border-l-4 border-govuk-border py-2 pl-4 text-base text-govuk-black">
        <p className="font-bold">Attain does not send emails yet.</p>
        <p className="mt-1">Your choices are saved now and will be used when email sending is switched on. Until then, check your dashboard for new work.</p>
      </div>
      <PreferencesForm preferences={preferences} />
    </>
  );
}
