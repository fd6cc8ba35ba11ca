#!/usr/bin/env bash
# Lab 3: the portals (containers) get their sidecars, as the lab patches the three Deployments.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
for portal in voyages viaggi travels; do
  step workload inject "$portal" -n travel-portal
done
step get workloads -n travel-portal
