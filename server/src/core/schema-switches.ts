/**
 * Settings by which an ORM changes the database schema itself when the application starts, one list for the
 * Dockerfile's ENV and a container's env: Spring Boot's `spring.jpa.hibernate.ddl-auto` (as the variable
 * `SPRING_JPA_HIBERNATE_DDL_AUTO`) and Quarkus's `quarkus.hibernate-orm.database.generation`. `none` and `validate`
 * leave the schema alone; `update` alters it on every start; `create`, `create-drop`, `drop-and-create` and `drop`
 * drop tables, and the data in them.
 */
const SCHEMA_SWITCHES: Readonly<Record<string, ReadonlySet<string>>> = {
  SPRING_JPA_HIBERNATE_DDL_AUTO: new Set(['update', 'create', 'create-drop', 'create-only', 'drop']),
  QUARKUS_HIBERNATE_ORM_DATABASE_GENERATION: new Set(['update', 'create', 'drop-and-create', 'drop']),
  QUARKUS_HIBERNATE_ORM_SCHEMA_MANAGEMENT_STRATEGY: new Set(['update', 'create', 'drop-and-create', 'drop']),
};

/**
 * What a variable makes the application do to its schema at each start, when it is such a setting: `alters the tables
 * to fit the entities` (`update`) or `drops tables, and the data in them` (the others); undefined otherwise.
 */
export function schemaChangeAtStart(name: string, value: string | undefined): string | undefined {
  const values = Object.hasOwn(SCHEMA_SWITCHES, name.toUpperCase()) ? SCHEMA_SWITCHES[name.toUpperCase()] : undefined;
  const v = value?.trim().toLowerCase();
  if (!values || v === undefined || !values.has(v)) return undefined;
  return v === 'update' ? 'alters the tables to fit the entities' : 'drops tables, and the data in them';
}
