/*
 * Runs before taskpane.js and is written in ES5 on purpose: some Excel builds on Windows
 * show add-ins in Internet Explorer 11 (Trident) or Edge Legacy (EdgeHTML), which cannot
 * even parse the pane's ES2020 bundle, so without this page the pane would stay blank.
 * Microsoft recommends a plain message there, found by the user agent ("Support older
 * Microsoft webviews and Office versions"; which Office uses which webview: "Browsers and
 * webview controls used by Office Add-ins", learn.microsoft.com). A separate file because
 * the page's Content-Security-Policy allows no inline script. Kept out of the bundle so the
 * bundle stays modern; test/e2e/legacyWebview.test.ts checks that it parses as ES5.
 */
(function () {
  var ua = navigator.userAgent;
  // Trident/7.0 is IE11; EdgeHTML says "Edge/18…" (Chromium Edge and WebView2 say "Edg/").
  var oldWebview = ua.indexOf('Trident/') !== -1 || ua.indexOf('Edge/') !== -1;
  if (!oldWebview && modernEnough()) return;
  var app = document.getElementById('app');
  var title = app && app.getElementsByTagName('h1')[0];
  var note = document.createElement('div');
  note.id = 'legacy-webview';
  note.setAttribute('role', 'alert');
  var heading = document.createElement('h1');
  heading.appendChild(document.createTextNode(title ? title.textContent : ''));
  var text = document.createElement('p');
  // Facts from Microsoft's table: Office 2021 and later install WebView2; Office 2019 retail
  // uses it once the runtime is installed; volume-licensed Office 2019 always uses IE11.
  text.appendChild(document.createTextNode(oldWebview ?
    '此版本 Excel 用来显示加载项的内置浏览器（Internet Explorer 11 或旧版 Microsoft Edge）无法运行本加载项。' +
    '请改用 Windows 上的 Microsoft 365（更新到最新版本）或 Excel 2021 及以上版本、Excel 网页版或 Mac 版 Excel。' +
    'Excel 2019 零售版在安装 Microsoft Edge WebView2 运行时后即可使用（请先征得学校信息化部门同意）；' +
    'Excel 2019 批量许可版始终使用 Internet Explorer 11，请改用 Excel 网页版。' :
    // Safari before 16.4 (older macOS) lacks the bundle's lookbehind patterns.
    '此浏览器版本过旧，缺少本加载项需要的功能，无法运行本加载项。' +
    'Mac 版 Excel 需要 Safari 16.4 及以上版本（请更新 macOS）；Excel 网页版请使用最新版的 Edge、Chrome、Firefox 或 Safari。'
  ));
  note.appendChild(heading);
  note.appendChild(text);
  if (app) app.setAttribute('hidden', '');
  document.body.insertBefore(note, document.body.firstChild);

  /**
   * What the bundle needs beyond ES2020 syntax: lookbehind in patterns (Safari 16.4) and
   * structuredClone (Safari 15.4). A pattern built from a string throws where it is missing;
   * the bundle itself would fail to parse.
   */
  function modernEnough() {
    if (typeof window.structuredClone !== 'function') return false;
    try {
      new RegExp('(?<=a)b');
      return true;
    } catch (e) {
      return false;
    }
  }
})();
