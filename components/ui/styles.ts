/**
 * Shared class-name tokens for the design system.
 *
 * Colours follow GOV.UK conventions where our brand has no equivalent, through the theme tokens in
 * app/globals.css: text-govuk-black, text-govuk-secondary, border-govuk-border, text-govuk-red and the rest.
 * Focus outlines come from the global `:focus-visible` rule in app/globals.css;
 * links and buttons additionally switch to a yellow background on focus.
 */

/** Focus treatment for links: yellow background, black text (outline comes from globals.css). */
export const linkFocusClass = "focus-visible:bg-focus focus-visible:text-govuk-black focus-visible:no-underline";

/** Standard inline text link. */
export const linkClass = "text-brand-600 underline underline-offset-[0.15em] decoration-1 hover:text-brand-800 hover:decoration-[3px] " + linkFocusClass;

/** Standard page-width container used by the header and nav. */
export const containerClass = "mx-auto w-full max-w-6xl px-4 sm:px-6 lg:px-8";
