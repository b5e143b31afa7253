// Admin page (/admin/): refreshes the statistics table from /admin/stats once a second
// (a file, not an inline script, so the Content-Security-Policy can forbid inline scripts).
setInterval(async () => {
  const stats = await (await fetch("/admin/stats")).json();
  for (const [key, value] of Object.entries(stats)) {
    const cell = document.getElementById(key);
    if (cell) cell.textContent = value;
  }
}, 1000);
