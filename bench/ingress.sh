#!/usr/bin/env bash
# SMTP ingress to ticket: builds the server and the load generator, starts a fresh server on a
# fresh data dir (127.0.0.1 only, no relay), sends the load, prints the figures, stops the server.
#
#   bench/ingress.sh [MESSAGES] [SESSIONS] [SIZE]          e.g. bench/ingress.sh 10000 8 4096
#
# Environment: JAVA_HOME (default temurin 25), SKIP_BUILD=1 to reuse the jars, SMTP_PORT/HTTP_PORT
# (default 12525/18080), SERVER_OPTS (extra JVM options for the server, e.g. a JFR recording),
# SERVER_ARGS (extra --postdesk.* arguments), KEEP_DATA=1 to keep the data dir and server log.
set -euo pipefail

MESSAGES=${1:-10000}
SESSIONS=${2:-8}
SIZE=${3:-4096}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
SMTP_PORT=${SMTP_PORT:-12525}
HTTP_PORT=${HTTP_PORT:-18080}
TOKEN=bench-admin-token-0123456789abcdef
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SERVER_JAR=$ROOT/src/target/postdesk-server-0.1.0-SNAPSHOT.jar
BENCH_JAR=$ROOT/bench/target/benchmarks.jar

cd "$ROOT"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    JAVA_HOME=$JAVA_HOME ./mvnw -q -B -Pbench package -DskipTests
fi

for port in "$SMTP_PORT" "$HTTP_PORT"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "port $port on 127.0.0.1 is taken; set SMTP_PORT/HTTP_PORT" >&2
        exit 1
    fi
done

DATA=$(mktemp -d /tmp/postdesk-bench-XXXXXX)
LOG=$DATA/server.log
SERVER_PID=
stop_server() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID"
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [[ "${KEEP_DATA:-0}" == 1 ]]; then
        echo "data dir and server log kept in $DATA"
    else
        rm -rf "$DATA"
    fi
}
trap stop_server EXIT

# shellcheck disable=SC2086 # SERVER_OPTS and SERVER_ARGS are word lists on purpose
"$JAVA_HOME/bin/java" ${SERVER_OPTS:-} -jar "$SERVER_JAR" \
    --server.port="$HTTP_PORT" --server.address=127.0.0.1 \
    --postdesk.smtp.bind=127.0.0.1 --postdesk.smtp.port="$SMTP_PORT" \
    --postdesk.data-dir="$DATA" \
    --postdesk.support-addresses=support@bench.test \
    --postdesk.api.admin-token="$TOKEN" ${SERVER_ARGS:-} >"$LOG" 2>&1 &
SERVER_PID=$!

for _ in $(seq 1 120); do
    if curl -fsS -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$HTTP_PORT/api/pipeline" >/dev/null 2>&1; then
        break
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "the server did not start:" >&2
        tail -30 "$LOG" >&2
        exit 1
    fi
    sleep 1
done

"$JAVA_HOME/bin/java" -cp "$BENCH_JAR" eu.postdesk.bench.SmtpLoad \
    --port "$SMTP_PORT" --api "http://127.0.0.1:$HTTP_PORT" --token "$TOKEN" \
    --messages "$MESSAGES" --sessions "$SESSIONS" --size "$SIZE"

if grep -q ' ERROR ' "$LOG"; then
    echo "the server logged errors:"
    grep ' ERROR ' "$LOG" | sort | uniq -c | sort -rn | head -5
fi
