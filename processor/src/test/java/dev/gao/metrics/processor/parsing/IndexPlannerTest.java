package dev.gao.metrics.processor.parsing;

import static dev.gao.metrics.processor.model.Models.key;
import static dev.gao.metrics.processor.model.Models.table;
import static dev.gao.metrics.processor.model.Models.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gao.metrics.processor.model.ForeignKeyModel;
import dev.gao.metrics.processor.model.IndexModel;
import dev.gao.metrics.processor.model.TableModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexPlannerTest {
  private static ForeignKeyModel fk(String column) {
    return new ForeignKeyModel(column, "p", "id", "CASCADE", "NO ACTION");
  }

  @Test
  void addsAnIndexOnlyWhereNoIndexOrKeyLeadsWithTheColumn() {
    TableModel table =
        table("t", List.of(key("a", 1), key("b", 2), text("c"), text("d"), text("e")))
            .withRelations(List.of(new IndexModel("i", List.of("c", "d"), false, false)), List.of());
    assertEquals(
        List.of(
            new IndexModel("i", List.of("c", "d"), false, false),
            new IndexModel("idx_t_b", List.of("b"), false, true),
            new IndexModel("idx_t_d", List.of("d"), false, true),
            new IndexModel("idx_t_e", List.of("e"), false, true)),
        IndexPlanner.withAutomaticIndexes(table, List.of(fk("a"), fk("b"), fk("c"), fk("d"), fk("e"))));
  }
}
