# Shared by bin/ scripts: Spark's Java 17 module flags and an incremental build.
# Keep SPARK_JAVA_OPTS in step with <spark.opens> in pom.xml (both come from Spark's
# org.apache.spark.launcher.JavaModuleOptions), less --add-modules=jdk.incubator.vector: the JVM
# prints "WARNING: Using incubator modules" for it before every command, and nothing dcplan runs
# needs it (no class in spark-sql's 173 runtime jars refers to jdk.incubator.vector; Spark ML's
# vectorised BLAS would, and dcplan does not use Spark ML). Executors still get Spark's full list
# from SparkContext.
SPARK_JAVA_OPTS="-XX:+IgnoreUnrecognizedVMOptions \
--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
--add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED \
--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED \
--add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED \
--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false \
-Dio.netty.tryReflectionSetAccessible=true -Dlog4j2.disable.jmx=true --enable-native-access=ALL-UNNAMED"
export SPARK_JAVA_OPTS
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"

# bin/dcplan's heap unless DCPLAN_HEAP says otherwise. Issue 11 asks for a process under 4 GB. On
# the largest planning instances measured (HardInstances large v2, 300 s) the heap kept at most
# 1.4 GB alive after a collection, but the collector fills whatever heap it is given, and SCIP's
# tree (native memory) comes on top: with a 3 GB heap and SCIP unlimited the process peaked at
# 3.6-4.6 GB; with 2 GB and SCIP held to 1 GB (OrToolsBackend.SCIP_MEMORY_MB) at 2.3-2.8 GB, the same
# plan (docs/benchmarks.md, "Thirteenth session"). bin/bench solver and clock run with it too.
DCPLAN_DEFAULT_HEAP=2g

# Builds target/classes and target/classpath.txt (the runtime classpath: no test or bench jars)
# when any source, resource or the pom is newer than the last build stamp. Build output goes to
# stderr so stdout stays the command's own.
dcplan_build_if_needed() {
  dcplan_build "$1" .build-stamp classpath.txt "$1/src/main" \
    compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime
}

# bin/bench: also the test fixtures (target/test-classes) and the benchmarks (src/bench/java ->
# target/bench-classes, Maven profile "bench"), with the test-scope classpath (DuckDB,
# optaplanner-benchmark) in target/bench-classpath.txt. Run them with dcplan_bench_classpath.
dcplan_bench_build_if_needed() {
  dcplan_build "$1" .bench-stamp bench-classpath.txt "$1/src" \
    -Pbench test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -DincludeScope=test
}

dcplan_bench_classpath() {
  echo "$1/target/bench-classes:$1/target/test-classes:$1/target/classes:$(cat "$1/target/bench-classpath.txt")"
}

# dcplan_build ROOT STAMP CLASSPATH_FILE WATCHED_DIR MAVEN_ARGS...
dcplan_build() {
  local root="$1" stamp="$1/target/$2" classpath="$1/target/$3" watched="$4"
  shift 4
  if [[ -f "$stamp" && -f "$classpath" ]] \
     && [[ -z "$(find "$watched" "$root/pom.xml" -newer "$stamp" -print -quit)" ]]; then
    return 0
  fi
  echo "dcplan: building (sources changed since the last build)..." >&2
  local offline=()
  [[ "${DCPLAN_OFFLINE:-0}" == 1 ]] && offline=(-o)
  (cd "$root" && mvn -q -B "${offline[@]}" -DskipTests "$@" >&2) \
    || { echo "dcplan: build failed" >&2; exit 1; }
  touch "$stamp"
}
