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

// PESEL read while typing: <input data-pesel="id-of-live-region">. The same rules as src/lib/pesel.ts
// (check digit, century from the month, sex from the tenth digit); the server checks again on save.
document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('input[data-pesel]').forEach((input) => {
    const out = document.getElementById(input.getAttribute('data-pesel'));
    if (!out) return;
    const show = () => {
      const v = input.value.replace(/[\s-]+/g, '');
      if (!/^\d{11}$/.test(v)) {
        if (v.length >= 11 || /\D/.test(v)) out.textContent = v ? 'PESEL ma 11 cyfr.' : '';
        else if (!out.dataset.server) out.textContent = '';
        return;
      }
      const d = v.split('').map(Number);
      const weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
      const sum = weights.reduce((s, w, i) => s + w * d[i], 0);
      if ((10 - (sum % 10)) % 10 !== d[10]) { out.textContent = 'Ten numer PESEL ma błędną cyfrę kontrolną.'; return; }
      let month = d[2] * 10 + d[3];
      const centuries = [1900, 2000, 2100, 2200, 1800];
      const century = centuries[Math.floor(month / 20)];
      month %= 20;
      const year = century + d[0] * 10 + d[1];
      const day = d[4] * 10 + d[5];
      const date = new Date(Date.UTC(year, month - 1, day));
      if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) { out.textContent = 'Ten numer PESEL zawiera niemożliwą datę urodzenia.'; return; }
      const pad = (n) => String(n).padStart(2, '0');
      out.textContent = '';
      out.append('Z numeru PESEL: urodzenie ');
      const b1 = document.createElement('strong'); b1.textContent = `${pad(day)}.${pad(month)}.${year}`; out.append(b1);
      out.append(', płeć: ');
      const b2 = document.createElement('strong'); b2.textContent = d[9] % 2 ? 'mężczyzna' : 'kobieta'; out.append(b2);
      out.append('.');
    };
    if (out.textContent.trim()) out.dataset.server = '1';
    input.addEventListener('input', () => { delete out.dataset.server; show(); });
  });
});
