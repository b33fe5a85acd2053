// Screenshots of the plugin's admin pages in a running Openfire, for a human to look at (AdminPageIT takes them when
// -Dadmin.screenshot=<png> and -Dscreenshot.node.dir=<dir with node_modules/puppeteer-core, e.g. src/test/e2e> are given).
// Usage: node admin-screenshot.mjs <console base URL> <admin password> <page path>[,<page path>...] <png> [chromium path]
// One <png>-<page>.png (whole page) and <png>-<page>-top.png (first screen) per page.
import { createRequire } from 'module';
const require = createRequire(process.env.NODE_MODULES_DIR + '/');
const puppeteer = require('puppeteer-core');

const [base, password, pagePaths, png, executable] = process.argv.slice(2);
const browser = await puppeteer.launch({ executablePath: executable || '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 1100 });
    await page.goto(base + 'login.jsp');
    await page.type('input[name=username]', 'admin');
    await page.type('input[name=password]', password);
    await Promise.all([page.waitForNavigation(), page.click('#submit')]);
    for (const path of pagePaths.split(',')) {
        const name = png.replace(/\.png$/, '-' + path.replace(/.*\//, '') + '.png');
        await page.goto(base + path);
        await page.screenshot({ path: name, fullPage: true });
        await page.screenshot({ path: name.replace(/\.png$/, '-top.png') });
    }
} finally {
    await browser.close();
}
