package dev.gao.metrics.processor.diag;

import java.util.Locale;

/**
 * Every diagnostic the processor reports, each with a stable ID. The IDs never change meaning, so
 * builds and documentation may refer to them.
 */
public enum Message {
  /** An unexpected failure inside the processor. */
  INTERNAL_ERROR(100, "internal error while processing %s: %s"),
  /** A table without a primary key. */
  NO_PRIMARY_KEY(
      101,
      "table %s has no primary key: put @PrimaryKey on one component or list the key columns in"
          + " @MetricsTable(primaryKey = ...)"),
  /** A table with two primary keys. */
  TWO_PRIMARY_KEYS(
      102,
      "table %s has more than one primary key (%s): use @PrimaryKey on one component or"
          + " @MetricsTable(primaryKey = ...) for a composite key, not both"),
  /** {@code autoGenerate} on a key that is not an integer. */
  AUTO_KEY_TYPE(
      103, "@PrimaryKey(autoGenerate = true) needs an int or long key (or Integer, Long), but %s is %s"),
  /** A component type that has no column mapping. */
  UNSUPPORTED_TYPE(
      104, "type %s of %s is not supported as a column; annotate it with @Json to store it as JSON text"),
  /** {@code @Json} on a primitive. */
  JSON_ON_PRIMITIVE(105, "@Json is not allowed on primitive %s of %s; primitives map to columns directly"),
  /** A foreign key whose target is not a table. */
  FOREIGN_KEY_NOT_A_TABLE(106, "@ForeignKey of %s refers to %s, which is not annotated with @MetricsTable"),
  /** A foreign key whose column type differs from the referenced key. */
  FOREIGN_KEY_TYPE_MISMATCH(
      107, "column %s has type %s, but the key it references, %s.%s, has type %s; the types must match"),
  /** A foreign key to a table with a composite key. */
  FOREIGN_KEY_COMPOSITE_TARGET(
      108, "@ForeignKey of %s refers to table %s, whose primary key (%s) has more than one column"),
  /** Two tables with the same name. */
  DUPLICATE_TABLE_NAME(109, "table name %s is used by both %s and %s"),
  /** Two columns with the same name. */
  DUPLICATE_COLUMN_NAME(110, "column name %s of table %s is used twice (by %s and %s)"),
  /** An index that names a missing column. */
  INDEX_MISSING_COLUMN(111, "index %s names column %s, which table %s does not have; its columns are: %s"),
  /** A primary-key list that names a missing column. */
  PRIMARY_KEY_MISSING_COLUMN(
      112, "primaryKey names column %s, which table %s does not have; its columns are: %s"),
  /** A table type the generated code cannot reach. */
  TYPE_NOT_ACCESSIBLE(
      113,
      "%s cannot be a table: it is %s; make it a top-level or static nested type that is not private"),
  /** {@code @MetricsTable} on something that is not a class or record. */
  NOT_A_CLASS(114, "@MetricsTable is only allowed on records and classes, not on %s %s"),
  /** A class without a constructor whose parameters match its fields. */
  NO_CANONICAL_CONSTRUCTOR(
      115,
      "class %s needs a non-private constructor whose parameters match its fields in order: (%s)"),
  /** A class field that generated code cannot read. */
  NO_ACCESSOR(
      116, "field %s of %s cannot be read: add a non-private getter %s() or %s(), or make the field non-private"),
  /** A table that no schema lists. */
  TABLE_NOT_LISTED(
      117,
      "table %s is not listed by any @MetricsSchema; add it to a schema's tables (or compile with"
          + " -Agaometrics.requireSchema=false)"),
  /** A schema version below 1. */
  SCHEMA_VERSION(118, "schema version must be 1 or more, but is %s"),
  /** A schema that lists a type that is not a table. */
  SCHEMA_LISTS_NON_TABLE(119, "schema %s lists %s, which is not annotated with @MetricsTable"),
  /** A generated class whose name is taken. */
  NAME_CLASH(120, "cannot generate %s for %s: a type with that name already exists"),
  /** A name that is not a plain SQL identifier. */
  INVALID_IDENTIFIER(
      121, "%s name '%s' is not a valid identifier: use letters, digits and underscores, not starting with a"
          + " digit or sqlite_"),
  /** Two indexes with the same name. */
  DUPLICATE_INDEX_NAME(122, "index name %s is used twice (%s)"),
  /** A type that stayed unresolved until the last round. */
  UNRESOLVED_TYPE(123, "%s refers to types that could not be resolved: %s"),
  /** A generic table type. */
  GENERIC_TABLE(124, "table type %s must not have type parameters"),
  /** An index without columns, or with a column twice. */
  INDEX_COLUMNS(125, "index %s must name each column once and at least one column, but names: [%s]"),
  /** A schema without tables. */
  SCHEMA_WITHOUT_TABLES(126, "schema %s lists no tables"),
  /** A column whose type the generated code cannot reach. */
  COLUMN_TYPE_NOT_ACCESSIBLE(127, "type %s of %s is not accessible from package %s"),
  /** A schema that lists a table with errors. */
  SCHEMA_TABLE_BROKEN(129, "schema %s is not generated: table %s has errors"),
  /** A foreign key to a table with errors. */
  FOREIGN_KEY_TARGET_BROKEN(130, "@ForeignKey of %s refers to %s, which has errors"),
  /** A foreign key to a table the schema does not list. */
  FOREIGN_KEY_TARGET_NOT_IN_SCHEMA(
      131, "schema %s lists table %s, whose foreign key %s refers to table %s, which the schema does not list"),
  /** The same schema type listing a table twice. */
  SCHEMA_LISTS_TABLE_TWICE(132, "schema %s lists %s twice"),
  /** {@code SET NULL} on a column that cannot hold null. */
  FOREIGN_KEY_SET_NULL_NOT_NULL(
      133, "%s = SET_NULL needs a nullable column, but %s is NOT NULL; mark it @Nullable or choose another action"),
  /** A default on a key the database assigns. */
  AUTO_KEY_DEFAULT(134, "key %s is assigned by the database (autoGenerate = true) and cannot have a defaultValue"),
  /** A schema above version 1 without a folder for its history. */
  SCHEMA_DIR_MISSING(
      135,
      "schema %s has version %s, but its history cannot be read: compile with"
          + " -Agaometrics.schemaDir=<folder> (Maven: ${project.basedir}/src/main/schemas) so the snapshots of"
          + " earlier versions are read and migrations generated"),
  /** A model that differs from the snapshot of its version. */
  SNAPSHOT_DIFFERS(
      136,
      "the tables differ from the recorded snapshot of version %s (%s): bump the version to %s (or undo the"
          + " change); differences:%s"),
  /** A version between 1 and the current one without a snapshot. */
  SNAPSHOT_MISSING(
      137, "the snapshot of version %s is missing: restore %s from version control (it is needed to migrate to %s)"),
  /** A snapshot of a version newer than the current one. */
  VERSION_WENT_DOWN(
      138,
      "the version went down from %s to %s: %s exists; set the version back to the highest recorded one (a"
          + " schema version is never lowered)"),
  /** A snapshot whose successor records another parent hash. */
  SNAPSHOT_EDITED(
      139, "%s was edited after version %s was recorded; restore it from version control"),
  /** A dropped and an added table or column that may be one renamed. */
  AMBIGUOUS_RENAME(
      140,
      "version %s drops %s and adds %s: if it was renamed, add %s to %s; if the old one is meant to go, add %s to"
          + " schema %s"),
  /** A data-losing change without acknowledgement. */
  DATA_LOSS(141, "version %s loses data: %s; to acknowledge it, add %s to schema %s"),
  /** A data migration for a pair of versions that is not a step. */
  DATA_MIGRATION_NOT_A_STEP(
      142,
      "@DataMigration(from = %s, to = %s) of %s is not a step of schema %s (versions 1 to %s): from and to must be"
          + " consecutive versions of it"),
  /** A data migration class that cannot be instantiated or called. */
  DATA_MIGRATION_CLASS(
      143,
      "%s cannot run as a data migration: it must be a public class with a public no-argument constructor"
          + " implementing dev.gao.metrics.runtime.schema.DataMigrationStep (%s)"),
  /** A rename from a name the previous version does not have. */
  RENAME_SOURCE_MISSING(
      144, "@RenamedFrom(name = \"%s\", version = %s): version %s has no %s named %s (it has: %s); correct the"
          + " name or the version"),
  /** A snapshot that cannot be read or written. */
  SNAPSHOT_UNREADABLE(145, "schema snapshot %s cannot be used: %s"),
  /** {@code @MetricsQueries} on something that is not a usable interface. */
  QUERIES_NOT_AN_INTERFACE(
      146,
      "@MetricsQueries is only allowed on interfaces without type parameters that are top-level or static and not"
          + " private, not on %s %s"),
  /** {@code @MetricsQueries(schema)} naming a type that is not a schema. */
  QUERIES_SCHEMA_NOT_A_SCHEMA(147, "@MetricsQueries(schema = %s): %s is not annotated with @MetricsSchema"),
  /** Queries on a schema that has errors. */
  QUERIES_SCHEMA_BROKEN(148, "queries %s are not generated: schema %s has errors"),
  /** An abstract method without {@code @Query}, or {@code @Query} on a method that is not abstract. */
  QUERY_METHOD(149, "%s: %s"),
  /** SQL that SQLite refuses. */
  QUERY_SQL_INVALID(150, "the SQL of %s does not compile against schema %s: \"%s\""),
  /** SQL that is not one statement of a supported kind. */
  QUERY_STATEMENT(151, "the SQL of %s %s"),
  /** A {@code :name} no parameter has. */
  QUERY_UNKNOWN_PARAMETER(
      152, "the SQL of %s uses :%s, but no parameter has that name; the parameters are: [%s]"),
  /** A parameter the SQL does not use. */
  QUERY_UNUSED_PARAMETER(153, "parameter %s of %s is not used by the SQL: use :%s in it or remove the parameter"),
  /** A parameter whose type cannot be bound. */
  QUERY_PARAMETER_TYPE(154, "parameter %s of %s has type %s, which cannot be bound: %s"),
  /** A return type queries cannot produce. */
  QUERY_RETURN_TYPE(155, "%s returns %s, which is not supported: %s"),
  /** A table record returned from other columns than the table's. */
  QUERY_TABLE_COLUMNS(
      156,
      "%s returns table record %s, but the result columns are not those of table %s: missing [%s], not in the"
          + " table [%s]; select exactly the table's columns (SELECT * FROM %s) or return a projection record"),
  /** A projection record whose components and result columns differ. */
  QUERY_PROJECTION_COLUMNS(
      157,
      "%s returns %s, but its components and the result columns do not match: components without a result"
          + " column (by snake_case name) [%s], result columns without a component [%s]"),
  /** A single value read from more than one column. */
  QUERY_SCALAR_COLUMNS(158, "%s returns the single value %s, but the query returns %s columns [%s]; select one"),
  /** A result with two columns of one name. */
  QUERY_DUPLICATE_COLUMN(159, "the result of %s has two columns named %s; give them distinct names with AS"),
  /** Two parameters with one SQL name. */
  QUERY_DUPLICATE_PARAMETER(160, "parameters of %s: :%s names both %s and %s"),
  /** A table column read as a Java type stored in another SQL type. */
  QUERY_COLUMN_TYPE(
      161, "%s reads result column %s, declared %s in the schema, as %s, which is stored as %s; change the type or"
          + " convert the column in SQL (CAST)"),
  /** {@code @Metric} on a column that is neither numeric nor a {@code @Json} map from String to numbers. */
  METRIC_NOT_NUMERIC(
      162,
      "@Metric is only allowed on numeric columns (byte, short, int, long, float, double, their boxes"
          + " or BigDecimal) and on @Json maps from String to numbers (Map<String, V> with V one of Byte, Short,"
          + " Integer, Long, Float, Double, BigDecimal or Number), but %s is %s; remove @Metric or change the type"),
  /** {@code @Metric} with a NaN bound or {@code min > max}. */
  METRIC_INVALID_RANGE(
      163, "@Metric of %s has an invalid range: min = %s, max = %s; %s"),
  /** {@code @Metric} with a finite bound on a {@code @Json} map, whose values no CHECK constraint can reach. */
  METRIC_RANGE_ON_MAP(
      164,
      "@Metric of %s sets %s = %s, but a range cannot be enforced on the values of a @Json map (a CHECK"
          + " constraint cannot look inside JSON); remove min and max, unit and direction still describe every"
          + " value of the map"),
  /** A query result record embedding a table the query's schema does not list. */
  QUERY_EMBEDDED_NOT_IN_SCHEMA(
      165,
      "%s returns %s, whose component %s embeds table record %s, which is not part of schema %s; embed a table"
          + " of the schema or read the columns into plain components"),
  /** An embedded table whose columns are not all in the result. */
  QUERY_EMBEDDED_MISSING_COLUMNS(
      166,
      "%s returns %s, whose component %s embeds table %s, but the result lacks its columns [%s]; select every"
          + " column of the table under its own name (for example t.* with t the table or its alias)"),
  /** An embedded table read twice: by two components, or from two copies of its columns. */
  QUERY_EMBEDDED_TABLE_TWICE(
      167,
      "%s returns %s, which reads table %s more than once: %s; select each embedded table once (an embedded"
          + " row takes the columns that come from its table, so a self-join cannot be embedded: alias its columns"
          + " and read them into plain components)"),
  /** Plain components and the result columns no embedded table takes that do not match. */
  QUERY_EMBEDDED_OTHER_COLUMNS(
      168,
      "%s returns %s, but its plain components and the result columns that no embedded table takes do not"
          + " match: components without a result column (by snake_case name) [%s], result columns without a"
          + " component [%s]"),
  /**
   * A table, column, index or constraint name longer than PostgreSQL keeps: it cuts names to their
   * first 63 bytes without an error, so two names could become one and statements would miss them.
   */
  IDENTIFIER_TOO_LONG(
      169,
      "%s %s is %d bytes long in UTF-8, but PostgreSQL keeps only the first %d bytes of a name (and cuts longer"
          + " ones without an error); %s"),
  /**
   * A PostgreSQL variant ({@code @Query(postgres = ...)}) whose {@code :name} parameters are not
   * exactly the method's: no server is at hand while compiling, but the names are known.
   */
  QUERY_POSTGRES_PARAMETERS(170, "the PostgreSQL SQL of %s %s"),
  /**
   * A PostgreSQL variant that is not one statement of the kind of {@code value}: a {@code SELECT}
   * where {@code value} changes rows, or the other way round.
   */
  QUERY_POSTGRES_STATEMENT(171, "the PostgreSQL SQL of %s %s");

  private final int number;
  private final String template;

  Message(int number, String template) {
    this.number = number;
    this.template = template;
  }

  /** The stable ID, for example {@code GM101}. */
  public String id() {
    return "GM" + number;
  }

  /** The complete text of this message with its arguments, starting with the bracketed ID. */
  public String format(Object... arguments) {
    return "[" + id() + "] " + String.format(Locale.ROOT, template, arguments);
  }
}
