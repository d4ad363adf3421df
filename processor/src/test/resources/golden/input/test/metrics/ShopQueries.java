package test.metrics;

import dev.gao.metrics.annotations.Json;
import dev.gao.metrics.annotations.MetricsQueries;
import dev.gao.metrics.annotations.Param;
import dev.gao.metrics.annotations.Query;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/** Custom queries on the test schema. */
@MetricsQueries(schema = Shop.class)
public interface ShopQueries {
  /** A run and its number of samples. */
  record RunSummary(String runId, String projectName, long samples, @Json Map<String, Object> metadata) {}

  /** Runs of a project, newest first. */
  @Query("SELECT * FROM runs WHERE project_name = :project ORDER BY started_at DESC LIMIT :limit")
  List<Run> latest(String project, int limit);

  /** One run by its token. */
  @Query("SELECT run_id, started_at, project_name, version, metadata, created, status, token, cost, payload, day,"
      + " local_time, offset_time, passed, flagged, api_url FROM runs WHERE token = :token")
  Optional<Run> byToken(UUID token);

  /** Summaries, streamed. */
  @Query("SELECT r.run_id, r.project_name, r.metadata, count(s.id) AS samples FROM runs r"
      + " LEFT JOIN sample s ON s.run_id = r.run_id WHERE r.project_name = :project GROUP BY r.run_id ORDER BY r.run_id")
  Stream<RunSummary> summaries(@Param("project") String projectName);

  /** Runs with a status. */
  @Query("SELECT count(*) FROM runs WHERE status = :status AND passed = :passed")
  long count(Status status, boolean passed);

  /** Total cost, or null without runs. */
  @Query("SELECT sum(cost) FROM runs WHERE project_name = :project")
  BigDecimal totalCost(String project);

  /** Latest start. */
  @Query("SELECT max(started_at) FROM runs WHERE project_name = :project OR :project = ''")
  Optional<Instant> lastStart(String project);

  /** Run ids of a project. */
  @Query("SELECT run_id FROM runs WHERE project_name = :project ORDER BY run_id")
  List<String> runIds(String project);

  /** Every run id. */
  @Query("SELECT run_id FROM runs ORDER BY run_id")
  List<String> runIds();

  /** Runs of a day's year, the year as text: each engine has date functions of its own. */
  @Query(
      value = "SELECT count(*) FROM runs WHERE strftime('%Y', day) = :year",
      postgres = "SELECT count(*) FROM runs WHERE to_char(day, 'YYYY') = :year")
  long runsInYear(String year);

  /** Runs of a project on a model; PostgreSQL's SQL uses the parameters in another order. */
  @Query(
      value = "SELECT run_id FROM runs WHERE project_name = :project AND json_extract(metadata, '$.model') = :model"
          + " ORDER BY run_id",
      postgres = "SELECT run_id FROM runs WHERE metadata ->> 'model' = :model AND project_name = :project"
          + " ORDER BY run_id")
  List<String> runIdsOnModel(String project, String model);

  /** Samples in total. */
  @Query("SELECT count(*) FROM sample")
  int sampleCount();

  /** Deletes the tags of a project's runs. */
  @Query("WITH chosen AS (SELECT run_id FROM runs WHERE project_name = :project)"
      + " DELETE FROM tag WHERE run_id IN (SELECT run_id FROM chosen)")
  int deleteTagsOf(String project);

  /** Statuses used. */
  @Query("SELECT DISTINCT status FROM runs ORDER BY status")
  List<Status> statuses();

  /** Flags runs of a project as failed. */
  @Query("UPDATE runs SET status = 'FAILED' WHERE project_name = :project AND cost > :cost")
  int fail(String project, BigDecimal cost);

  /** Deletes the samples of a run. */
  @Query("DELETE FROM sample WHERE run_id = :runId")
  long deleteSamples(String runId);

  /** Deletes a tag. */
  @Query("DELETE FROM tag WHERE run_id = :runId AND name = :name -- :ignored in a comment")
  void deleteTag(String runId, String name);

  /** Adds a sample. */
  @Query("INSERT INTO sample (run_id, value, count, small, tiny, rough, labels) VALUES (:runId, :value, 1, 0, 0, 0, '[\":x\"]')")
  void addSample(String runId, double value);

  /** A sample with its run, whose tables both have a run_id column, and the run's number of tags. */
  record SampleOfRun(Run run, Sample sample, long tagCount) {}

  /** The samples of a run, each with its run, from one join. */
  @Query("SELECT r.*, s.*, (SELECT count(*) FROM tag t WHERE t.run_id = r.run_id) AS tag_count"
      + " FROM sample s JOIN runs r ON r.run_id = s.run_id WHERE s.run_id = :runId ORDER BY s.id")
  List<SampleOfRun> samplesOfRun(String runId);

  /** A run's project and its quality metrics. */
  record RunQuality(String projectName, Quality quality) {}

  /** The quality metrics of a run; a run without them cannot be read. */
  @Query("SELECT r.project_name, q.* FROM runs r LEFT JOIN quality_metrics q ON q.run_id = r.run_id"
      + " WHERE r.run_id = :runId")
  Optional<RunQuality> runQuality(String runId);

  /** A tag, a row of a class table, with the project of its run. */
  record TagOfRun(Tag tag, String projectName) {}

  /** The tags of a project's runs. */
  @Query("SELECT t.*, r.project_name FROM tag t JOIN runs r ON r.run_id = t.run_id"
      + " WHERE r.project_name = :project ORDER BY t.name")
  Stream<TagOfRun> tagsOf(String project);

  /** Combines two queries. */
  default long samplesOf(String runId) {
    return deleteSamples(runId);
  }
}
