// Workspace keyboard shortcuts and small browser helpers used through JS interop.
window.otklik = (() => {
    let handler = null;

    const typing = (el) => el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));

    document.addEventListener("keydown", (e) => {
        if (!handler || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
        if (!["j", "k", "n", "r", "i", "?", "Escape", "Enter", "o"].includes(e.key)) return;
        e.preventDefault();
        // The page may be going away while the key is handled; a lost shortcut is harmless.
        handler.invokeMethodAsync("OnShortcut", e.key).catch(() => { });
    });

    return {
        // The layout listens once per circuit and hands keys to the page on screen.
        listen: (ref) => { handler = ref; },
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
