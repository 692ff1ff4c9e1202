// Small progressive enhancements; every page works without this file.
document.addEventListener('DOMContentLoaded', () => {
  // Move focus to the error summary so screen readers announce it and keyboard users start there.
  const summary = document.querySelector('[data-autofocus]');
  if (summary) summary.focus();

  // Confirmation before destructive actions: <form data-confirm="Czy na pewno…?">
  document.querySelectorAll('form[data-confirm]').forEach((form) => {
    form.addEventListener('submit', (event) => {
      if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
    });
  });

  // A form submitted once cannot be submitted twice by a double click: <form data-once>
  document.querySelectorAll('form[data-once]').forEach((form) => {
    form.addEventListener('submit', () => {
      setTimeout(() => form.querySelectorAll('button[type="submit"], button:not([type])').forEach((b) => { b.disabled = true; }), 0);
    });
  });

  // "Set all": <button data-set-all="PRESENT" data-target="fieldset-selector">
  document.querySelectorAll('[data-set-all]').forEach((button) => {
    button.hidden = false;
    button.addEventListener('click', () => {
      const value = button.getAttribute('data-set-all');
      const scope = document.querySelector(button.getAttribute('data-target') || 'form') || document;
      scope.querySelectorAll(`input[type="radio"][value="${value}"]`).forEach((r) => { r.checked = true; });
      const status = document.getElementById(button.getAttribute('aria-controls') || '');
      if (status) status.textContent = button.getAttribute('data-done-text') || '';
    });
  });
});

// Buttons that are only a fallback without JavaScript (e.g. the server-side "all present"): <button data-nojs>
document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('[data-nojs]').forEach((el) => { el.hidden = true; });
});

// Import progress: <section data-import-progress="/admin/import/5/postep"> asks for the progress every
// second, moves the <progress> bar and reloads the page when the import has ended. Without JavaScript the
// page offers a "refresh" link instead.
document.addEventListener('DOMContentLoaded', () => {
  const box = document.querySelector('[data-import-progress]');
  if (!box) return;
  const bar = box.querySelector('progress');
  const text = box.querySelector('[aria-live]');
  let last = -1;
  const poll = async () => {
    try {
      const res = await fetch(box.getAttribute('data-import-progress'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (res.ok) {
        const p = await res.json();
        if (p.status !== 'RUNNING') {
          window.location.reload();
          return;
        }
        if (bar) {
          bar.max = p.total;
          bar.value = p.done;
        }
        if (text && p.done !== last) text.textContent = `Zapisane wiersze: ${p.done.toLocaleString('pl-PL')} z ${p.total.toLocaleString('pl-PL')}.`;
        last = p.done;
      }
    } catch {
      // A network hiccup: try again on the next tick.
    }
    setTimeout(poll, 1000);
  };
  setTimeout(poll, 1000);
});
