// Screenshot of the plugin's admin page in a running Openfire, for a human to look at (AdminPageIT runs it when
// -Dadmin.screenshot=<png> and -Dplaywright.dir=<dir with node_modules/playwright-core> are given).
// Usage: node admin-screenshot.mjs <console base URL> <admin password> <page path> <png> [chromium path]
import { createRequire } from 'module';
const require = createRequire(process.env.PLAYWRIGHT_DIR + '/');
const { chromium } = require('playwright-core');

const [base, password, pagePath, png, executable] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: executable || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
    await page.goto(base + 'login.jsp');
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', password);
    await Promise.all([page.waitForNavigation(), page.click('#submit')]);
    await page.goto(base + pagePath);
    await page.screenshot({ path: png, fullPage: true });
    await page.screenshot({ path: png.replace(/\.png$/, '-top.png') });   // first screen at full resolution
} finally {
    await browser.close();
}
