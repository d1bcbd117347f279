// The phone page: sign in with a name and PIN, then the kiosk's situations, polled every few seconds, with
// acknowledge and resolve. Every text from the kiosk goes in with textContent (never parsed as HTML).
"use strict";
(function () {
  const W = {
    zh_CN: {
      signin: "登录", pickName: "选择您的姓名", pin: "PIN", go: "登录", signout: "退出", lang: "EN",
      ack: "确认", resolve: "处理完毕", whatDone: "采取了什么措施？", confirm: "记录并关闭", cancel: "取消",
      none: "✓ 目前没有告警", updated: "更新于 ", offline: "连接不到信息屏，正在重试…", since: "自 ",
      ackedBy: "已确认：", leftMin: "距上限 ", min: " 分钟", alarm: "警报", warning: "预警", info: "提示",
      noStaff: "尚未设置管理人员", pickFirst: "请先选择姓名", alerts: " 条"
    },
    en: {
      signin: "Sign in", pickName: "Pick your name", pin: "PIN", go: "Sign in", signout: "Sign out", lang: "中文",
      ack: "Acknowledge", resolve: "Resolve", whatDone: "What was done?", confirm: "Record and close", cancel: "Cancel",
      none: "✓ No alerts", updated: "Updated ", offline: "Cannot reach the kiosk; trying again…", since: "Since ",
      ackedBy: "Acknowledged: ", leftMin: "Limit in ", min: " min", alarm: "Alarm", warning: "Warning", info: "Info",
      noStaff: "No staff yet", pickFirst: "Pick your name first", alerts: " alerts"
    }
  };
  const $ = (id) => document.getElementById(id);
  let lang = null;          // the phone's own choice (a tap on the language button), else the kiosk's answer
  let chosenLang = null;
  let state = null;
  let chosenName = "";
  let openForm = null;      // the card key whose "what was done" form is open: the list waits while it is
  let pollTimer = null;

  function t(key) { return W[lang || "zh_CN"][key]; }
  function msg(answer) { return (lang === "en" ? answer.en : answer.zh) || ""; }

  async function call(method, path, body) {
    const init = { method: method, credentials: "same-origin", cache: "no-store", headers: {} };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const r = await fetch(path, init);
    let data = {};
    try { data = await r.json(); } catch (e) { data = {}; }
    return { status: r.status, data: data };
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function words() {
    document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
    $("lang").textContent = t("lang");
    $("signout").textContent = t("signout");
    $("signin-title").textContent = t("pickName");
    $("pin-label").textContent = t("pin");
    $("go").textContent = t("go");
    $("offline").textContent = t("offline");
  }

  function renderSignIn() {
    $("signin").hidden = false;
    $("situations").hidden = true;
    $("signout").hidden = true;
    $("who").textContent = "";
    const names = $("names");
    names.replaceChildren();
    const staff = state.staff || [];
    if (staff.length === 0) names.append(el("p", "", t("noStaff")));
    for (const name of staff) {
      const b = el("button", name === chosenName ? "chosen" : "", name);
      b.type = "button";
      b.addEventListener("click", () => { chosenName = name; renderSignIn(); $("pin").focus(); });
      names.append(b);
    }
    if (state.lockedForMin > 0) {
      $("signin-message").textContent = lang === "en"
        ? "Too many wrong PINs: locked, try again in about " + state.lockedForMin + " min"
        : "PIN 连续输错，已锁定，约 " + state.lockedForMin + " 分钟后再试";
      $("signin-message").dataset.kind = "locked";
    }
    $("go").disabled = state.lockedForMin > 0;
  }

  function sevWord(s) { return t(s) || s; }

  function renderCard(c) {
    const card = el("article", "card " + c.severity);
    card.dataset.key = c.key;
    card.append(el("div", "sev", sevWord(c.severity) + (c.count > 1 ? " · " + c.count + t("alerts") : "")));
    card.append(el("div", "text", lang === "en" ? c.messageEn : c.messageZh));
    const advice = lang === "en" ? c.actionEn : c.actionZh;
    if (advice) card.append(el("div", "advice", advice));
    let meta = t("since") + c.since;
    if (c.timeLeftMin >= 0) meta += " · " + t("leftMin") + c.timeLeftMin + t("min");
    card.append(el("div", "meta", meta));
    if (c.acknowledgedBy) card.append(el("div", "acked", t("ackedBy") + c.acknowledgedBy + " " + c.acknowledgedAt));
    if (!c.actionable) return card;
    if (!c.acknowledgedBy && state.mayAcknowledge) {
      const ack = el("button", "big ack", t("ack"));
      ack.type = "button";
      ack.dataset.act = "acknowledge";
      ack.addEventListener("click", () => act("/api/acknowledge", { key: c.key, version: c.version }, ack));
      card.append(ack);
    }
    if (state.mayResolve) {
      if (openForm === c.key) {
        const note = el("textarea");
        note.maxLength = 200;
        note.placeholder = t("whatDone");
        note.id = "note";
        card.append(el("label", "", t("whatDone")));
        const quick = el("div", "presets");
        for (const p of state.presets || []) {
          const b = el("button", "preset", lang === "en" ? p.en : p.zh);
          b.type = "button";
          b.addEventListener("click", () => { note.value = b.textContent; note.focus(); });
          quick.append(b);
        }
        card.append(quick, note);
        const ok = el("button", "big resolve", t("confirm"));
        ok.type = "button";
        ok.dataset.act = "confirm";
        ok.addEventListener("click", () => {
          if (!note.value.trim()) { note.focus(); return; }
          act("/api/resolve", { key: c.key, version: c.version, note: note.value.trim() }, ok);
        });
        const cancel = el("button", "big quiet", t("cancel"));
        cancel.type = "button";
        cancel.addEventListener("click", () => { openForm = null; render(); });
        card.append(ok, cancel);
      } else {
        const res = el("button", "big resolve", t("resolve"));
        res.type = "button";
        res.dataset.act = "resolve";
        res.addEventListener("click", () => { openForm = c.key; render(); const n = $("note"); if (n) n.focus(); });
        card.append(res);
      }
    }
    return card;
  }

  function renderSituations() {
    $("signin").hidden = true;
    $("situations").hidden = false;
    $("signout").hidden = false;
    $("who").textContent = state.who;
    const cards = $("cards");
    cards.replaceChildren();
    for (const c of state.cards) cards.append(renderCard(c));
    $("none").textContent = t("none");
    $("none").hidden = state.cards.length > 0;
    // The kiosk's time, not the phone's: a phone's clock may be wrong, and a simulated day's differs.
    $("updated").textContent = state.kioskTime ? t("updated") + state.kioskTime : "";
  }

  function render() {
    if (!state) return;
    lang = chosenLang || state.lang || "zh_CN";
    words();
    if (state.signedIn) renderSituations(); else renderSignIn();
  }

  async function poll() {
    try {
      const r = await call("GET", "/api/state");
      // Busy (503: the kiosk's connections are all taken) or any other refusal: the last state stays, said offline.
      if (r.status !== 200) throw new Error("state " + r.status);
      $("offline").hidden = true;
      const wasSignedIn = state && state.signedIn;
      state = r.data;
      if (!state.signedIn) openForm = null;
      // A form being filled in stays as it is until it is sent or cancelled.
      if (openForm && state.cards && state.cards.some((c) => c.key === openForm) && wasSignedIn) {
        const n = $("note");
        const kept = n ? n.value : "";
        render();
        const m = $("note");
        if (m) m.value = kept;
      } else {
        if (openForm && state.cards && !state.cards.some((c) => c.key === openForm)) openForm = null;
        render();
      }
    } catch (e) {
      $("offline").hidden = false;
    }
  }

  async function signIn() {
    const pin = $("pin").value;
    $("signin-message").dataset.kind = "";
    if (!chosenName) { $("signin-message").textContent = t("pickFirst"); return; }
    $("go").disabled = true;
    try {
      const r = await call("POST", "/api/signin", { name: chosenName, pin: pin });
      $("pin").value = "";
      if (r.status === 200) {
        $("signin-message").textContent = "";
      } else {
        $("signin-message").textContent = msg(r.data);
        $("signin-message").dataset.kind = r.data.error || "";
      }
    } catch (e) {
      $("offline").hidden = false;
    }
    $("go").disabled = false;
    await poll();
  }

  async function act(path, body, button) {
    button.disabled = true;
    $("act-message").textContent = "";
    try {
      const r = await call("POST", path, body);
      if (r.status === 200) openForm = null;
      else {
        $("act-message").textContent = msg(r.data);
        $("act-message").dataset.kind = r.data.error || "";
        if (r.data.error !== "note") openForm = null;
      }
    } catch (e) {
      $("offline").hidden = false;
    }
    await poll();
  }

  async function signOut() {
    try { await call("POST", "/api/signout", {}); } catch (e) { /* the next poll says */ }
    chosenName = "";
    openForm = null;
    await poll();
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("go").addEventListener("click", signIn);
    $("pin").addEventListener("keydown", (e) => { if (e.key === "Enter") signIn(); });
    $("signout").addEventListener("click", signOut);
    $("lang").addEventListener("click", () => { chosenLang = (lang === "en" ? "zh_CN" : "en"); render(); });
    poll();
    pollTimer = setInterval(poll, 3000);
  });
})();
