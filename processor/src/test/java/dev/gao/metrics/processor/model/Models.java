package dev.gao.metrics.processor.model;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import java.util.List;

/** Hand-built models for tests that run without a compiler. */
public final class Models {
  private Models() {}

  public static ColumnModel column(String name, TypeName type, ValueKind kind, boolean notNull, String declaredDefault, int keyPosition) {
    return new ColumnModel(name, name, type, kind, notNull, declaredDefault, keyPosition, new Accessor(name, true));
  }

  /** A column of enum type {@code p.<type>} with the constants {@code names}, in declaration order. */
  public static ColumnModel enumColumn(String name, String type, boolean notNull, String... names) {
    return new ColumnModel(
        name, name, ClassName.get("p", type), ValueKind.ENUM, notNull, null, 0, new Accessor(name, true), null, List.of(names));
  }

  public static ColumnModel text(String name) {
    return column(name, ClassName.get(String.class), ValueKind.STRING, true, null, 0);
  }

  public static ColumnModel key(String name, int position) {
    return column(name, ClassName.get(String.class), ValueKind.STRING, true, null, position);
  }

  public static ColumnModel json(String name) {
    return column(
        name,
        ParameterizedTypeName.get(ClassName.get(List.class), ClassName.get(String.class)),
        ValueKind.JSON,
        false,
        null,
        0);
  }

  public static TableModel table(String name, List<ColumnModel> columns) {
    return new TableModel(ClassName.get("p", "Row"), name, columns, false, List.of(), List.of(), true, true);
  }

  public static TableModel autoTable(String name, List<ColumnModel> columns) {
    return new TableModel(ClassName.get("p", "Row"), name, columns, true, List.of(), List.of(), true, true);
  }

  public static ColumnModel autoKey() {
    return column("id", TypeName.LONG, ValueKind.LONG, true, null, 1);
  }
}
