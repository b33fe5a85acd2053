#!/usr/bin/env bash
# Browser end-to-end test (opt-in, not part of `mvn verify`): builds the plugin and the test classes, then runs
# run-e2e.mjs, which starts a real Openfire per configuration profile (it.BrowserE2ELauncher) and drives headless
# Chromium with Converse.js and Strophe.js. Needs root (writes a Chromium policy file under /etc/chromium/policies).
#
#   OPENFIRE_HOME_FOR_TESTS   Openfire directory or distribution archive (default: the shared Openfire 5.1.1 archive)
#   E2E_OUT                   where results, screenshots and openfire.log copies go (default: /tmp/boshcertauth-e2e-*)
#   E2E_PROFILES              comma-separated subset of wanted,needed,selfsigned
#   E2E_ONLY                  regular expression: only scenarios whose name matches
#   MAVEN_ARGS                extra Maven arguments, e.g. -o
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
project="$(cd "$here/../../.." && pwd)"

for tool in java mvn node /usr/bin/chromium certutil pk12util; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install chromium libnss3-tools; see README.md)" >&2; exit 2; }
done
[ -d "$here/node_modules/playwright-core" ] || { echo "run 'npm ci' in $here first" >&2; exit 2; }

cd "$project"
# shellcheck disable=SC2086
mvn -q ${MAVEN_ARGS:-} package -DskipTests
# shellcheck disable=SC2086
mvn -q ${MAVEN_ARGS:-} dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
cd "$here"
exec node run-e2e.mjs
