/* Otklik chat widget. Embed: <script src="https://HOST/widget.js" data-inbox="KEY" async></script>
   Plain script, no dependencies: a launcher button and a panel in a shadow root (the host page's
   styles cannot break it), the SignalR JSON protocol over one WebSocket, and an offline queue. */
(function () {
  "use strict";
  var script = document.currentScript || document.querySelector("script[data-inbox]");
  if (!script || window.__otklikWidget) return;
  window.__otklikWidget = true;
  var key = script.getAttribute("data-inbox");
  var base = new URL(script.src, location.href).origin;
  var ru = /^ru/i.test(navigator.language || "");
  var T = ru ? {
    open: "Открыть чат", close: "Свернуть чат", title: "Чат с поддержкой", people: "Отвечают люди, не бот",
    online: "Обычно отвечаем ", offline: "Сейчас никого нет. Ответим ", leave: "Оставьте email или телефон — ответ придёт и туда.",
    message: "Сообщение", send: "Отправить", attach: "Прикрепить файл", email: "Email", phone: "Телефон", name: "Имя",
    save: "Сохранить", start: "Начать чат", saved: "Спасибо! Ответим сюда: ", typing: " печатает…", sending: "Отправляется…",
    delivered: "Доставлено", read: "Прочитано", reconnecting: "Нет связи. Сообщения отправятся, когда связь вернётся.",
    tooBig: "Файл больше 8 МБ.", required: "Заполните обязательные поля.", failed: "Не удалось отправить: ", fileFailed: "Не удалось открыть файл: ", you: "Вы", agent: "Поддержка",
    unread: "новые сообщения", end: "Завершить чат", ended: "Чат завершён. Если вы оставили email, запись переписки придёт на него.",
    again: "Начать новый чат", transferred: "Ваш чат передан: ", joined: "Вам отвечает: "
  } : {
    open: "Open chat", close: "Minimise chat", title: "Chat with support", people: "People answer here, not a bot",
    online: "We usually answer ", offline: "Nobody is here right now. We will answer ", leave: "Leave your email or phone and the answer will reach you there too.",
    message: "Message", send: "Send", attach: "Attach a file", email: "Email", phone: "Phone", name: "Name",
    save: "Save", start: "Start chat", saved: "Thank you! We will answer at ", typing: " is typing…", sending: "Sending…",
    delivered: "Delivered", read: "Read", reconnecting: "Offline. Your messages will be sent when the connection is back.",
    tooBig: "The file is larger than 8 MB.", required: "Please fill in the required fields.", failed: "Could not send: ", fileFailed: "Could not open the file: ", you: "You", agent: "Support",
    unread: "new messages", end: "End chat", ended: "The chat has ended. If you left your email, its record is on its way there.",
    again: "Start a new chat", transferred: "You were transferred to ", joined: "You are talking to "
  };
  var store = "otklik:" + key, queueKey = store + ":queue";
  var state = { token: get(store), messages: {}, order: [], readUpTo: 0, blobs: {}, session: null, ws: null, ready: false, calls: {}, nextCall: 1, retry: 0, unread: 0 };

  function get(k) { try { return localStorage.getItem(k); } catch (e) { return null; } }
  function put(k, v) { try { localStorage.setItem(k, v); } catch (e) { /* private mode: the session lasts this page only */ } }
  function queue() { try { return JSON.parse(get(queueKey) || "[]"); } catch (e) { return []; } }
  function setQueue(q) { put(queueKey, JSON.stringify(q)); }
  function uid() { return (crypto.randomUUID ? crypto.randomUUID() : Date.now().toString(36) + Math.random().toString(36).slice(2)).replace(/-/g, ""); }
  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    for (var a in attrs || {}) { if (a === "text") e.textContent = attrs[a]; else e.setAttribute(a, attrs[a]); }
    (kids || []).forEach(function (k) { if (k) e.appendChild(k); });
    return e;
  }

  /* Text as text: links become <a> only for http, https and mailto, built as nodes, never as HTML. */
  function linkify(text, into) {
    var re = /(https?:\/\/[^\s<>"]+|mailto:[^\s<>"]+)/gi, last = 0, m;
    while ((m = re.exec(text))) {
      var url = m[0].replace(/[).,;:!?]+$/, "");
      into.appendChild(document.createTextNode(text.slice(last, m.index)));
      var safe = null;
      try { var u = new URL(url); if (/^(https?|mailto):$/.test(u.protocol)) safe = u.href; } catch (e) { safe = null; }
      if (safe) into.appendChild(el("a", { href: safe, target: "_blank", rel: "noopener noreferrer nofollow", text: url }));
      else into.appendChild(document.createTextNode(url));
      last = m.index + url.length;
      re.lastIndex = last;
    }
    into.appendChild(document.createTextNode(text.slice(last)));
  }

  /* ---------- UI ---------- */
  var host = el("div", { id: "otklik-chat" });
  var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
  root.appendChild(el("style", { text:
    ":host{all:initial}*{box-sizing:border-box;font:14px/1.4 system-ui,-apple-system,Segoe UI,Roboto,sans-serif}" +
    ".launcher{position:fixed;right:20px;bottom:20px;z-index:2147483646;border:0;border-radius:28px;padding:14px 20px;background:#1f5fbf;color:#fff;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)}" +
    ".launcher:focus-visible,button:focus-visible,textarea:focus-visible,input:focus-visible{outline:3px solid #f5a623;outline-offset:2px}" +
    ".badge{display:inline-block;min-width:18px;margin-left:6px;border-radius:9px;background:#d93025;padding:0 5px;font-size:12px}" +
    ".panel{position:fixed;right:20px;bottom:84px;z-index:2147483647;width:360px;max-width:calc(100vw - 24px);height:520px;max-height:calc(100vh - 100px);display:flex;flex-direction:column;background:#fff;color:#1d1d1f;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);overflow:hidden}" +
    /* !important: the parts shown as flex (.contact, .ended) would otherwise stay on screen when hidden. */
    "[hidden]{display:none!important}header{background:#1f5fbf;color:#fff;padding:10px 14px;display:flex;align-items:flex-start;gap:8px}" +
    "header h2{margin:0;font-size:16px;font-weight:600}header p{margin:2px 0 0;font-size:12px;opacity:.9}header .x{margin-left:auto;background:none;border:0;color:#fff;font-size:20px;cursor:pointer;line-height:1}" +
    ".status{padding:8px 14px;background:#eef3fb;font-size:13px}.status.off{background:#fff4e0}" +
    ".log{flex:1;overflow-y:auto;padding:10px 14px;display:flex;flex-direction:column;gap:6px}" +
    ".msg{max-width:85%;padding:7px 10px;border-radius:10px;white-space:pre-wrap;overflow-wrap:anywhere}.msg.visitor{align-self:flex-end;background:#1f5fbf;color:#fff}" +
    ".msg.visitor a{color:#fff}.msg.agent{align-self:flex-start;background:#f0f0f2}.who{display:block;font-size:11px;opacity:.75}.mark{display:block;font-size:11px;opacity:.75;text-align:right}" +
    ".msg img{max-width:100%;border-radius:6px;display:block;margin-top:4px}.typing{padding:0 14px;font-size:12px;color:#555;min-height:16px}" +
    "form{margin:0}.compose{display:flex;gap:6px;padding:8px;border-top:1px solid #e3e3e6;align-items:flex-end}textarea{flex:1;resize:none;height:40px;max-height:120px;padding:8px;border:1px solid #c9c9cf;border-radius:8px}" +
    ".btn{border:0;border-radius:8px;padding:9px 12px;background:#1f5fbf;color:#fff;cursor:pointer}.btn.ghost{background:#f0f0f2;color:#1d1d1f}" +
    ".contact{padding:8px 14px;display:flex;flex-direction:column;gap:6px;border-bottom:1px solid #e3e3e6}.contact label{font-size:12px}.contact input{width:100%;padding:7px;border:1px solid #c9c9cf;border-radius:6px}" +
    ".sys{align-self:center;font-size:12px;color:#555;text-align:center}.ended{padding:10px 14px;background:#eef3fb;display:flex;flex-direction:column;gap:6px;align-items:flex-start}" +
    "header .end{background:none;border:1px solid rgba(255,255,255,.6);border-radius:6px;color:#fff;font-size:12px;padding:3px 8px;cursor:pointer}" +
    ".err{color:#b00020;padding:0 14px;font-size:13px}.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}progress{width:100%;height:6px}" }));
  var launcher = el("button", { class: "launcher", type: "button", "aria-expanded": "false", "aria-controls": "otklik-panel", "aria-label": T.open, "data-test": "chat-launcher" });
  launcher.appendChild(el("span", { text: "💬 " + T.title.split(" ")[0] }));
  var badge = el("span", { class: "badge", hidden: "", "aria-label": T.unread });
  launcher.appendChild(badge);
  var closeBtn = el("button", { class: "x", type: "button", "aria-label": T.close, text: "×" });
  var endBtn = el("button", { class: "end", type: "button", text: T.end, hidden: "", "data-test": "chat-end" });
  var againBtn = el("button", { class: "btn", type: "button", text: T.again, "data-test": "chat-again" });
  var endedNote = el("div", { class: "ended", role: "status", hidden: "", "data-test": "chat-ended" }, [el("span", { text: T.ended }), againBtn]);
  var statusLine = el("div", { class: "status", role: "status", "data-test": "chat-status" });
  var log = el("div", { class: "log", role: "log", "aria-live": "polite", "aria-label": T.title, "data-test": "chat-log" });
  var typingLine = el("div", { class: "typing", "aria-live": "polite", "data-test": "chat-typing" });
  var error = el("div", { class: "err", role: "alert", "data-test": "chat-error" });
  var progress = el("progress", { max: "100", value: "0", hidden: "", "aria-label": T.attach });
  var contact = el("form", { class: "contact", hidden: "", "data-test": "chat-contact" });
  var box = el("textarea", { id: "otklik-text", rows: "1", "aria-label": T.message, placeholder: T.message + "…", "data-test": "chat-input" });
  var fileInput = el("input", { type: "file", class: "sr", id: "otklik-file", tabindex: "-1", "aria-hidden": "true" });
  var attachBtn = el("button", { class: "btn ghost", type: "button", "aria-label": T.attach, title: T.attach, text: "📎", "data-test": "chat-attach" });
  var sendBtn = el("button", { class: "btn", type: "submit", text: T.send, "data-test": "chat-send" });
  var compose = el("form", { class: "compose" }, [box, fileInput, attachBtn, sendBtn]);
  var panel = el("div", { class: "panel", id: "otklik-panel", role: "dialog", "aria-label": T.title, hidden: "", "data-test": "chat-panel" }, [
    el("header", {}, [el("div", {}, [el("h2", { text: T.title }), el("p", { text: T.people, "data-test": "chat-people" })]), endBtn, closeBtn]),
    statusLine, contact, endedNote, log, typingLine, error, progress, compose]);
  root.appendChild(launcher);
  root.appendChild(panel);
  (document.body || document.documentElement).appendChild(host);

  function isOpen() { return !panel.hasAttribute("hidden"); }
  function toggle(open) {
    if (open) { panel.removeAttribute("hidden"); state.unread = 0; badge.setAttribute("hidden", ""); ack(); (contact.hasAttribute("hidden") ? box : contact.querySelector("input") || box).focus(); if (Date.now() - (state.sessionAt || 0) > 60000) session(); }
    else { panel.setAttribute("hidden", ""); launcher.focus(); }
    launcher.setAttribute("aria-expanded", String(open));
    launcher.setAttribute("aria-label", open ? T.close : T.open);
  }
  launcher.addEventListener("click", function () { toggle(!isOpen()); });
  closeBtn.addEventListener("click", function () { toggle(false); });
  endBtn.addEventListener("click", function () { invoke("End", []).catch(function (err) { error.textContent = reason(err).text || T.reconnecting; }); });
  againBtn.addEventListener("click", function () { endedNote.setAttribute("hidden", ""); box.focus(); });
  panel.addEventListener("keydown", function (e) { if (e.key === "Escape") toggle(false); });
  box.addEventListener("keydown", function (e) { if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); submit(); } });
  compose.addEventListener("submit", function (e) { e.preventDefault(); submit(); });
  attachBtn.addEventListener("click", function () { fileInput.click(); });
  fileInput.addEventListener("change", function () { if (fileInput.files[0]) upload(fileInput.files[0]); fileInput.value = ""; });

  /* ---------- messages ---------- */
  function mark(m) {
    if (m.from !== "visitor") return "";
    if (m.pending) return T.sending;
    return m.id <= state.readUpTo ? T.read : T.delivered;
  }
  /* A file comes with the token in a header, never in its URL (URLs end up in logs and referrers), and is shown from a blob. */
  function fileBlob(f) {
    var p = state.blobs[f.id];
    if (!p) {
      p = state.blobs[f.id] = fetch(base + "/widget/api/" + encodeURIComponent(key) + "/files/" + f.id, { headers: { "X-Otklik-Visitor": state.token || "" }, credentials: "omit" })
        .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.blob(); })
        .then(function (b) { return URL.createObjectURL(b); });
      p.catch(function () { if (state.blobs[f.id] === p) delete state.blobs[f.id]; });
    }
    return p;
  }
  function fileLink(f) {
    var a = el("a", { href: "#", "data-test": "chat-file" });
    if (/^image\/(png|jpeg|gif|webp)$/.test(f.contentType)) {
      var img = el("img", { alt: f.name });
      a.appendChild(img);
      fileBlob(f).then(function (u) { img.src = u; }, function () {});
    } else a.textContent = "📄 " + f.name;
    a.addEventListener("click", function (e) {
      e.preventDefault();
      fileBlob(f).then(function (u) { el("a", { href: u, download: f.name }).click(); }, function () { error.textContent = T.fileFailed + f.name; });
    });
    return a;
  }
  function render(m) {
    var id = m.clientId || "s" + m.id;
    var node = state.messages[id] && state.messages[id].node;
    var fresh = !node;
    if (fresh) node = el("div", { "data-test": "chat-message" });
    node.className = "msg " + m.from;
    node.setAttribute("data-from", m.from);
    node.textContent = "";
    node.appendChild(el("span", { class: "who", text: m.from === "visitor" ? T.you : (m.author || T.agent) }));
    var body = el("span", { class: "text" });
    linkify(m.text || "", body);
    node.appendChild(body);
    (m.files || []).forEach(function (f) { node.appendChild(fileLink(f)); });
    var mk = mark(m);
    if (mk) node.appendChild(el("span", { class: "mark", text: mk, "data-test": "chat-mark" }));
    m.node = node;
    state.messages[id] = m;
    if (fresh) { state.order.push(id); log.appendChild(node); log.scrollTop = log.scrollHeight; }
  }
  function receive(m) {
    var known = state.messages[m.clientId || "s" + m.id];
    render(m);
    endBtn.removeAttribute("hidden");
    endedNote.setAttribute("hidden", "");
    if (m.from === "agent" && !known) {
      typingLine.textContent = "";
      if (isOpen()) ack(); else { state.unread++; badge.textContent = String(state.unread); badge.removeAttribute("hidden"); }
    }
  }
  function rerenderMarks() { state.order.forEach(function (id) { var m = state.messages[id]; if (m.from === "visitor") render(m); }); }
  function ack() {
    var max = 0;
    state.order.forEach(function (id) { var m = state.messages[id]; if (m.from === "agent" && m.id > max) max = m.id; });
    if (max > (state.acked || 0) && state.ready) { state.acked = max; invoke("Delivered", [max], true); }
  }

  function submit() {
    var text = box.value.trim();
    if (!text) return;
    box.value = "";
    typing(false);
    var item = { clientId: uid(), text: text };
    setQueue(queue().concat([item]));
    render({ clientId: item.clientId, from: "visitor", text: text, pending: true, id: 0 });
    flush();
  }

  /* Sends the queue in order, once each: the server keeps one message per clientId, so a retry after a lost answer is harmless. */
  function flush() {
    if (!state.ready || state.flushing) return;
    var q = queue();
    if (!q.length) return;
    state.flushing = true;
    var item = q[0];
    invoke("Send", [item.clientId, item.text]).then(function (m) {
      setQueue(queue().filter(function (x) { return x.clientId !== item.clientId; }));
      receive(m);
      state.flushing = false;
      flush();
    }, function (err) {
      state.flushing = false;
      var why = reason(err);
      if (why.code === "invalid") setQueue(queue().filter(function (x) { return x.clientId !== item.clientId; }));
      if (why.code) error.textContent = T.failed + why.text;
      if (why.code === "rate_limited") setTimeout(flush, 20000);
    });
  }

  /* The hub reports "... HubException: code: text"; anything else is a lost connection, which the queue survives. */
  function reason(err) {
    var m = /(invalid|rate_limited): (.*)$/.exec(String(err && err.message || err));
    return m ? { code: m[1], text: m[2] } : { code: null, text: "" };
  }

  var typingSent = 0, typingTimer = null;
  function typing(on) {
    if (!state.ready) return;
    clearTimeout(typingTimer);
    if (on) {
      if (Date.now() - typingSent > 3000) { typingSent = Date.now(); invoke("Typing", [true], true); }
      typingTimer = setTimeout(function () { typing(false); }, 4000);
    } else if (typingSent) { typingSent = 0; invoke("Typing", [false], true); }
  }
  box.addEventListener("input", function () { typing(box.value.length > 0); });

  function upload(file) {
    error.textContent = "";
    if (file.size > 8 * 1024 * 1024) { error.textContent = T.tooBig; return; }
    var form = new FormData();
    form.append("file", file);
    form.append("clientId", uid());
    var xhr = new XMLHttpRequest();
    xhr.open("POST", base + "/widget/api/" + encodeURIComponent(key) + "/files");
    xhr.setRequestHeader("X-Otklik-Visitor", state.token || "");
    progress.value = 0;
    progress.removeAttribute("hidden");
    xhr.upload.onprogress = function (e) { if (e.lengthComputable) progress.value = Math.round(100 * e.loaded / e.total); };
    xhr.onloadend = function () {
      progress.setAttribute("hidden", "");
      var body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
      if (xhr.status === 200 && body) receive(body);
      else error.textContent = T.failed + (body && body.detail || xhr.status || "network");
    };
    xhr.send(form);
  }

  /* ---------- availability, pre-chat and contact form ---------- */
  function showStatus(s) {
    statusLine.className = "status" + (s.online ? "" : " off");
    statusLine.textContent = s.online ? T.online + s.promise + "." : T.offline + s.promise + ". " + (s.email || s.phone ? T.saved + (s.email || s.phone) : T.leave);
  }
  function fields(s) {
    var wanted = [];
    var hasDetails = s.email || s.phone || s.name;
    [["name", "text", "name"], ["email", "email", "email"], ["phone", "tel", "tel"]].forEach(function (f) {
      var need = s.form[f[0]];
      if (!s.online && !hasDetails && (f[0] === "email" || f[0] === "phone") && need === "off") need = "optional";
      if (need !== "off" && !s[f[0]]) wanted.push({ name: f[0], type: f[1], auto: f[2], required: need === "required" });
    });
    return hasDetails && s.online ? wanted.filter(function (w) { return w.required; }) : wanted;
  }
  function showContact(s) {
    var wanted = s.hasConversation && s.online ? [] : fields(s);
    contact.textContent = "";
    if (!wanted.length) { contact.setAttribute("hidden", ""); return; }
    var inputs = wanted.map(function (w) {
      var id = "otklik-" + w.name;
      var input = el("input", { id: id, name: w.name, type: w.type, autocomplete: w.auto, "data-test": "chat-contact-" + w.name });
      if (w.required) input.setAttribute("required", "");
      contact.appendChild(el("label", { for: id, text: T[w.name] + (w.required ? " *" : "") }));
      contact.appendChild(input);
      return input;
    });
    contact.appendChild(el("button", { class: "btn", type: "submit", text: s.online ? T.start : T.save, "data-test": "chat-contact-save" }));
    contact.removeAttribute("hidden");
    contact.onsubmit = function (e) {
      e.preventDefault();
      var v = {};
      inputs.forEach(function (i) { v[i.name] = i.value.trim(); });
      if (inputs.some(function (i) { return i.required && !i.value.trim(); })) { error.textContent = T.required; return; }
      if (!v.name && !v.email && !v.phone) { contact.setAttribute("hidden", ""); box.focus(); return; }
      invoke("Contact", [v.name || null, v.email || null, v.phone || null]).then(function (saved) {
        error.textContent = "";
        s.name = saved.name; s.email = saved.email; s.phone = saved.phone;
        contact.setAttribute("hidden", "");
        showStatus(s);
        box.focus();
      }, function (err) { error.textContent = reason(err).text || T.reconnecting; });
    };
  }

  /* ---------- session and connection ---------- */
  /* The browser's time zone: a chat transcript by email shows the times the visitor's own clock showed. */
  function zone() { try { return Intl.DateTimeFormat().resolvedOptions().timeZone || null; } catch (e) { return null; } }
  /* The chat ended (by the agent or here): the conversation clears and the next message starts a new one. */
  function ended() {
    log.textContent = ""; state.messages = {}; state.order = []; typingLine.textContent = "";
    if (state.session) state.session.hasConversation = false;
    endBtn.setAttribute("hidden", "");
    endedNote.removeAttribute("hidden");
  }
  function session() {
    state.sessionAt = Date.now();
    return fetch(base + "/widget/api/" + encodeURIComponent(key) + "/session", {
      method: "POST", headers: { "Content-Type": "application/json" }, credentials: "omit",
      body: JSON.stringify({ token: state.token, page: location.href, referrer: document.referrer || null, language: navigator.language, timeZone: zone() })
    }).then(function (r) { if (!r.ok) throw new Error("session " + r.status); return r.json(); }).then(function (s) {
      // A token the server did not accept (expired, other inbox) gave a fresh visitor: nothing of the old one stays on screen.
      var changed = !!state.session && state.session.visitorId !== s.visitorId;
      if (changed) { log.textContent = ""; state.messages = {}; state.order = []; setQueue([]); }
      state.token = s.token;
      put(store, s.token);
      state.session = s;
      state.readUpTo = s.readUpTo;
      s.messages.forEach(receive);
      queue().forEach(function (q) { if (!state.messages[q.clientId]) render({ clientId: q.clientId, from: "visitor", text: q.text, pending: true, id: 0 }); });
      rerenderMarks();
      showStatus(s);
      showContact(s);
      if (changed || !state.ready) connect();
    });
  }

  function invoke(target, args, noAnswer) {
    if (!state.ws || !state.ready) return Promise.reject(new Error("offline"));
    var frame = { type: 1, target: target, arguments: args };
    if (noAnswer) { send(frame); return Promise.resolve(); }
    var id = String(state.nextCall++);
    frame.invocationId = id;
    return new Promise(function (resolve, reject) { state.calls[id] = { resolve: resolve, reject: reject }; send(frame); });
  }
  function send(frame) { try { state.ws.send(JSON.stringify(frame) + "\u001e"); } catch (e) { /* closing: the queue retries */ } }

  function connect() {
    if (state.ws) { try { state.ws.onclose = null; state.ws.close(); } catch (e) { /* already closed */ } }
    state.ready = false;
    var url = base.replace(/^http/, "ws") + "/hubs/visitor?key=" + encodeURIComponent(key) + "&visitor=" + encodeURIComponent(state.token);
    var ws = new WebSocket(url);
    state.ws = ws;
    ws.onopen = function () { ws.send(JSON.stringify({ protocol: "json", version: 1 }) + "\u001e"); };
    ws.onmessage = function (e) {
      String(e.data).split("\u001e").forEach(function (part) {
        if (!part) return;
        var f = JSON.parse(part);
        if (f.type === undefined) { // handshake answer
          if (f.error) return;
          state.ready = true; state.retry = 0; error.textContent = "";
          clearInterval(state.ping);
          state.ping = setInterval(function () { send({ type: 6 }); }, 15000);
          invoke("History", []).then(function (list) { list.forEach(receive); ack(); });
          flush();
        } else if (f.type === 1) {
          var a = f.arguments || [];
          if (f.target === "message") receive(a[0]);
          else if (f.target === "typing") typingLine.textContent = a[0] ? (a[1] || T.agent) + T.typing : "";
          else if (f.target === "read") { state.readUpTo = Math.max(state.readUpTo, a[0]); rerenderMarks(); }
          else if (f.target === "ended") ended();
          else if (f.target === "transferred") log.appendChild(el("div", { class: "sys", role: "status", text: T.transferred + a[0] + ".", "data-test": "chat-transferred" }));
          else if (f.target === "joined") log.appendChild(el("div", { class: "sys", role: "status", text: T.joined + a[0] + ".", "data-test": "chat-joined" }));
          else if (f.target === "availability" && state.session) {
            // Pushed when the first agent comes online or the last one leaves: the promise and the email form follow at once.
            state.session.online = a[0]; state.session.promise = ru ? a[2] : a[1];
            showStatus(state.session); showContact(state.session);
          }
        } else if (f.type === 3) {
          var call = state.calls[f.invocationId];
          delete state.calls[f.invocationId];
          if (call) { if (f.error) call.reject(new Error(f.error)); else call.resolve(f.result); }
        } else if (f.type === 7) {
          ws.close();
        }
      });
    };
    ws.onclose = function () {
      state.ready = false;
      clearInterval(state.ping);
      Object.keys(state.calls).forEach(function (id) { state.calls[id].reject(new Error("offline")); delete state.calls[id]; });
      if (state.ws !== ws) return;
      if (queue().length) error.textContent = T.reconnecting;
      var wait = [1000, 2000, 5000, 10000, 30000][Math.min(state.retry++, 4)];
      // A refused connection usually means the token expired or the visitor was removed: a new session answers that.
      setTimeout(function () { session().catch(function () { setTimeout(connect, wait); }); }, wait);
    };
  }
  window.addEventListener("online", function () { if (!state.ready) connect(); });
  session().catch(function () { statusLine.textContent = T.reconnecting; setTimeout(function () { session().catch(function () {}); }, 5000); });
})();
