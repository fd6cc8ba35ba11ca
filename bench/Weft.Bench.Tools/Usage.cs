namespace Weft.Bench.Tools;

internal static class Usage
{
    public const string Text = """
        weft-bench: the programs of bench/run.sh's load benchmarks.

          weft-bench backend --h1 IP:PORT [--h2 IP:PORT] [--body-bytes 1024]
              A tiny Kestrel server answering every request 200 with a fixed body: HTTP/1.1 on --h1,
              HTTP/2 cleartext (prior knowledge) on --h2. Prints "weft-bench backend ready".

          weft-bench rate --url URL --rate RPS --duration S [--warmup S] [--http 1.1|2]
                          [--connections N | --fixed-connections N] [--body-bytes N] [--timeout S]
                          [--pids NAME=PID,...]
              Open-loop client: request i is due at start + i/RPS whatever happened before, and its
              latency counts from when it was DUE (coordinated omission corrected, as wrk2). Requests
              due during --warmup are sent but not recorded. Bounded: RPS x (warmup + duration)
              requests, then at most --timeout more seconds for the last answers. Prints one line:
              rate url=... http=... target_rps=... achieved_rps=... requests=... ok=... errors=...
                   p50_ms=... p90_ms=... p99_ms=... p999_ms=... max_ms=...
              --fixed-connections N: exactly N connections, requests round-robin over them (Istio's
              method); --body-bytes N: POST an N-byte body instead of GET; --pids: for each process,
              its CPU seconds (utime+stime, /proc) over the measured window and RSS at its end:
                   cpu_NAME_s=... window_NAME_s=... rss_NAME_kb=... hwm_NAME_kb=...

          weft-bench snapshots --out DIR --client IP:PORT --server IP:PORT --backend IP:PORT [--access-log] [--mtls]
              Writes client.json and server.json: the sidecar pair of the load benchmark, as the
              control plane would push them (client: outbound listener, Istio's default retry
              policy, HTTP/2 to the server sidecar; server: inbound listener, HTTP/1.1 to the app).
              The access log is off unless --access-log (Istio's default profile logs nothing).
              --mtls: ISTIO_MUTUAL between the sidecars, with certificates from a new mesh CA saved
              in DIR/client-data/certs and DIR/server-data/certs (weft-proxy --data-dir reuses them).

          weft-bench report --results FILE
              Reads run.sh's raw measurements (TSV: round case client topology rps p50_ms p99_ms
              errors requests) and prints Markdown tables: the median of the rounds per cell, and
              the ratios Weft/direct and Weft/haproxy.

          weft-bench latency-report --results FILE
              Reads run.sh latency's raw measurements (TSV: round case topology rps p50_ms p90_ms
              p99_ms errors requests window_s client_cpu_s server_cpu_s client_rss_kb server_rss_kb)
              and prints Markdown tables: added latency over direct, vCPU per 1000 req/s and RSS per
              proxy, Weft over haproxy, and Weft against the published Istio figures.

          weft-bench scale --api URL --token-file PATH --discovery URL --weftd-pid PID
                           [--proxies N] [--services S] [--timeout S] [--quiet S] [--max-rss-mb N]
              Against a running weftd: applies the Travel Booking config plus S generated services
              (default 1000), connects N simulated proxies (default 100) to the h2c push stream at
              --discovery (no listeners; each ACKs what it is sent), then prints Markdown rows:
              memory| weftd RSS idle and with the proxies, per proxy, time to every first push;
              change| for a mesh-wide and a namespace-local VirtualService change, the proxies
              affected and pushed, ACK latency p50/p99/max from the apply, weftd CPU per push.
              Stops (printing aborted| and why) when weftd's RSS passes --max-rss-mb (default: half
              the memory free at the start).
        """;

    public static int Fail(string command, IReadOnlyList<string> errors)
    {
        foreach (var e in errors)
            Console.Error.WriteLine($"weft-bench {command}: {e}");
        Console.Error.WriteLine();
        Console.Error.WriteLine(Text);
        return 2;
    }
}
