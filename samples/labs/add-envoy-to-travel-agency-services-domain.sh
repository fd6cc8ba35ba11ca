#!/usr/bin/env bash
# Lab 3: give every travel-agency VM a sidecar, as the lab's script annotates each VirtualMachine
# sidecar.istio.io/inject: "true" and restarts its pod. Here `weft workload inject` sets the same
# annotation on the workload's WorkloadEntry and its supervisor restarts the app with a sidecar.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
for vm in discounts-vm flights-vm hotels-vm cars-vm insurances-vm travels-vm; do
  step workload inject "$vm" -n travel-agency
done
step get workloads -n travel-agency
