package dev.gao.metrics.processor.history;

import dev.gao.metrics.processor.identity.JsonText;
import dev.gao.metrics.processor.identity.SchemaJson;
import dev.gao.metrics.processor.migration.Renames;

/**
 * Writes a snapshot as pretty-printed JSON in the engine-neutral format {@value
 * SchemaJson#FORMAT_VERSION}, the same snapshot always as the same text.
 */
public final class SnapshotWriter {
  private SnapshotWriter() {}

  /** The file text of {@code snapshot}, ending with a newline. */
  public static String write(Snapshot snapshot) {
    JsonText json =
        new JsonText()
            .beginObject()
            .name("formatVersion")
            .value(SchemaJson.FORMAT_VERSION)
            .name("schema")
            .value(snapshot.schema().name())
            .name("version")
            .value(snapshot.version())
            .name("identityHash")
            .value(snapshot.identityHash())
            .name("parentHash")
            .value(snapshot.parentHash());
    json.name("renames").beginObject().name("tables").beginArray();
    for (Renames.TableRename rename : snapshot.renames().tables()) {
      json.beginObject().name("from").value(rename.from()).name("to").value(rename.to()).endObject();
    }
    json.endArray().name("columns").beginArray();
    for (Renames.ColumnRename rename : snapshot.renames().columns()) {
      json.beginObject()
          .name("table")
          .value(rename.table())
          .name("from")
          .value(rename.from())
          .name("to")
          .value(rename.to())
          .endObject();
    }
    json.endArray().endObject().name("allowedDataLoss").beginArray();
    for (DataLossAllowance allowance : snapshot.allowedDataLoss()) {
      json.beginObject()
          .name("table")
          .value(allowance.table())
          .name("column")
          .value(allowance.column())
          .name("reason")
          .value(allowance.reason())
          .endObject();
    }
    json.endArray();
    SchemaJson.tables(json, snapshot.schema().tables(), true);
    return json.endObject().text();
  }
}
