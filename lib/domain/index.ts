/**
 * The ground floor: the enums and constants that the database schema, the services and the screens share
 * (roles and organisation types, statuses, NPQ courses). Plain values with no imports, safe in client components.
 * `db/schema` imports these; nothing here imports the schema or a feature.
 */
export * from "./roles";
export * from "./apprentices";
export * from "./assessment";
export * from "./certification";
export * from "./jobs";
export * from "./npq";
