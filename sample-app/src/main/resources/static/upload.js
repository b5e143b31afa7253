// Upload page (/upload): sends each chosen file as the body of PUT /upload?name=..., which the
// server streams to disk (a file, not an inline script, so the Content-Security-Policy can
// forbid inline scripts), then reloads the list.
document.getElementById("upload").addEventListener("submit", async (event) => {
  event.preventDefault();
  const progress = document.getElementById("progress");
  for (const file of document.getElementById("file").files) {
    progress.textContent = "Uploading " + file.name + "…";
    const reply = await fetch("/upload?name=" + encodeURIComponent(file.name), { method: "PUT", body: file });
    if (!reply.ok) {
      progress.textContent = file.name + ": " + reply.status + " " + reply.statusText;
      return;
    }
  }
  location.reload();
});
