# Sourced by bench.sh and chaos.sh: both start the same isolated stack from the same jars.

# Builds the simulator, local stack, worker, gateway and harness (bench module) jars, without tests.
harness_build() {
  mvn -B -q package -DskipTests -Dspotless.check.skip=true \
    -pl infra/ai-simulator,infra/local-stack,ai-worker,api-gateway,bench -am
}

# Exports <PREFIX>_GATEWAY_JAR, _WORKER_JAR, _SIMULATOR_JAR and _STACK_CP; fails if a jar is missing.
harness_export_jars() {
  local prefix=$1 version jar
  version=$(sed -n 's:.*<version>\(.*-SNAPSHOT\)</version>.*:\1:p' pom.xml | head -1)
  export "${prefix}_GATEWAY_JAR=api-gateway/target/api-gateway-$version-exec.jar"
  export "${prefix}_WORKER_JAR=ai-worker/target/ai-worker-$version-exec.jar"
  export "${prefix}_SIMULATOR_JAR=infra/ai-simulator/target/ai-simulator-$version-exec.jar"
  export "${prefix}_STACK_CP=infra/local-stack/target/classes:$(cat infra/local-stack/target/classpath.txt)"
  for jar in "api-gateway/target/api-gateway-$version-exec.jar" "ai-worker/target/ai-worker-$version-exec.jar" \
    "infra/ai-simulator/target/ai-simulator-$version-exec.jar"; do
    [[ -f $jar ]] || { echo "$jar is missing; run without ${prefix}_SKIP_BUILD=1" >&2; return 1; }
  done
}

# Stops whatever a harness JVM that died left running, by the pids it wrote to <data dir>/pids.
harness_stop_leftovers() {
  local pidfile pid
  for pidfile in "$1"/pids/*.pid; do
    [[ -f $pidfile ]] || continue
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      echo "stopping leftover $(basename "$pidfile" .pid) (pid $pid)"
      kill "$pid" 2>/dev/null || true
    fi
  done
}

