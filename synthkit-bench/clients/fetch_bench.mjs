// Closed-loop chat-completions client in Node (built-in fetch), for comparing client CPU per call with GatewayBench.
// Usage: node fetch_bench.mjs PORT [C=512] [measured=61440] [warmup=C*20]
// C async workers each send the request GatewayBench sends, back to back, and parse the reply's text. CPU is the
// process's own (user + system) over the measured calls only, after the warm-up calls.
const [port, c = '512', n = '61440', w] = process.argv.slice(2);
const workers = Number(c);
const measured = Number(n);
const warmup = w ? Number(w) : workers * 20;
const url = `http://127.0.0.1:${port}/v1/chat/completions`;
const body = JSON.stringify({
  model: 'bench',
  messages: [
    { role: 'system', content: 'You are a benchmark.' },
    { role: 'user', content: 'Say something short.' },
  ],
  max_tokens: 16,
});
let done = 0;
let start;
let end;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function worker(delayMs) {
  await sleep(delayMs);
  while (end === undefined) {
    const resp = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' },
      body,
    });
    const reply = await resp.json();
    void reply.choices[0].message.content;
    done++;
    if (done === warmup) start = [performance.now(), process.cpuUsage()];
    else if (done === warmup + measured) end = [performance.now(), process.cpuUsage()];
  }
}
await Promise.all(Array.from({ length: workers }, (_, i) => worker((i * 100) / workers)));
const secs = (end[0] - start[0]) / 1000;
const endCpu = end[1].user + end[1].system - (start[1].user + start[1].system);
console.log(`node ${process.version} fetch: ${(measured / secs).toFixed(0)} req/s, ` +
  `client CPU per call: ${(endCpu / 1000 / measured).toFixed(3)} ms`);
