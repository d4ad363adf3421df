#!/usr/bin/env bash
# What the annotation processor adds to a build: compiles 100 generated @MetricsTable records with
# javac, without the processor (-proc:none) and with it (processing, then compiling the generated
# DAOs and schema class), five times each, and prints the medians; then, to split that, the median of
# five runs of the processing alone (-proc:only: parsing the records, the processor's rounds, parsing
# and entering the generated sources). Needs the modules built:
#   ./mvnw -B -q -DskipTests install
set -euo pipefail
cd "$(dirname "$0")/../../../.."
top=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version=$(sed -n 's:.*<version>\(.*-SNAPSHOT\)</version>.*:\1:p' pom.xml | head -1)

./mvnw -B -q -o dependency:build-classpath -pl example -Dmdep.outputFile="$work/cp.txt" >/dev/null
./mvnw -B -q -o dependency:build-classpath -pl processor -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$work/pp.txt" >/dev/null
cp="$top/annotations/target/gao-metrics-annotations-$version.jar:$top/runtime/target/gao-metrics-runtime-$version.jar:$(cat "$work/cp.txt")"
pp="$top/processor/target/gao-metrics-processor-$version.jar:$(cat "$work/pp.txt")"

src="$work/src/bench100"
mkdir -p "$src"
tables=()
for i in $(seq -f "%03g" 0 99); do
  fk="    @ForeignKey(table = Table000.class, onDelete = ForeignKey.Action.CASCADE) long runId,"
  [ "$i" = "000" ] && fk="    long runId,"
  cat > "$src/Table$i.java" <<JAVA
package bench100;

import dev.gao.metrics.annotations.*;
import java.time.Instant;
import java.util.Map;

/** Table $i. */
@MetricsTable(name = "table_$i", indexes = @Index(name = "idx_table_${i}_run", columns = "run_id"))
public record Table$i(
    @PrimaryKey(autoGenerate = true) long id,
$fk
    String name,
    Instant at,
    @Metric(unit = "s", better = Metric.Better.LOWER, min = 0) double seconds,
    @Metric(unit = "count", better = Metric.Better.HIGHER, min = 0) int count,
    @Nullable @Json Map<String, Long> byAgent,
    @Nullable String note) {}
JAVA
  tables+=("Table$i.class")
done
list=$(IFS=,; echo "${tables[*]}")
cat > "$src/Schema100.java" <<JAVA
package bench100;

import dev.gao.metrics.annotations.MetricsSchema;

/** One hundred tables. */
@MetricsSchema(version = 1, tables = {${list//,/, }})
public interface Schema100 {}
JAVA

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
time_javac() {
  local out="$work/out"
  rm -rf "$out" && mkdir "$out"
  local start end
  start=$(date +%s.%N)
  javac -d "$out" -cp "$cp" "$@" "$src"/*.java
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
javac -d "$work/warm" -cp "$cp" -proc:none "$src"/*.java # warm the file cache
none=$(for _ in 1 2 3 4 5; do time_javac -proc:none; done | median)
with=$(for _ in 1 2 3 4 5; do time_javac -processorpath "$pp" -Xlint:all,-processing -Werror; done | median)
classes=$(find "$work/out" -name '*.class' | wc -l)
only=$(for _ in 1 2 3 4 5; do time_javac -processorpath "$pp" -proc:only; done | median)
printf '100 tables: javac without the processor %.2f s, with it %.2f s (%d classes, warning-free under -Xlint:all): the processor adds %.2f s\n' \
  "$none" "$with" "$classes" "$(echo "$with - $none" | bc)"
printf 'of which processing alone (-proc:only) %.2f s, %.2f s more than -proc:none\n' "$only" "$(echo "$only - $none" | bc)"
