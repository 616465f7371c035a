// Sends a fixed, repeatable mix of requests to the demo services (no dependencies).
// Usage: node traffic.mjs [--python URL]... [--node URL]... [--rounds N]
// Each round hits /report/<n> and /checkout on every Python service and /report/<n> and
// /prices/<n> on every Node service, with n from a fixed sequence so recordings are comparable.
const args = process.argv.slice(2);
const python = [];
const node = [];
let rounds = 20;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--python') python.push(args[++i]);
  else if (args[i] === '--node') node.push(args[++i]);
  else if (args[i] === '--rounds') rounds = Number(args[++i]);
  else throw new Error(`unknown argument ${args[i]}`);
}
if (python.length + node.length === 0) {
  python.push('http://127.0.0.1:5077');
  node.push('http://127.0.0.1:5078');
}

async function hit(url) {
  const res = await fetch(url);
  await res.text();
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
}

let sent = 0;
for (let r = 0; r < rounds; r++) {
  // A small linear congruential sequence: varied sizes, identical on every run.
  const n = 5 + ((r * 17 + 3) % 36);
  for (const base of python) {
    await hit(`${base}/report/${n}`);
    if (r % 2 === 0) await hit(`${base}/checkout`);
    sent += r % 2 === 0 ? 2 : 1;
  }
  for (const base of node) {
    await hit(`${base}/report/${n}`);
    await hit(`${base}/prices/${n % 7}`);
    sent += 2;
  }
}
console.log(`traffic: ${sent} requests in ${rounds} rounds`);
