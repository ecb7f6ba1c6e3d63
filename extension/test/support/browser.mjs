// Headless Debian chromium driven by playwright-core (playwright's own browser downloads are not needed).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export function launchChromium() {
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `No chromium at ${executablePath}: install Debian's (apt-get install -y chromium libkrb5-dev, as .ci/run does) or set CHROMIUM.`,
    );
  }
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Built VS Code only honours the test payload (extensionDevelopmentPath, extensionTestsPath) when
 * the smoke-test driver is enabled; code-server has no flag for it, so the page's config is patched.
 */
export function enableSmokeTestDriver(page) {
  return page.addInitScript(() => {
    const original = Element.prototype.getAttribute;
    Element.prototype.getAttribute = function (name) {
      const value = original.call(this, name);
      if (name === 'data-settings' && this.id === 'vscode-workbench-web-configuration' && value) {
        const config = JSON.parse(value);
        config.developmentOptions = { ...(config.developmentOptions || {}), enableSmokeTestDriver: true };
        return JSON.stringify(config);
      }
      return value;
    };
  });
}
