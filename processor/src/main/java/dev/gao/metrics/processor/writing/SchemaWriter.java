package dev.gao.metrics.processor.writing;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import dev.gao.metrics.processor.migration.VersionHistory;
import dev.gao.metrics.processor.model.SchemaModel;
import dev.gao.metrics.processor.sql.SqlDialect;
import java.util.List;
import javax.lang.model.element.Modifier;

/** Writes the {@code <Name>Schema} class of one schema. */
public final class SchemaWriter {
  private final SchemaHistoryLiteral historyLiteral;

  /** A writer rendering earlier versions' DDL with {@code dialect} (SQLite) and {@code postgres}. */
  public SchemaWriter(SqlDialect dialect, SqlDialect postgres) {
    this.historyLiteral = new SchemaHistoryLiteral(dialect, postgres);
  }

  /** The class holding {@code schema}'s version, identity hash and metadata, without history. */
  public TypeSpec write(SchemaModel schema, String identityHash) {
    return write(schema, identityHash, VersionHistory.NONE);
  }

  /**
   * The class holding {@code schema}'s version, identity hash, metadata and, when {@code history}
   * has steps, its earlier versions and migration steps.
   */
  public TypeSpec write(SchemaModel schema, String identityHash, VersionHistory history) {
    ClassName name = GeneratedNames.schema(schema.type());
    CodeBlock tables =
        CodeBlock.join(
            schema.tables().stream().map(t -> CodeBlock.of("$T.TABLE", GeneratedNames.dao(t.rowType()))).toList(),
            ",\n");
    boolean withHistory = !history.steps().isEmpty();
    TypeSpec.Builder type =
        TypeSpec.classBuilder(name)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addJavadoc(
            "Schema {@code $L}, version $L: the tables of {@link $T} in creation order.\n\n"
                + "<p>Open a database with {@code MetricsDatabase.open($T.SCHEMA)}.\n",
            schema.name(),
            schema.version(),
            schema.type(),
            name);
    if (withHistory) {
      type.addJavadoc(SchemaHistoryLiteral.javadoc(history.steps()));
    }
    CodeBlock historyArgument =
        withHistory ? CodeBlock.of(",\n$L", historyLiteral.history(history.versions(), history.steps())) : CodeBlock.of("");
    return type
        .addField(
            FieldSpec.builder(TypeName.INT, "VERSION", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The schema version.\n")
                .initializer("$L", schema.version())
                .build())
        .addField(
            FieldSpec.builder(String.class, "IDENTITY_HASH", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc(
                    "The SHA-256 of the normalized structure of the tables; it changes exactly when the\n"
                        + "structure does.\n")
                .initializer("$S", identityHash)
                .build())
        .addFields(withHistory ? historyLiteral.versionFields(history.versions(), history.identityHashes()) : List.of())
        .addField(
            FieldSpec.builder(RuntimeTypes.SCHEMA_INFO, "SCHEMA", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The complete schema, as {@code MetricsDatabase} opens it.\n")
                .initializer(
                    "new $T(\n$>$>$S,\nVERSION,\nIDENTITY_HASH,\n$T.of(\n$>$>$L$<$<)$L$<$<)",
                    RuntimeTypes.SCHEMA_INFO,
                    schema.name(),
                    List.class,
                    tables,
                    historyArgument)
                .build())
        .addMethod(
            MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("Not instantiated: the class only holds constants.\n")
                .build())
        .build();
  }
}
