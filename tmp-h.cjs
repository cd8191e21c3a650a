const H = require('date-holidays');
const all = new H().getCountries();
const seen = {};
for (const cc of Object.keys(all)) { const h = new H(cc); const states = h.getStates(cc)||{}; for (const st of [undefined, ...Object.keys(states)]) { const hh = st? new H(cc,st):h; for (const x of hh.getHolidays(2026)) { if (x.type!=='public') continue; const dur=(x.end-x.start)/3600000; const t = x.date.slice(11); if (!t.startsWith('00:00:00') || dur<23 || dur>25 && dur%24) { const k=cc+' '+x.date+' '+dur; if(!seen[k]) {seen[k]=1; console.log(cc, st, x.date, x.name, dur);} } } } }
