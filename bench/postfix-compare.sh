#!/usr/bin/env bash
# The do-nothing ceiling and the same blunt load into Postdesk: Postfix's smtp-source sends
# MESSAGES messages of SIZE bytes from SESSIONS sessions (one connection each, -d) to smtp-sink,
# then to a fresh Postdesk. smtp-source repeats the same bytes, which Postdesk spools once
# (content hash), so its Postdesk figure is SMTP acceptance only, not tickets filed.
#
#   bench/postfix-compare.sh [MESSAGES] [SESSIONS] [SIZE]        needs the Debian package postfix
set -euo pipefail

MESSAGES=${1:-10000}
SESSIONS=${2:-8}
SIZE=${3:-4096}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
SINK_PORT=${SINK_PORT:-2526}
SMTP_PORT=${SMTP_PORT:-12525}
HTTP_PORT=${HTTP_PORT:-18080}
TOKEN=bench-admin-token-0123456789abcdef
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SERVER_JAR=$ROOT/src/target/postdesk-server-0.1.0-SNAPSHOT.jar

timed_source() {
    local start end
    start=$(date +%s.%N)
    /usr/sbin/smtp-source -d -s "$SESSIONS" -m "$MESSAGES" -l "$SIZE" -f a@x.test -t support@bench.test "127.0.0.1:$1"
    end=$(date +%s.%N)
    echo "$2: $MESSAGES messages of $SIZE bytes from $SESSIONS sessions in $(echo "$end - $start" | bc) s = $(echo "$MESSAGES / ($end - $start)" | bc) messages/s"
}

PIDS=()
DATA=$(mktemp -d /tmp/postdesk-bench-XXXXXX)
cleanup() {
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    done
    rm -rf "$DATA"
}
trap cleanup EXIT

# smtp-sink refuses to run as root without a user to drop to
/usr/sbin/smtp-sink -u nobody "127.0.0.1:$SINK_PORT" 1000 &
PIDS+=($!)
sleep 0.5
timed_source "$SINK_PORT" smtp-sink

"$JAVA_HOME/bin/java" -jar "$SERVER_JAR" --server.port="$HTTP_PORT" --server.address=127.0.0.1 \
    --postdesk.smtp.bind=127.0.0.1 --postdesk.smtp.port="$SMTP_PORT" --postdesk.data-dir="$DATA" \
    --postdesk.support-addresses=support@bench.test --postdesk.api.admin-token="$TOKEN" >"$DATA/server.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 120); do
    curl -fsS -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$HTTP_PORT/api/pipeline" >/dev/null 2>&1 && break
    sleep 1
done
timed_source "$SMTP_PORT" Postdesk
echo "Postdesk pipeline afterwards: $(curl -fsS -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$HTTP_PORT/api/pipeline")"
