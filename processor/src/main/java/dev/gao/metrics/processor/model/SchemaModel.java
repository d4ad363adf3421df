package dev.gao.metrics.processor.model;

import com.squareup.javapoet.ClassName;
import java.util.List;
import java.util.Optional;

/**
 * One versioned schema.
 *
 * @param type the type annotated with {@code @MetricsSchema}
 * @param name the schema name (the simple name of {@code type})
 * @param version the schema version, 1 or more
 * @param tables the tables in creation order
 */
public record SchemaModel(ClassName type, String name, int version, List<TableModel> tables) {
  /** Copies the table list. */
  public SchemaModel {
    tables = List.copyOf(tables);
  }

  /**
   * The table whose row type has the qualified name {@code qualifiedName}.
   *
   * @param qualifiedName the qualified name of an annotated row type
   * @return the table, or empty when the row type is not part of this schema
   */
  public Optional<TableModel> table(String qualifiedName) {
    return tables.stream().filter(t -> t.qualifiedName().equals(qualifiedName)).findFirst();
  }
}
