package dev.gao.metrics.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.gao.metrics.runtime.connection.RowReader;
import dev.gao.metrics.runtime.connection.StatementBinder;
import dev.gao.metrics.runtime.dao.ColumnRef;
import dev.gao.metrics.runtime.dao.TableDao;
import dev.gao.metrics.runtime.exception.InvalidValueException;
import dev.gao.metrics.runtime.exception.MappingException;
import dev.gao.metrics.runtime.exception.MetricsException;
import dev.gao.metrics.runtime.fixture.Target;
import dev.gao.metrics.runtime.json.JsonType;
import dev.gao.metrics.runtime.schema.ColumnInfo;
import dev.gao.metrics.runtime.schema.Engine;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every kind of value a DAO binds, written and read back through a DAO as generated DAOs are
 * written, on every engine: the same Java value comes back, lookups by each kind find it, and the
 * same bad value is refused with the same message. What one engine cannot store (PostgreSQL: the NUL
 * character, nanoseconds) is refused there before the driver sees it.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class ValueRoundTripTest {
  enum Color {
    RED,
    GREEN
  }

  record Sample(
      long id,
      String text,
      boolean flag,
      Boolean maybe,
      short small,
      byte tiny,
      int count,
      Long big,
      double ratio,
      Float single,
      BigDecimal amount,
      Color color,
      Instant at,
      OffsetDateTime offsetAt,
      LocalDateTime localAt,
      LocalDate day,
      UUID token,
      byte[] payload,
      Map<String, Object> doc) {

    /** The same sample without its bytes, which records compare by reference. */
    Sample withoutPayload() {
      return new Sample(
          id, text, flag, maybe, small, tiny, count, big, ratio, single, amount, color, at, offsetAt, localAt, day,
          token, null, doc);
    }

    Sample withId(long newId) {
      return new Sample(
          newId, text, flag, maybe, small, tiny, count, big, ratio, single, amount, color, at, offsetAt, localAt,
          day, token, payload, doc);
    }

    Sample withText(String newText) {
      return new Sample(
          id, newText, flag, maybe, small, tiny, count, big, ratio, single, amount, color, at, offsetAt, localAt,
          day, token, payload, doc);
    }

    Sample withTimes(Instant newAt, LocalDateTime newLocalAt) {
      return new Sample(
          id, text, flag, maybe, small, tiny, count, big, ratio, single, amount, color, newAt, offsetAt, newLocalAt,
          day, token, payload, doc);
    }

    Sample withOffsetAt(OffsetDateTime newOffsetAt) {
      return new Sample(
          id, text, flag, maybe, small, tiny, count, big, ratio, single, amount, color, at, newOffsetAt, localAt,
          day, token, payload, doc);
    }

    Sample withDoc(Map<String, Object> newDoc) {
      return new Sample(
          id, text, flag, maybe, small, tiny, count, big, ratio, single, amount, color, at, offsetAt, localAt, day,
          token, payload, newDoc);
    }
  }

  private static final String[][] COLUMNS = {
    {"id", "INTEGER", "long", "bigint"},
    {"text", "TEXT", "java.lang.String", "text"},
    {"flag", "INTEGER", "boolean", "boolean"},
    {"maybe", "INTEGER", "java.lang.Boolean", "boolean"},
    {"small", "INTEGER", "short", "smallint"},
    {"tiny", "INTEGER", "byte", "smallint"},
    {"count", "INTEGER", "int", "integer"},
    {"big", "INTEGER", "java.lang.Long", "bigint"},
    {"ratio", "REAL", "double", "double precision"},
    {"single", "REAL", "java.lang.Float", "real"},
    {"amount", "TEXT", "java.math.BigDecimal", "numeric"},
    {"color", "TEXT", "p.Color", "text"},
    {"at", "TEXT", "java.time.Instant", "timestamp with time zone"},
    {"offset_at", "TEXT", "java.time.OffsetDateTime", "timestamp with time zone"},
    {"local_at", "TEXT", "java.time.LocalDateTime", "timestamp without time zone"},
    {"day", "TEXT", "java.time.LocalDate", "date"},
    {"token", "TEXT", "java.util.UUID", "uuid"},
    {"payload", "BLOB", "byte[]", "bytea"},
    {"doc", "TEXT", "java.util.Map", "jsonb"},
  };

  static final TableInfo SAMPLES = table();

  private static final SchemaInfo SCHEMA = new SchemaInfo("Samples", 1, "hash-1", List.of(SAMPLES));

  private static TableInfo table() {
    List<ColumnInfo> columns = new ArrayList<>();
    List<String> sqlite = new ArrayList<>();
    List<String> postgres = new ArrayList<>();
    for (String[] column : COLUMNS) {
      boolean primitive = !column[2].contains(".") && !column[2].endsWith("[]");
      boolean key = column[0].equals("id");
      columns.add(new ColumnInfo(column[0], column[1], column[2], primitive, null, key ? 1 : 0, column[0].equals("doc")));
      String constraints = key ? " NOT NULL PRIMARY KEY" : primitive ? " NOT NULL" : "";
      sqlite.add("  \"" + column[0] + "\" " + column[1] + constraints);
      postgres.add("  \"" + column[0] + "\" " + column[3] + constraints);
    }
    return new TableInfo(
            "samples",
            "p.Sample",
            columns,
            false,
            List.of(),
            List.of(),
            "CREATE TABLE \"samples\" (\n" + String.join(",\n", sqlite) + "\n) STRICT")
        .on(Engine.POSTGRESQL, "CREATE TABLE \"samples\" (\n" + String.join(",\n", postgres) + "\n)");
  }

  /** A DAO written as the processor generates them. */
  static final class SampleDao extends TableDao<Sample> {
    static final ColumnRef<Sample> ID = ref("id");
    static final ColumnRef<Sample> TEXT = ref("text");
    static final ColumnRef<Sample> FLAG = ref("flag");
    static final ColumnRef<Sample> MAYBE = ref("maybe");
    static final ColumnRef<Sample> SMALL = ref("small");
    static final ColumnRef<Sample> TINY = ref("tiny");
    static final ColumnRef<Sample> COUNT = ref("count");
    static final ColumnRef<Sample> BIG = ref("big");
    static final ColumnRef<Sample> RATIO = ref("ratio");
    static final ColumnRef<Sample> SINGLE = ref("single");
    static final ColumnRef<Sample> AMOUNT = ref("amount");
    static final ColumnRef<Sample> COLOR = ref("color");
    static final ColumnRef<Sample> AT = ref("at");
    static final ColumnRef<Sample> OFFSET_AT = ref("offset_at");
    static final ColumnRef<Sample> LOCAL_AT = ref("local_at");
    static final ColumnRef<Sample> DAY = ref("day");
    static final ColumnRef<Sample> TOKEN = ref("token");
    static final ColumnRef<Sample> PAYLOAD = ref("payload");
    static final ColumnRef<Sample> DOC = ref("doc");
    static final JsonType<Map<String, Object>> DOC_JSON = JsonType.ofField(Sample.class, "doc");

    SampleDao(MetricsDatabase database) {
      super(database, SAMPLES);
    }

    private static ColumnRef<Sample> ref(String column) {
      return new ColumnRef<>("samples", column);
    }

    void insert(Sample row) {
      insertRow(row);
    }

    void upsert(Sample row) {
      upsertRow(row);
    }

    Sample find(long id) {
      return findOneByKey(id).orElseThrow();
    }

    List<Long> idsWhere(String column, Object value) {
      return findAllWhere(new String[] {column}, value).stream().map(Sample::id).toList();
    }

    Object jsonValue(Map<String, Object> doc) {
      return values().jsonValue(doc, DOC_JSON, DOC);
    }

    int readBigAsInt() {
      return rows("SELECT \"big\" FROM \"samples\"", rs -> values().getInt(rs, 1, BIG)).size();
    }

    void execute(String sql) {
      executeUpdate(sql, StatementBinder.NONE);
    }

    /** The rows of a query, each read by {@code reader}, as a generated query reads them. */
    private <R> List<R> rows(String sql, RowReader<R> reader) {
      return database()
          .read(
              tx -> {
                List<R> rows = new ArrayList<>();
                try (PreparedStatement statement = tx.connection().prepareStatement(sql);
                    ResultSet rs = statement.executeQuery()) {
                  while (rs.next()) {
                    rows.add(reader.read(rs));
                  }
                }
                return rows;
              });
    }

    @Override
    protected void bindRow(PreparedStatement statement, Sample row) throws SQLException {
      values().setLong(statement, 1, row.id(), ID);
      values().setText(statement, 2, row.text(), TEXT);
      values().setBoolean(statement, 3, row.flag(), FLAG);
      values().setBooleanObject(statement, 4, row.maybe(), MAYBE);
      values().setLong(statement, 5, row.small(), SMALL);
      values().setLong(statement, 6, row.tiny(), TINY);
      values().setLong(statement, 7, row.count(), COUNT);
      values().setInteger(statement, 8, row.big(), BIG);
      values().setDouble(statement, 9, row.ratio(), RATIO);
      values().setReal(statement, 10, row.single(), SINGLE);
      values().setDecimal(statement, 11, row.amount(), AMOUNT);
      values().setEnum(statement, 12, row.color(), COLOR);
      values().setInstant(statement, 13, row.at(), AT);
      values().setOffsetDateTime(statement, 14, row.offsetAt(), OFFSET_AT);
      values().setLocalDateTime(statement, 15, row.localAt(), LOCAL_AT);
      values().setLocalDate(statement, 16, row.day(), DAY);
      values().setUuid(statement, 17, row.token(), TOKEN);
      values().setBytes(statement, 18, row.payload(), PAYLOAD);
      values().setJson(statement, 19, row.doc(), DOC_JSON, DOC);
    }

    @Override
    protected Sample readRow(ResultSet resultSet) throws SQLException {
      return new Sample(
          values().getLong(resultSet, 1, ID),
          values().getText(resultSet, 2, TEXT),
          values().getBoolean(resultSet, 3, FLAG),
          values().getBooleanObject(resultSet, 4, MAYBE),
          values().getShort(resultSet, 5, SMALL),
          values().getByte(resultSet, 6, TINY),
          values().getInt(resultSet, 7, COUNT),
          values().getLongObject(resultSet, 8, BIG),
          values().getDouble(resultSet, 9, RATIO),
          values().getFloatObject(resultSet, 10, SINGLE),
          values().getDecimal(resultSet, 11, AMOUNT),
          values().getEnum(resultSet, 12, Color.class, COLOR),
          values().getInstant(resultSet, 13, AT),
          values().getOffsetDateTime(resultSet, 14, OFFSET_AT),
          values().getLocalDateTime(resultSet, 15, LOCAL_AT),
          values().getLocalDate(resultSet, 16, DAY),
          values().getUuid(resultSet, 17, TOKEN),
          values().getBytes(resultSet, 18, PAYLOAD),
          values().getJson(resultSet, 19, DOC_JSON, DOC));
    }
  }

  @Parameter Engine engine;
  @TempDir Path temp;
  private Target target;
  private MetricsDatabase db;
  private SampleDao dao;

  @BeforeEach
  void open() {
    target = Target.of(engine, temp, "values");
    db = target.open(SCHEMA);
    dao = new SampleDao(db);
  }

  @AfterEach
  void close() {
    assertEquals(0, db.transactions().activeConnections());
    db.close();
  }

  private static Map<String, Object> doc() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("list", List.of(1, "x", 2.5));
    doc.put("nested", Map.of("ok", true));
    doc.put("quote", "O'Brien \"ops\" \\ Zoë 😀");
    return doc;
  }

  private static Sample full(long id) {
    return new Sample(
        id,
        "héllo 😀 ' \" \\",
        true,
        Boolean.FALSE,
        Short.MIN_VALUE,
        Byte.MAX_VALUE,
        Integer.MIN_VALUE,
        Long.MAX_VALUE,
        Double.NEGATIVE_INFINITY,
        2.5f,
        new BigDecimal("12345678901234567890.000000000000000001"),
        Color.GREEN,
        Instant.parse("2025-03-04T05:06:07.123456Z"),
        OffsetDateTime.parse("2025-03-04T07:06:07.5+02:00"),
        LocalDateTime.parse("1999-12-31T23:59:59.999999"),
        LocalDate.parse("0800-02-29"),
        UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
        new byte[] {0, 1, 2, (byte) 255},
        doc());
  }

  private static Sample empty(long id) {
    return new Sample(id, null, false, null, (short) 0, (byte) 0, 0, null, 0, null, null, null, null, null, null, null, null, null, null);
  }

  /** Every value as written, the offset date-time at UTC, as it reads back. */
  private static void assertReadsBack(Sample expected, Sample actual) {
    OffsetDateTime utc = expected.offsetAt() == null ? null : expected.offsetAt().withOffsetSameInstant(ZoneOffset.UTC);
    assertEquals(expected.withOffsetAt(utc).withoutPayload(), actual.withoutPayload());
    assertArrayEquals(expected.payload(), actual.payload());
  }

  @Test
  void everyKindReadsBackAsTheSameJavaValue() {
    Sample full = full(1);
    dao.insert(full);
    dao.insert(empty(2));
    Sample read = dao.find(1);
    assertReadsBack(full, read);
    assertEquals(ZoneOffset.UTC, read.offsetAt().getOffset(), "an offset date-time reads back at UTC");
    assertEquals(full.offsetAt().toInstant(), read.offsetAt().toInstant());
    assertReadsBack(empty(2), dao.find(2));

    // The ends of the years both engines accept, and decimals as given.
    Sample edges =
        full(3)
            .withTimes(Instant.parse("0000-01-01T00:00:00Z"), LocalDateTime.parse("9999-12-31T23:59:59.999999"));
    dao.insert(edges);
    assertReadsBack(edges, dao.find(3));
    Sample late = full(4).withTimes(Instant.parse("9999-12-31T23:59:59.999999Z"), LocalDateTime.parse("0000-01-01T00:00"));
    dao.upsert(late);
    assertReadsBack(late, dao.find(4));
  }

  @Test
  void decimalsKeepTheirScaleAndExponentsReadBackPlain() {
    dao.insert(new Sample(1, null, false, null, (short) 0, (byte) 0, 0, null, 0, null, new BigDecimal("12.3400"), null, null, null, null, null, null, null, null));
    dao.insert(new Sample(2, null, false, null, (short) 0, (byte) 0, 0, null, 0, null, new BigDecimal("1E+3"), null, null, null, null, null, null, null, null));
    assertEquals("12.3400", dao.find(1).amount().toString());
    assertEquals("1000", dao.find(2).amount().toString());
    assertEquals(List.of(1L), dao.idsWhere("amount", new BigDecimal("12.3400")));
    // SQLite keeps decimals as text and compares the text; PostgreSQL compares numbers.
    assertEquals(
        target.sqlite() ? List.of() : List.of(1L), dao.idsWhere("amount", new BigDecimal("12.34")));
  }

  @Test
  void lookupsBindEachKindAsItsColumnHoldsIt() {
    Sample full = full(1);
    dao.insert(full);
    dao.insert(empty(2));
    assertEquals(List.of(1L), dao.idsWhere("text", full.text()));
    assertEquals(List.of(1L), dao.idsWhere("flag", true));
    assertEquals(List.of(1L), dao.idsWhere("maybe", false));
    assertEquals(List.of(1L), dao.idsWhere("small", full.small()));
    assertEquals(List.of(1L), dao.idsWhere("tiny", full.tiny()));
    assertEquals(List.of(1L), dao.idsWhere("count", full.count()));
    assertEquals(List.of(1L), dao.idsWhere("big", full.big()));
    assertEquals(List.of(1L), dao.idsWhere("ratio", full.ratio()));
    assertEquals(List.of(1L), dao.idsWhere("single", full.single()));
    assertEquals(List.of(1L), dao.idsWhere("amount", full.amount()));
    assertEquals(List.of(1L), dao.idsWhere("color", Color.GREEN));
    assertEquals(List.of(1L), dao.idsWhere("at", full.at()));
    assertEquals(List.of(1L), dao.idsWhere("offset_at", full.offsetAt()));
    assertEquals(List.of(1L), dao.idsWhere("offset_at", full.offsetAt().toInstant()));
    assertEquals(List.of(1L), dao.idsWhere("local_at", full.localAt()));
    assertEquals(List.of(1L), dao.idsWhere("day", full.day()));
    assertEquals(List.of(1L), dao.idsWhere("token", full.token()));
    assertEquals(List.of(1L), dao.idsWhere("payload", full.payload()));
    assertEquals(List.of(1L), dao.idsWhere("doc", dao.jsonValue(full.doc())));
    assertEquals(List.of(), dao.idsWhere("text", null), "NULL equals nothing");
  }

  @Test
  void batchesAndRepeatedStatementsBindAlike() {
    // More rows than it takes the driver to prepare a statement on the server, and one batch.
    List<Sample> rows = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      rows.add(full(i).withDoc(Map.of("n", i)));
    }
    for (Sample row : rows.subList(0, 6)) {
      dao.insert(row);
    }
    assertEquals(6, dao.insertBatch(rows.subList(6, 12)));
    for (Sample row : rows) {
      assertReadsBack(row, dao.find(row.id()));
    }
    assertTrue(dao.update(full(3).withText("changed")));
    assertEquals("changed", dao.find(3).text());
  }

  @Test
  void theSameBadValueIsRefusedWithTheSameMessageOnEveryEngine() {
    assertRefused(
        "Cannot write value NaN in column samples.ratio: NaN cannot be stored; SQLite would turn it into NULL",
        () -> dao.insert(new Sample(1, null, false, null, (short) 0, (byte) 0, 0, null, Double.NaN, null, null, null, null, null, null, null, null, null, null)));
    assertRefused(
        "Cannot write value +10000-01-01T00:00:00Z in column samples.at: years outside 0000 to 9999 are refused,"
            + " because their text would not sort chronologically",
        () -> dao.insert(full(1).withTimes(Instant.parse("+10000-01-01T00:00:00Z"), null)));
    assertRefused(
        "Cannot write value -0001-12-31T23:59 in column samples.local_at: years outside 0000 to 9999 are refused,"
            + " because their text would not sort chronologically",
        () -> dao.insert(full(1).withTimes(null, LocalDateTime.parse("-0001-12-31T23:59"))));
    assertRefused(
        "Cannot write value 'a\\uD800b' in column samples.text: it is not valid Unicode: a lone surrogate \\uD800"
            + " at index 1 (a character cut in half, or a JSON escape of half a character)",
        () -> dao.insert(full(1).withText("a\uD800b")));
    InvalidValueException json =
        assertThrows(InvalidValueException.class, () -> dao.insert(full(1).withDoc(Map.of("x", new Object()))));
    assertEquals("doc", json.column());
    assertTrue(json.getMessage().startsWith("Cannot write value {x=java.lang.Object@"), json.getMessage());
    assertRefused(
        "Cannot write value 'a\\uDC00' in column samples.text: it is not valid Unicode: a lone surrogate \\uDC00"
            + " at index 1 (a character cut in half, or a JSON escape of half a character)",
        () -> dao.idsWhere("text", "a\uDC00"));
    assertEquals(0, dao.count(), "nothing refused was written");

    dao.insert(full(1));
    MappingException range = assertThrows(MappingException.class, dao::readBigAsInt);
    assertEquals(
        "Cannot read value 9223372036854775807 in column samples.big: out of range for int", range.getMessage());
  }

  private static void assertRefused(String message, Executable write) {
    InvalidValueException e = assertThrows(InvalidValueException.class, write);
    assertEquals("samples", e.table());
    assertEquals(message, e.getMessage());
  }

  @Test
  void whatPostgresqlCannotStoreIsRefusedThereBeforeTheDriver() {
    String nul = "a\0b";
    Map<String, Object> nulDoc = Map.of("k", "x\0y");
    Instant nanos = Instant.parse("2025-03-04T05:06:07.123456789Z");
    LocalDateTime localNanos = LocalDateTime.parse("2025-03-04T05:06:07.000000001");
    if (target.sqlite()) {
      dao.insert(full(1).withText(nul).withDoc(nulDoc).withTimes(nanos, localNanos));
      Sample read = dao.find(1);
      assertEquals(nul, read.text());
      assertEquals(nulDoc, read.doc());
      assertEquals(nanos, read.at());
      assertEquals(localNanos, read.localAt());
      return;
    }
    assertRefused(
        "Cannot write value 'a\\u0000b' in column samples.text: it holds the NUL character U+0000 at index 1,"
            + " which PostgreSQL cannot store in text or JSON",
        () -> dao.insert(full(1).withText(nul)));
    InvalidValueException json = assertThrows(InvalidValueException.class, () -> dao.insert(full(1).withDoc(nulDoc)));
    assertEquals("doc", json.column());
    assertEquals("{\"k\":\"x\\u0000y\"}", json.value());
    assertTrue(json.getMessage().endsWith("which PostgreSQL cannot store in text or JSON"), json.getMessage());
    InvalidValueException lookup = assertThrows(InvalidValueException.class, () -> dao.idsWhere("text", nul));
    assertEquals("text", lookup.column());
    assertRefused(
        "Cannot write value 2025-03-04T05:06:07.123456789Z in column samples.at: PostgreSQL keeps time to the"
            + " microsecond and would round away its last 789 nanoseconds; truncate it first, for example with"
            + " truncatedTo(ChronoUnit.MICROS)",
        () -> dao.insert(full(1).withTimes(nanos, null)));
    assertRefused(
        "Cannot write value 2025-03-04T05:06:07.000000001 in column samples.local_at: PostgreSQL keeps time to the"
            + " microsecond and would round away its last 1 nanoseconds; truncate it first, for example with"
            + " truncatedTo(ChronoUnit.MICROS)",
        () -> dao.insert(full(1).withTimes(null, localNanos)));
    InvalidValueException offset =
        assertThrows(
            InvalidValueException.class,
            () -> dao.idsWhere("offset_at", OffsetDateTime.parse("2025-03-04T07:06:07.0000005+02:00")));
    assertEquals(OffsetDateTime.parse("2025-03-04T07:06:07.0000005+02:00"), offset.value());
    assertEquals(0, dao.count());
    // An escaped backslash before u0000 is text, not NUL.
    Map<String, Object> backslash = Map.of("k", "\\u0000");
    dao.insert(full(1).withDoc(backslash));
    assertEquals(backslash, dao.find(1).doc());
  }

  @Test
  void postgresqlValuesThatAreNoJavaValuesFailToRead() {
    assumeFalse(target.sqlite(), "PostgreSQL's infinities and NaN");
    dao.insert(full(1));
    for (String[] broken :
        new String[][] {
          {"at", "'infinity'", "infinity"},
          {"offset_at", "'-infinity'", "-infinity"},
          {"local_at", "'infinity'", "infinity"},
          {"day", "'-infinity'", "-infinity"},
          {"amount", "'NaN'", "NaN"},
        }) {
      dao.execute("UPDATE samples SET " + broken[0] + " = " + broken[1]);
      MappingException e = assertThrows(MappingException.class, () -> dao.find(1), broken[0]);
      assertEquals(broken[0], e.column());
      assertEquals(broken[2], e.value());
      dao.execute("DELETE FROM samples");
      dao.insert(full(1));
    }
    MetricsException unknown = assertThrows(MetricsException.class, () -> dao.execute("UPDATE samples SET nope = 1"));
    assertTrue(unknown.getMessage().contains("nope"), unknown.getMessage());
  }
}
