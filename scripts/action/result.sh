#!/usr/bin/env bash
# The action's last step (action.yml, step "result"): exits with tfgate's
# exit code, after the SARIF upload, so that fail-on decides the job.
#
# Environment: TFGATE_EXIT_CODE, TFGATE_FAILING (failed findings at or above
# fail-on), TFGATE_JSON_FILE (the full report), all outputs of check.sh.
set -euo pipefail

code="${TFGATE_EXIT_CODE:-}"
case "$code" in
  0) echo "tfgate: nothing at or above the failure threshold" ;;
  1) echo "::error title=tfgate::${TFGATE_FAILING:-some} finding(s) at or above the failure threshold (fail-on); the full report is ${TFGATE_JSON_FILE:-in the step log}" ;;
  2) echo "::error title=tfgate::tfgate could not check everything (exit code 2); the reason is in the log of the step \"Check\"" ;;
  "") echo "::error title=tfgate::tfgate did not run (see the steps above)"; exit 2 ;;
  *) echo "::error title=tfgate::tfgate exited with code $code" ;;
esac
exit "$code"
