// UI test: open the Ensemble view from the activity bar, ask a question, read the streamed answer
// with its owner, and check the status bar, all in the real workbench.
export async function runUiTest({
  browser,
  serverUrl,
  workspace,
  question,
  expectOwner,
  expectConflictOwner,
  screenshot,
  write,
}) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const lap = (m) => write(`  [ui] ${m}\n`);
  try {
    await page.goto(`${serverUrl}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    lap('workbench visible');
    const icon = page
      .locator('.activitybar .action-item a[aria-label^="Ensemble"], .activitybar a[aria-label^="Ensemble"]')
      .first();
    await icon.waitFor({ timeout: 60_000 });
    await icon.click();
    lap('opened the Ensemble view');
    // a webview view is an outer iframe (gets .ready) holding the inner #active-frame with our page
    const chat = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await chat.locator('#question').waitFor({ timeout: 60_000 });
    await page
      .locator('.statusbar-item', { hasText: 'Ensemble: synced' })
      .first()
      .waitFor({ timeout: 60_000 });
    lap('status bar says synced');
    await chat.locator('#question').fill(question);
    await chat.locator('#question').press('Enter');
    const answer = chat.locator('.turn.answer').last();
    const settled = await Promise.race([
      answer
        .locator('.owners')
        .waitFor({ timeout: 60_000 })
        .then(() => 'done')
        .catch(() => 'timeout'),
      chat
        .locator('.turn.error')
        .first()
        .waitFor({ timeout: 60_000 })
        .then(() => 'error')
        .catch(() => 'timeout'),
    ]);
    if (screenshot) await page.screenshot({ path: screenshot });
    if (settled === 'timeout') return { ok: false, detail: 'no answer within 60 s' };
    if (settled === 'error') {
      const error = await chat.locator('.turn.error').first().textContent();
      return { ok: false, detail: `the chat showed an error: ${error}` };
    }
    const text = (await answer.locator('.text').textContent()) ?? '';
    const owners = (await answer.locator('.owners').textContent()) ?? '';
    const citations = await answer.locator('.sources .cite').count();
    lap(`answer: ${text.slice(0, 120).replace(/\s+/g, ' ')} | ${owners} | ${citations} citation(s)`);
    if (!(text.trim().length > 0 && owners.includes(`@${expectOwner}`))) {
      return { ok: false, detail: `expected an answer naming @${expectOwner}, got "${owners}"` };
    }
    if (expectConflictOwner) {
      const badges = (await answer.locator('.badges').textContent()) ?? '';
      const conflict = (await answer.locator('.conflict').first().textContent()) ?? '';
      lap(`cross-check: ${badges} | ${conflict.slice(0, 160)}`);
      if (!badges.includes('payments: conflict') || !conflict.includes(expectConflictOwner)) {
        return {
          ok: false,
          detail: `expected a payments conflict naming ${expectConflictOwner}, got "${badges}" / "${conflict}"`,
        };
      }
    }
    // A file citation (path:line) opens that file in the editor.
    const fileCitation = answer.locator('.sources button.cite', { hasText: /:\d+$/ }).first();
    if ((await fileCitation.count()) > 0) {
      const label = (await fileCitation.textContent()) ?? '';
      const fileName = label.replace(/:\d+$/, '').split('/').pop();
      await fileCitation.click();
      await page.locator('.tabs-container .tab', { hasText: fileName }).first().waitFor({ timeout: 30_000 });
      lap(`citation ${label} opened ${fileName}`);
    }
    return { ok: true, detail: 'answer with owner read' };
  } finally {
    await page.close();
  }
}

/** UI test of "Ensemble: Connect": the command palette, three validated inputs, then a confirmation. */
export async function runConnectUiTest({ browser, serverUrl, workspace, token, person, write }) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const lap = (m) => write(`  [ui] ${m}\n`);
  try {
    await page.goto(`${serverUrl}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.statusbar-item', { hasText: 'Ensemble:' }).first().waitFor({ timeout: 60_000 });
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor({ timeout: 30_000 });
    await input.fill('>Ensemble: Connect');
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'Connect / Sign In' })
      .first()
      .waitFor();
    await input.press('Enter');
    for (const [step, value] of [
      ['(1/3)', undefined],
      ['(2/3)', undefined],
      ['(3/3)', 'not-a-token'],
    ]) {
      await page
        .locator('.quick-input-widget .quick-input-title', { hasText: step })
        .waitFor({ timeout: 30_000 });
      if (value !== undefined) await input.fill(value);
      if (step === '(3/3)') {
        // a bad token is refused as it is typed, with a message saying where to get one
        await page
          .locator('.quick-input-widget', { hasText: 'ensemble token create' })
          .first()
          .waitFor({ timeout: 10_000 });
        await input.fill(token);
      }
      await input.press('Enter');
    }
    const confirmation = `connected as @${person}`;
    await page
      .locator('.notifications-toasts', { hasText: confirmation })
      .first()
      .waitFor({ timeout: 30_000 });
    lap(`connect flow confirmed: ${confirmation}`);
    await page
      .locator('.statusbar-item', { hasText: 'Ensemble: synced' })
      .first()
      .waitFor({ timeout: 60_000 });
    return { ok: true, detail: 'connected through the command palette' };
  } finally {
    await page.close();
  }
}

/** UI test of "Ask about Selection": the selected code goes to the chat as the question's context. */
export async function runAskSelectionUiTest({ browser, serverUrl, workspace, fileName, write }) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const lap = (m) => write(`  [ui] ${m}\n`);
  const palette = async (prefix, text, row) => {
    await page.keyboard.press(prefix);
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor({ timeout: 30_000 });
    await input.fill(text);
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: row })
      .first()
      .waitFor({ timeout: 30_000 });
    await input.press('Enter');
  };
  try {
    await page.goto(`${serverUrl}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.statusbar-item', { hasText: 'Ensemble:' }).first().waitFor({ timeout: 60_000 });
    await palette('Control+P', fileName, fileName.split('/').pop());
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.waitFor({ timeout: 30_000 });
    await editor.click();
    await page.keyboard.press('Control+A');
    lap(`selected ${fileName}`);
    await palette('F1', '>Ensemble: Ask about Selection', 'Ask about Selection');
    const input = page.locator('.quick-input-widget input.input');
    await page
      .locator('.quick-input-widget .quick-input-title', { hasText: 'ask about the selection' })
      .waitFor();
    await input.press('Enter');
    const chat = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const question = chat.locator('.turn.question', { hasText: `About ${fileName}:1` }).first();
    await question.waitFor({ timeout: 60_000 });
    const text = (await question.textContent()) ?? '';
    lap(`chat shows the question with the selection: ${text.slice(0, 80).replace(/\s+/g, ' ')}`);
    const ok = text.includes('What have we decided about this?') && text.includes('PostgreSQL');
    return {
      ok,
      detail: ok ? 'question with selection in the chat' : `unexpected question: ${text.slice(0, 200)}`,
    };
  } finally {
    await page.close();
  }
}
