#!/usr/bin/env bash
# Lab 4: canary. Starts cars-vm-v2 (app cars-vm, version v2, with a sidecar) beside cars-vm v1,
# then a DestinationRule with subsets v1/v2 and a VirtualService sending V1% to v1 and V2% to v2.
#   multipleversions-for-car-vm-in-the-mesh.sh 90 10     then     ... 20 80
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
if [[ $# -ne 2 ]]; then
  echo "usage: $0 V1_WEIGHT V2_WEIGHT   (for example 90 10, then 20 80)" >&2
  exit 2
fi
v1="$1" v2="$2"

if ! weft get workloads -n travel-agency 2>/dev/null | grep -q '^cars-vm-v2 '; then
  step workload run cars-vm-v2 -n travel-agency --labels app=cars-vm,version=v2 --service-account cars-vm \
    --kind VirtualMachine --port 8000 --sidecar=true --detach \
    --env CURRENT_SERVICE=cars --env CURRENT_VERSION=v2 --env DISCOUNTS_SERVICE=http://discounts-vm.travel-agency:8000 \
    -- weft-samples cars
fi

printf '\n$ weft apply -f - (DestinationRule cars: subsets v1, v2; VirtualService cars: %s/%s)\n' "$v1" "$v2"
weft apply -f - <<YAML
kind: DestinationRule
apiVersion: networking.istio.io/v1
metadata:
  name: cars
  namespace: travel-agency
  labels: {module: m4}
spec:
  host: cars-vm.travel-agency.svc.cluster.local
  subsets:
  - {name: v1, labels: {version: v1}}
  - {name: v2, labels: {version: v2}}
---
kind: VirtualService
apiVersion: networking.istio.io/v1
metadata:
  name: cars
  namespace: travel-agency
  labels: {module: m4}
spec:
  hosts: [cars-vm.travel-agency.svc.cluster.local]
  gateways: [mesh]
  http:
  - route:
    - destination: {host: cars-vm.travel-agency.svc.cluster.local, subset: v1}
      weight: $v1
    - destination: {host: cars-vm.travel-agency.svc.cluster.local, subset: v2}
      weight: $v2
YAML
echo
echo "cars-vm now gets $v1% of its calls on v1 and $v2% on v2; the apps' logs show it:"
echo "  grep -c 'cars/v2' ~/.weft/workloads/travel-agency/cars-vm-v2/supervisor.log"
