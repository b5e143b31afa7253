// Chat client: one WebSocket to /ws/chat. The server pushes JSON objects:
//   {type: "chat", user, text, time}   a message, broadcast to everyone (history first)
//   {type: "clock", time}              once a second
//   {type: "users", count}             when someone joins or leaves
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

  function show(event) {
    if (event.type === "clock") {
      $("clock").textContent = event.time;
    } else if (event.type === "users") {
      $("users").textContent = event.count;
    } else if (event.type === "chat") {
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
})();
