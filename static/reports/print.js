// The daily report's print button (/api/reports/<day>.html). A file, not an inline onclick: the
// server's Content-Security-Policy allows scripts from the app only (script-src 'self').
document.querySelector('[data-print]')?.addEventListener('click', () => window.print());
