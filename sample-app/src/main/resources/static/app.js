// Chat client: one WebSocket to /ws/chat, where the server pushes JSON objects
//   {type: "chat", user, text, time}   a message, broadcast to everyone (history first)
// (and the clock and user count too, for other clients), and one EventSource on /events
// for the live figures:
//   event: clock   the server time, once a second
//   event: users   the number online, when someone joins or leaves
(() => {
  const $ = (id) => document.getElementById(id);
  const name = $("name");
  name.value = localStorage.getItem("chat-name") || "guest-" + Math.floor(Math.random() * 9000 + 1000);
  let socket;

  function connect() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    socket = new WebSocket(`${scheme}://${location.host}/ws/chat`);
    socket.onopen = () => setStatus(true);
    socket.onclose = () => { setStatus(false); setTimeout(connect, 1000); };
    socket.onmessage = (event) => show(JSON.parse(event.data));
  }

  function setStatus(online) {
    $("status").textContent = online ? "connected" : "offline";
    $("status").className = "status " + (online ? "online" : "offline");
  }

  function listen() {
    const events = new EventSource("/events"); // reconnects by itself
    events.addEventListener("clock", (e) => { $("clock").textContent = e.data; });
    events.addEventListener("users", (e) => { $("users").textContent = e.data; });
  }

  function show(event) {
    if (event.type === "chat") {
      const item = document.createElement("li");
      const user = document.createElement("span");
      user.className = "user";
      user.textContent = event.user;
      const time = document.createElement("span");
      time.className = "time";
      time.textContent = event.time;
      item.append(user, document.createTextNode(event.text), time);
      $("messages").append(item);
      item.scrollIntoView({ block: "end" });
    }
  }

  $("composer").addEventListener("submit", (e) => {
    e.preventDefault();
    const text = $("text").value.trim();
    if (!text || !socket || socket.readyState !== WebSocket.OPEN) return;
    localStorage.setItem("chat-name", name.value);
    socket.send(JSON.stringify({ user: name.value, text }));
    $("text").value = "";
  });

  connect();
  listen();
})();
