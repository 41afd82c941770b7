/** Test support: headless Chromium through Playwright, and the editor page as a test drives it. */
package dev.tandem.support.browser;
