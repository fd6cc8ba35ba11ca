#!/usr/bin/env bash
# Lab 4: circuit breaker. Starts a second cars v2 VM, cars-vm-v2-b, that answers every request
# with 503 (the samples' failure switch), and re-applies DestinationRule cars with the lab's
# policy on subset v2: one connection, one pending request, one request per connection, and
# outlier detection ejecting an endpoint for 3 minutes after a single 5xx.
# Run multipleversions-for-car-vm-in-the-mesh.sh first (it starts cars-vm-v2 and the VirtualService).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if ! weft get workloads -n travel-agency 2>/dev/null | grep -q '^cars-vm-v2-b '; then
  step workload run cars-vm-v2-b -n travel-agency --labels app=cars-vm,version=v2 --service-account cars-vm \
    --kind VirtualMachine --port 8000 --sidecar=true --detach \
    --env CURRENT_SERVICE=cars --env CURRENT_VERSION=v2 --env DISCOUNTS_SERVICE=http://discounts-vm.travel-agency:8000 \
    --env FAIL_WITH_5XX=100 \
    -- weft-samples cars
fi

printf '\n$ weft apply -f - (DestinationRule cars with outlier detection on v2)\n'
weft apply -f - <<'YAML'
kind: DestinationRule
apiVersion: networking.istio.io/v1
metadata:
  name: cars
  namespace: travel-agency
  labels: {module: m4}
spec:
  host: cars-vm.travel-agency.svc.cluster.local
  subsets:
  - name: v1
    labels: {version: v1}
  - name: v2
    labels: {version: v2}
    trafficPolicy:
      connectionPool:
        tcp: {maxConnections: 1}
        http: {http1MaxPendingRequests: 1, maxRequestsPerConnection: 1}
      outlierDetection:
        consecutive5xxErrors: 1
        interval: 1s
        baseEjectionTime: 3m
        maxEjectionPercent: 100
YAML
cat <<'TEXT'

cars-vm-v2-b fails every request; after its first 503 the callers' sidecars eject it for 3 minutes
and the v2 share goes to cars-vm-v2 alone. See it in a caller's sidecar:
  ./weft proxy-config endpoints travels-vm -n travel-agency
Heal it (the failure switch off) and it comes back once the ejection ends:
  ./weft workload exec cars-vm-v2-b -n travel-agency -- sh -c 'curl -s --noproxy "*" -X DELETE http://$HOST:8000/admin/fail'
TEXT
