namespace Weft.Proxy.Telemetry;

/// <summary>Proxy-wide downstream counters, named as Envoy's http/listener stats.</summary>
public sealed class ProxyCounters
{
    public long DownstreamRqTotal;
    public long DownstreamRq1xx;
    public long DownstreamRq2xx;
    public long DownstreamRq3xx;
    public long DownstreamRq4xx;
    public long DownstreamRq5xx;
    public long DownstreamRqActive;
    public long DownstreamCxTotal;
    public long DownstreamCxActive;
    public long TcpConnectionsTotal;
    public long TcpBytesReceived;
    public long TcpBytesSent;
    public long SnapshotsApplied;
    public long SnapshotsRejected;

    public void RecordStatus(int status)
    {
        switch (status / 100)
        {
            case 1: Interlocked.Increment(ref DownstreamRq1xx); break;
            case 2: Interlocked.Increment(ref DownstreamRq2xx); break;
            case 3: Interlocked.Increment(ref DownstreamRq3xx); break;
            case 4: Interlocked.Increment(ref DownstreamRq4xx); break;
            case 5: Interlocked.Increment(ref DownstreamRq5xx); break;
        }
    }

    public IEnumerable<(string Name, long Value)> All()
    {
        yield return ("http.downstream_rq_total", Interlocked.Read(ref DownstreamRqTotal));
        yield return ("http.downstream_rq_1xx", Interlocked.Read(ref DownstreamRq1xx));
        yield return ("http.downstream_rq_2xx", Interlocked.Read(ref DownstreamRq2xx));
        yield return ("http.downstream_rq_3xx", Interlocked.Read(ref DownstreamRq3xx));
        yield return ("http.downstream_rq_4xx", Interlocked.Read(ref DownstreamRq4xx));
        yield return ("http.downstream_rq_5xx", Interlocked.Read(ref DownstreamRq5xx));
        yield return ("http.downstream_rq_active", Interlocked.Read(ref DownstreamRqActive));
        yield return ("listener.downstream_cx_total", Interlocked.Read(ref DownstreamCxTotal));
        yield return ("listener.downstream_cx_active", Interlocked.Read(ref DownstreamCxActive));
        yield return ("tcp.connections_total", Interlocked.Read(ref TcpConnectionsTotal));
        yield return ("tcp.bytes_received", Interlocked.Read(ref TcpBytesReceived));
        yield return ("tcp.bytes_sent", Interlocked.Read(ref TcpBytesSent));
        yield return ("weft.snapshots_applied", Interlocked.Read(ref SnapshotsApplied));
        yield return ("weft.snapshots_rejected", Interlocked.Read(ref SnapshotsRejected));
    }
}
