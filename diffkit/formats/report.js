for (const box of document.querySelectorAll('input[data-cat]')) {
  const apply = () => document.body.classList.toggle('hide-' + box.dataset.cat, !box.checked);
  box.addEventListener('change', apply); apply();
}
const all = document.getElementById('show-all');
all.addEventListener('change', () => document.body.classList.toggle('show-all', all.checked));
for (const band of document.querySelectorAll('#map [data-pair]')) {
  band.addEventListener('click', () => {
    const el = document.getElementById('pair-' + band.dataset.pair);
    el.classList.remove('quiet'); el.scrollIntoView({behavior: 'smooth'});
  });
}
document.body.dataset.ready = 'yes';
