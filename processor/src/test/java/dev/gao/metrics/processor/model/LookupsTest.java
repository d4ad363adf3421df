package dev.gao.metrics.processor.model;

import static dev.gao.metrics.processor.model.Models.key;
import static dev.gao.metrics.processor.model.Models.table;
import static dev.gao.metrics.processor.model.Models.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LookupsTest {
  @Test
  void leadingColumnsAndFullMultiColumnIndexesWithoutDuplicates() {
    TableModel table =
        table("t", List.of(key("id", 1), text("a"), text("b"), text("c")))
            .withRelations(
                List.of(
                    new IndexModel("i1", List.of("a", "b"), false, false),
                    new IndexModel("i2", List.of("a"), true, false),
                    new IndexModel("i3", List.of("a", "c"), true, false),
                    new IndexModel("i4", List.of("id"), false, false),
                    new IndexModel("i5", List.of("c"), false, true)),
                List.of());
    assertEquals(
        List.of(
            new Lookup(List.of("a"), true),
            new Lookup(List.of("a", "b"), false),
            new Lookup(List.of("a", "c"), true),
            new Lookup(List.of("c"), false)),
        Lookups.of(table));
  }

  @Test
  void indexEqualToCompositeKeyGetsNoLookupButItsLeadingColumnDoes() {
    TableModel table =
        table("t", List.of(key("a", 1), key("b", 2)))
            .withRelations(List.of(new IndexModel("i", List.of("b", "a"), true, false)), List.of());
    assertEquals(List.of(new Lookup(List.of("b"), false)), Lookups.of(table));
  }
}
