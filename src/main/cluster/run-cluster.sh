#!/usr/bin/env bash
# Tandem on several nodes of one machine, behind a round-robin nginx, on PostgreSQL
# (docs/operations.md, "Many nodes"). Ctrl-C stops them all, each handing its documents over.
#
#   export TANDEM_DB_HOST=localhost TANDEM_DB_PORT=5432 TANDEM_DB_NAME=tandem TANDEM_DB_USER=tandem
#   export TANDEM_DB_PASSWORD=...        # from your secret store
#   src/main/cluster/run-cluster.sh      # then open http://localhost:8080/
#
# TANDEM_NODES (3), TANDEM_PORT (8080: nginx; the nodes take the ports after it),
# TANDEM_MANAGEMENT_PORT (9080: the nodes' health and metrics take the ports after it, on
# loopback) and TANDEM_GRID_PORT (6900: the nodes' data grid, on loopback only) change the
# defaults. Any other Tandem setting goes in the environment as usual (TANDEM_ACCESS, ...); every
# node reads the same.
set -euo pipefail
cd "$(dirname "$0")/../../.."

: "${TANDEM_DB_HOST:?set TANDEM_DB_HOST and the other TANDEM_DB_ variables: the nodes share one PostgreSQL}"
nodes=${TANDEM_NODES:-3}
port=${TANDEM_PORT:-8080}
grid=${TANDEM_GRID_PORT:-6900}
management=${TANDEM_MANAGEMENT_PORT:-9080}
dir=target/cluster

[ -f target/tandem.war ] && [ -f target/runtime/payara-micro.jar ] || mvn -B -q -DskipTests package
mkdir -p "$dir" && chmod 700 "$dir" # the nodes' configuration holds the database password
cat src/main/payara/pre-boot-commands.asadmin src/main/payara/cluster.asadmin > "$dir/pre-boot-commands.asadmin"

members=$(for i in $(seq 0 $((nodes - 1))); do printf '127.0.0.1:%d,' $((grid + i)); done)
pids=()
upstreams=""
for i in $(seq 1 "$nodes"); do
    rm -rf "$dir/node-$i" # a root directory that deployed the WAR before would deploy it twice
    # each node's health and metrics on a management port of its own (loopback): 9081, 9082, ...
    { cat "$dir/pre-boot-commands.asadmin"
      echo "set configs.config.server-config.network-config.network-listeners.network-listener.management-listener.port=$((management + i))"
    } > "$dir/node-$i-pre-boot-commands.asadmin"
    java -Dtandem.cluster.nodes="$nodes" -Dtandem.management-port=$((management + i)) \
        -Dhazelcast.heartbeat.interval.seconds=1 -Dhazelcast.max.no.heartbeat.seconds=5 \
        -jar target/runtime/payara-micro.jar --deploy target/tandem.war --contextroot / \
        --port $((port + i)) --rootdir "$dir/node-$i" --shutdowngrace 1500 \
        --prebootcommandfile "$dir/node-$i-pre-boot-commands.asadmin" \
        --addlibs target/runtime/postgresql.jar --postbootcommandfile src/main/payara/postgresql.asadmin \
        --clustermode "tcpip:${members%,}" --interfaces 127.0.0.1 --clustername tandem \
        --startport $((grid + i - 1)) > "$dir/node-$i.log" 2>&1 &
    pids+=($!)
    upstreams+="        server 127.0.0.1:$((port + i));"$'\n'
    echo "node $i: http://localhost:$((port + i))/, health and metrics at http://127.0.0.1:$((management + i))/ (log: $dir/node-$i.log)"
    sleep 2 # the first forms the data grid, the others join it
done

mkdir -p "$dir/nginx/tmp"
cat > "$dir/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $PWD/$dir/nginx/nginx.pid;
error_log $PWD/$dir/nginx/error.log;
events { worker_connections 4096; }
http {
    access_log $PWD/$dir/nginx/access.log;
    client_body_temp_path $PWD/$dir/nginx/tmp/body;
    proxy_temp_path $PWD/$dir/nginx/tmp/proxy;
    fastcgi_temp_path $PWD/$dir/nginx/tmp/fastcgi;
    uwsgi_temp_path $PWD/$dir/nginx/tmp/uwsgi;
    scgi_temp_path $PWD/$dir/nginx/tmp/scgi;
    # round robin, no stickiness: any node serves any request, WebSocket and long polling alike
    upstream tandem {
$upstreams    }
    server {
        listen 127.0.0.1:$port;
        location / {
            proxy_pass http://tandem;
            proxy_set_header Host \$http_host;
            proxy_http_version 1.1;
            proxy_set_header Upgrade \$http_upgrade;
            proxy_set_header Connection \$connection_upgrade;
            proxy_read_timeout 3600s;
        }
    }
    map \$http_upgrade \$connection_upgrade {
        default upgrade;
        '' '';
    }
}
CONF
nginx -p "$PWD/$dir/nginx" -c "$PWD/$dir/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)
echo "Tandem: http://localhost:$port/ (nginx in front of $nodes nodes; Ctrl-C stops them all)"

stop() {
    trap - INT TERM
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait
}
trap stop INT TERM
wait -n "${pids[@]}" || true
stop
