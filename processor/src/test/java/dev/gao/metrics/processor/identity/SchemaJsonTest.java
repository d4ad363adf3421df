package dev.gao.metrics.processor.identity;

import static dev.gao.metrics.processor.model.Models.autoKey;
import static dev.gao.metrics.processor.model.Models.autoTable;
import static dev.gao.metrics.processor.model.Models.column;
import static dev.gao.metrics.processor.model.Models.json;
import static dev.gao.metrics.processor.model.Models.key;
import static dev.gao.metrics.processor.model.Models.table;
import static dev.gao.metrics.processor.model.Models.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.javapoet.ClassName;
import dev.gao.metrics.processor.history.FormatOne;
import dev.gao.metrics.processor.model.ForeignKeyModel;
import dev.gao.metrics.processor.model.IndexModel;
import dev.gao.metrics.processor.model.SchemaModel;
import dev.gao.metrics.processor.model.TableModel;
import dev.gao.metrics.processor.model.ValueKind;
import dev.gao.metrics.processor.structure.Shapes;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaJsonTest {
  private static SchemaModel schema(List<IndexModel> indexes, int version) {
    TableModel runs =
        table(
                "runs",
                List.of(
                    key("run_id", 1),
                    column("created_at", ClassName.get(Instant.class), ValueKind.INSTANT, false, "CURRENT_TIMESTAMP", 0)))
            .withRelations(indexes, List.of());
    TableModel metrics =
        autoTable("metrics", List.of(autoKey(), text("run_id"), json("times")))
            .withRelations(
                List.of(new IndexModel("idx_metrics_run_id", List.of("run_id"), false, true)),
                List.of(new ForeignKeyModel("run_id", "runs", "run_id", "CASCADE", "NO ACTION")));
    return new SchemaModel(ClassName.get("p", "Db"), "Db", version, List.of(runs, metrics));
  }

  private static final List<IndexModel> INDEXES =
      List.of(
          new IndexModel("idx_runs_created", List.of("created_at"), false, false),
          new IndexModel("idx_runs_a", List.of("run_id", "created_at"), true, false));

  @Test
  void structureIsPrettyNormalizedJsonInEngineNeutralTerms() {
    assertEquals(
        "{\n"
            + "  \"tables\": [\n"
            + "    {\n"
            + "      \"name\": \"runs\",\n"
            + "      \"columns\": [\n"
            + "        {\n"
            + "          \"name\": \"run_id\",\n"
            + "          \"kind\": \"STRING\",\n"
            + "          \"javaType\": \"java.lang.String\",\n"
            + "          \"notNull\": true,\n"
            + "          \"default\": null,\n"
            + "          \"primaryKeyPosition\": 1\n"
            + "        },\n"
            + "        {\n"
            + "          \"name\": \"created_at\",\n"
            + "          \"kind\": \"INSTANT\",\n"
            + "          \"javaType\": \"java.time.Instant\",\n"
            + "          \"notNull\": false,\n"
            + "          \"default\": \"CURRENT_TIMESTAMP\",\n"
            + "          \"primaryKeyPosition\": 0,\n"
            + "          \"normalizedTime\": true\n"
            + "        }\n"
            + "      ],\n"
            + "      \"autoIncrement\": false,\n"
            + "      \"indexes\": [\n"
            + "        {\n"
            + "          \"name\": \"idx_runs_a\",\n"
            + "          \"columns\": [\"run_id\", \"created_at\"],\n"
            + "          \"unique\": true\n"
            + "        },\n"
            + "        {\n"
            + "          \"name\": \"idx_runs_created\",\n"
            + "          \"columns\": [\"created_at\"],\n"
            + "          \"unique\": false\n"
            + "        }\n"
            + "      ],\n"
            + "      \"foreignKeys\": []\n"
            + "    },\n"
            + "    {\n"
            + "      \"name\": \"metrics\",\n"
            + "      \"columns\": [\n"
            + "        {\n"
            + "          \"name\": \"id\",\n"
            + "          \"kind\": \"LONG\",\n"
            + "          \"javaType\": \"long\",\n"
            + "          \"notNull\": false,\n"
            + "          \"default\": null,\n"
            + "          \"primaryKeyPosition\": 1\n"
            + "        },\n"
            + "        {\n"
            + "          \"name\": \"run_id\",\n"
            + "          \"kind\": \"STRING\",\n"
            + "          \"javaType\": \"java.lang.String\",\n"
            + "          \"notNull\": true,\n"
            + "          \"default\": null,\n"
            + "          \"primaryKeyPosition\": 0\n"
            + "        },\n"
            + "        {\n"
            + "          \"name\": \"times\",\n"
            + "          \"kind\": \"JSON\",\n"
            + "          \"javaType\": \"java.util.List<java.lang.String>\",\n"
            + "          \"notNull\": false,\n"
            + "          \"default\": null,\n"
            + "          \"primaryKeyPosition\": 0,\n"
            + "          \"nullSafeJsonCheck\": true\n"
            + "        }\n"
            + "      ],\n"
            + "      \"autoIncrement\": true,\n"
            + "      \"indexes\": [\n"
            + "        {\n"
            + "          \"name\": \"idx_metrics_run_id\",\n"
            + "          \"columns\": [\"run_id\"],\n"
            + "          \"unique\": false\n"
            + "        }\n"
            + "      ],\n"
            + "      \"foreignKeys\": [\n"
            + "        {\n"
            + "          \"column\": \"run_id\",\n"
            + "          \"referencedTable\": \"runs\",\n"
            + "          \"referencedColumn\": \"run_id\",\n"
            + "          \"onDelete\": \"CASCADE\",\n"
            + "          \"onUpdate\": \"NO ACTION\"\n"
            + "        }\n"
            + "      ]\n"
            + "    }\n"
            + "  ]\n"
            + "}\n",
        SchemaJson.structure(schema(INDEXES, 1)));
  }

  @Test
  void theStructureNamesNoSqliteTypeOrRendering() {
    String structure = SchemaJson.structure(schema(INDEXES, 1));
    assertTrue(structure.contains("\"kind\": \"INSTANT\""), structure);
    assertTrue(structure.contains("\"default\": \"CURRENT_TIMESTAMP\""), structure);
    for (String sqlite : List.of("strftime", "sqlType", "TEXT", "INTEGER", "\"json\"")) {
      assertFalse(structure.contains(sqlite), sqlite);
    }
    assertEquals(IdentityHash.of(structure), SchemaJson.identityHash(Shapes.of(schema(INDEXES, 1))));
  }

  @Test
  void theCurrentTimeHasOneNeutralSpellingWhateverSqliteWouldRender() {
    for (String[] same :
        new String[][] {
          {"INSTANT", "current_timestamp", "CURRENT_TIMESTAMP"},
          {"LOCAL_DATE_TIME", " Current_Timestamp ", "CURRENT_TIMESTAMP"},
          {"LOCAL_DATE", "CURRENT_TIMESTAMP", "CURRENT_DATE"},
          {"LOCAL_DATE", "current_date", "CURRENT_DATE"},
          {"OFFSET_DATE_TIME", "current_date", "CURRENT_DATE"},
        }) {
      ValueKind kind = ValueKind.valueOf(same[0]);
      ClassName type = ClassName.get("java.time", kind == ValueKind.INSTANT ? "Instant"
          : kind == ValueKind.LOCAL_DATE ? "LocalDate" : kind == ValueKind.LOCAL_DATE_TIME ? "LocalDateTime" : "OffsetDateTime");
      SchemaModel declared = oneColumn(column("at", type, kind, false, same[1], 0));
      SchemaModel canonical = oneColumn(column("at", type, kind, false, same[2], 0));
      assertEquals(SchemaJson.structure(canonical), SchemaJson.structure(declared), same[1]);
      assertTrue(SchemaJson.structure(declared).contains("\"default\": \"" + same[2] + "\""), same[1]);
    }
    SchemaModel text = oneColumn(column("at", ClassName.get(String.class), ValueKind.STRING, false, " current_timestamp ", 0));
    assertTrue(SchemaJson.structure(text).contains("\"default\": \"current_timestamp\""), "other kinds keep the declared text");
  }

  private static SchemaModel oneColumn(dev.gao.metrics.processor.model.ColumnModel column) {
    return new SchemaModel(ClassName.get("p", "Db"), "Db", 1, List.of(table("t", List.of(key("id", 1), column))));
  }

  /** Format 1 recorded the same schema in SQLite's terms; rendered from the neutral form, the text is the same. */
  @Test
  void formatOneStructureIsTheTextSnapshotsRecordedBefore() {
    assertEquals(
        "{\n"
            + "  \"tables\": [\n"
            + "    {\n"
            + "      \"name\": \"runs\",\n"
            + "      \"columns\": [\n"
            + "        {\n"
            + "          \"name\": \"run_id\",\n"
            + "          \"sqlType\": \"TEXT\",\n"
            + "          \"javaType\": \"java.lang.String\",\n"
            + "          \"notNull\": true,\n"
            + "          \"default\": null,\n"
            + "          \"primaryKeyPosition\": 1,\n"
            + "          \"json\": false\n"
            + "        },\n"
            + "        {\n"
            + "          \"name\": \"created_at\",\n"
            + "          \"sqlType\": \"TEXT\",\n"
            + "          \"javaType\": \"java.time.Instant\",\n"
            + "          \"notNull\": false,\n"
            + "          \"default\": \"(strftime('%Y-%m-%dT%H:%M:%f000000Z', 'now'))\",\n"
            + "          \"primaryKeyPosition\": 0,\n"
            + "          \"json\": false,\n"
            + "          \"normalizedTime\": true\n"
            + "        }\n"
            + "      ],\n"
            + "      \"autoIncrement\": false,\n"
            + "      \"indexes\": [\n"
            + "        {\n"
            + "          \"name\": \"idx_runs_a\",\n"
            + "          \"columns\": [\"run_id\", \"created_at\"],\n"
            + "          \"unique\": true\n"
            + "        },\n"
            + "        {\n"
            + "          \"name\": \"idx_runs_created\",\n"
            + "          \"columns\": [\"created_at\"],\n"
            + "          \"unique\": false\n"
            + "        }\n"
            + "      ],\n"
            + "      \"foreignKeys\": []\n"
            + "    },\n"
            + "    {\n"
            + "      \"name\": \"metrics\",\n"
            + "      \"columns\": [\n"
            + "        {\n"
            + "          \"name\": \"id\",\n"
            + "          \"sqlType\": \"INTEGER\",\n"
            + "          \"javaType\": \"long\",\n"
            + "          \"notNull\": false,\n"
            + "          \"default\": null,\n"
            + "          \"primaryKeyPosition\": 1,\n"
            + "          \"json\": false\n"
            + "        },\n"
            + "        {\n"
            + "          \"name\": \"run_id\",\n"
            + "          \"sqlType\": \"TEXT\",\n"
            + "          \"javaType\": \"java.lang.String\",\n"
            + "          \"notNull\": true,\n"
            + "          \"default\": null,\n"
            + "          \"primaryKeyPosition\": 0,\n"
            + "          \"json\": false\n"
            + "        },\n"
            + "        {\n"
            + "          \"name\": \"times\",\n"
            + "          \"sqlType\": \"TEXT\",\n"
            + "          \"javaType\": \"java.util.List<java.lang.String>\",\n"
            + "          \"notNull\": false,\n"
            + "          \"default\": null,\n"
            + "          \"primaryKeyPosition\": 0,\n"
            + "          \"json\": true,\n"
            + "          \"nullSafeJsonCheck\": true\n"
            + "        }\n"
            + "      ],\n"
            + "      \"autoIncrement\": true,\n"
            + "      \"indexes\": [\n"
            + "        {\n"
            + "          \"name\": \"idx_metrics_run_id\",\n"
            + "          \"columns\": [\"run_id\"],\n"
            + "          \"unique\": false\n"
            + "        }\n"
            + "      ],\n"
            + "      \"foreignKeys\": [\n"
            + "        {\n"
            + "          \"column\": \"run_id\",\n"
            + "          \"referencedTable\": \"runs\",\n"
            + "          \"referencedColumn\": \"run_id\",\n"
            + "          \"onDelete\": \"CASCADE\",\n"
            + "          \"onUpdate\": \"NO ACTION\"\n"
            + "        }\n"
            + "      ]\n"
            + "    }\n"
            + "  ]\n"
            + "}\n",
        FormatOne.structure(Shapes.of(schema(INDEXES, 1))));
  }

  @Test
  void declarationOrderOfIndexesAndVersionDoNotChangeTheIdentity() {
    String hash = IdentityHash.of(SchemaJson.structure(schema(INDEXES, 1)));
    assertEquals(hash, IdentityHash.of(SchemaJson.structure(schema(List.of(INDEXES.get(1), INDEXES.get(0)), 7))));
    assertNotEquals(hash, IdentityHash.of(SchemaJson.structure(schema(INDEXES.subList(0, 1), 1))));
  }

  @Test
  void hashIsLowerCaseSha256Hex() {
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", IdentityHash.of("abc"));
  }
}
