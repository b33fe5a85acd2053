#!/usr/bin/env bash
# Browser end-to-end test (not part of `mvn verify`; .ci/run runs it after it): builds the plugin and the test classes
# (unless E2E_NO_BUILD=1), then runs run-e2e.mjs, which starts a real Openfire per configuration profile
# (it.BrowserE2ELauncher) and drives headless Chromium and Firefox ESR (puppeteer-core) with Converse.js, Strophe.js
# and cross-site attack pages. Needs root (writes a Chromium policy file under /etc/chromium/policies).
#
#   OPENFIRE_HOME_FOR_TESTS   Openfire directory or distribution archive (default: the shared Openfire 5.1.1 archive)
#   E2E_OUT                   where results, screenshots and openfire.log copies go (default: target/e2e, emptied first)
#   E2E_PROFILES              comma-separated subset of wanted,needed,selfsigned,scriptsyntax,ldap
#   E2E_BROWSERS              comma-separated subset of chromium,firefox
#   E2E_ONLY                  regular expression: only cases whose name matches
#   E2E_NO_BUILD=1            use target/boshcertauth.jar, target/test-classes and target/test-classpath.txt as they are
#   MAVEN_ARGS                extra Maven arguments, e.g. -o
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
project="$(cd "$here/../../.." && pwd)"

for tool in java node certutil pk12util; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install libnss3-tools; see README.md)" >&2; exit 2; }
done
browsers="${E2E_BROWSERS:-chromium,firefox}"
[[ ",$browsers," != *,chromium,* ]] || [ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { echo "missing chromium (apt-get install chromium)" >&2; exit 2; }
[[ ",$browsers," != *,firefox,* ]] || [ -x "${FIREFOX:-/usr/bin/firefox-esr}" ] || { echo "missing firefox-esr (apt-get install firefox-esr)" >&2; exit 2; }
[ -d "$here/node_modules/puppeteer-core" ] || { echo "run 'npm ci' in $here first" >&2; exit 2; }

cd "$project"
if [ -z "${E2E_NO_BUILD:-}" ]; then
  # shellcheck disable=SC2086
  mvn -q ${MAVEN_ARGS:-} package -DskipTests
  # shellcheck disable=SC2086
  mvn -q ${MAVEN_ARGS:-} dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
fi
for built in target/boshcertauth.jar target/test-classes target/test-classpath.txt; do
  [ -e "$built" ] || { echo "missing $built: build first (or leave E2E_NO_BUILD unset)" >&2; exit 2; }
done
cd "$here"
exec node run-e2e.mjs
