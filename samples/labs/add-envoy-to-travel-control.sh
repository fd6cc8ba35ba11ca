#!/usr/bin/env bash
# Lab 3: the control dashboard's VM gets its sidecar.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
step workload inject control-vm -n travel-control
step get workloads -n travel-control
