"""Closed-loop chat-completions client in Python (aiohttp), for comparing client CPU per call with GatewayBench.

Usage: python3 aiohttp_bench.py PORT [C=512] [measured=61440] [warmup=C*20]
C coroutines each send the request GatewayBench sends, back to back, and parse the reply's text. CPU is the
process's own (user + system) over the measured calls only, after the warm-up calls.
"""
import asyncio
import sys
import time

import aiohttp

BODY = {
    "model": "bench",
    "messages": [
        {"role": "system", "content": "You are a benchmark."},
        {"role": "user", "content": "Say something short."},
    ],
    "max_tokens": 16,
}


async def main(port, workers, measured, warmup):
    url = f"http://127.0.0.1:{port}/v1/chat/completions"
    headers = {"Authorization": "Bearer sk-bench"}
    state = {"done": 0, "start": None, "end": None}
    closed = asyncio.Event()
    connector = aiohttp.TCPConnector(limit=workers)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def worker(delay):
            await asyncio.sleep(delay)
            while not closed.is_set():
                async with session.post(url, json=BODY, headers=headers) as resp:
                    reply = await resp.json()
                    reply["choices"][0]["message"]["content"]
                state["done"] += 1
                d = state["done"]
                if d == warmup:
                    state["start"] = (time.perf_counter(), time.process_time())
                elif d == warmup + measured:
                    state["end"] = (time.perf_counter(), time.process_time())
                    closed.set()

        await asyncio.gather(*(worker(i * 0.1 / workers) for i in range(workers)))
    (t0, c0), (t1, c1) = state["start"], state["end"]
    print(f"aiohttp {aiohttp.__version__}: {measured / (t1 - t0):.0f} req/s, "
          f"client CPU per call: {(c1 - c0) * 1000 / measured:.3f} ms")


if __name__ == "__main__":
    port = int(sys.argv[1])
    c = int(sys.argv[2]) if len(sys.argv) > 2 else 512
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 61440
    w = int(sys.argv[4]) if len(sys.argv) > 4 else c * 20
    asyncio.run(main(port, c, n, w))
