// Workspace keyboard shortcuts and small browser helpers used through JS interop.
window.otklik = (() => {
    let handler = null;

    const typing = (el) => el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));

    document.addEventListener("keydown", (e) => {
        if (!handler || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
        if (!["j", "k", "n", "r", "i", "?", "Escape", "Enter", "o"].includes(e.key)) return;
        e.preventDefault();
        handler.invokeMethodAsync("OnShortcut", e.key);
    });

    return {
        // One page owns the shortcuts at a time: the inbox list or the open ticket.
        listen: (ref) => { handler = ref; },
        stop: (ref) => { if (handler === ref) handler = null; },
        focus: (selector) => {
            const el = document.querySelector(selector);
            if (el) { el.focus(); if (el.scrollIntoView) el.scrollIntoView({ block: "nearest" }); }
        },
        copy: async (text) => {
            try { await navigator.clipboard.writeText(text); return true; }
            catch { return false; }
        },
    };
})();
